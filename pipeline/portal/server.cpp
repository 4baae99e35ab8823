#include "core/listen.hpp"
#include "portal/server.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "portal/context.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <filesystem>

namespace kansli::portal {
namespace {

[[noreturn]] void usage(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Usage, "portal", {}, message, std::move(hint));
}

// The static files the pages use, by fixed name only: no client path reaches the file system.
void add_static_routes(Portal& p) {
    p.http->Get(R"(/static/([a-z]+)\.(js|css))", [&p](const httplib::Request& req, httplib::Response& res) {
        const std::string name = req.matches[1].str() + "." + req.matches[2].str();
        const std::string path = p.cfg.home + "/templates/portal/static/" + name;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            res.status = 404;
            res.set_content("not found\n", "text/plain");
            return;
        }
        const core::Bytes b = core::read_file(path, 1u << 20);
        res.set_content(std::string(b.begin(), b.end()),
                        req.matches[2].str() == "js" ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8");
    });
}

void configure(Portal& p) {
    auto& http = *p.http;
    const unsigned threads = p.cfg.threads ? p.cfg.threads : 64;
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(p.cfg.max_upload);  // beyond: 413 before the body is read
    http.set_keep_alive_max_count(100000);
    http.set_tcp_nodelay(true);
    http.set_read_timeout(30, 0);
    http.set_write_timeout(30, 0);
    // Every response, pages, API, errors: no inline script or style anywhere (CSP), no framing,
    // no sniffing, no referrer, nothing cached.
    http.set_default_headers({
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; object-src 'none'; "
         "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Cache-Control", "no-store"},
        {"Cross-Origin-Opener-Policy", "same-origin"},
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        res.status = 500;
        res.set_content("internal error\n", "text/plain");
    });
    http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (res.body.empty()) {
            res.set_content(std::to_string(res.status) + (res.status == 404 ? " Sidan finns inte\n" : "\n"),
                            "text/plain; charset=utf-8");
        }
    });
    http.Get("/healthz",
             [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
    add_static_routes(p);
    add_login_routes(p);
    add_secretary_routes(p);
    add_signer_routes(p);
    add_websign_routes(p);
    add_registrar_routes(p);
    add_archive_routes(p);
}

// cpp-httplib 0.11 (Debian's, compiled) listens with a backlog of 5: 50 clients connecting at once
// overflow it and the kernel drops their SYNs (a 1 s retransmit each). Linux lets listen() be
// called again on a listening socket to change its backlog; the socket is found among our own
// descriptors as the one accepting on `port`.
void widen_backlog(int port) {
    for (int fd = 0; fd < 1024; ++fd) {
        int accepting = 0;
        socklen_t len = sizeof accepting;
        if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &len) != 0 || !accepting) continue;
        sockaddr_storage addr{};
        socklen_t alen = sizeof addr;
        if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &alen) != 0) continue;
        const int bound = addr.ss_family == AF_INET    ? ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port)
                          : addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                                       : -1;
        if (bound == port) ::listen(fd, 1024);
    }
}

}  // namespace

Server::Server(const PortalConfig& cfg) {
    auto [host, port] = core::parse_listen(cfg.listen, "portal", "127.0.0.1:8080");
    const bool tls = !cfg.tls_cert.empty() || !cfg.tls_key.empty();
    if (tls && (cfg.tls_cert.empty() || cfg.tls_key.empty())) usage("--tls-cert and --tls-key go together");
    if (!core::is_loopback(host) && !tls) {
        usage("refusing to listen on " + host +
                  " without TLS: passwords and session cookies would cross the network in clear",
              "give --tls-cert CERT.pem --tls-key KEY.pem, or listen on 127.0.0.1");
    }
    if (!cfg.clock) usage("the portal needs a clock");
    m_impl = std::make_unique<Impl>(cfg);
    Impl& p = *m_impl;
    for (const auto& t : cfg.trust) {
        auto c = verify::load_certificates(t);
        p.verify_options.trust.insert(p.verify_options.trust.end(), c.begin(), c.end());
    }
    for (const auto& f : cfg.crls) {
        auto c = verify::load_crls(f);
        p.verify_options.crls.insert(p.verify_options.crls.end(), c.begin(), c.end());
    }
    p.verify_options.max_bytes = cfg.max_verify;
    p.tls = tls;
    p.host = host;
    if (tls) {
        for (const auto& f : {cfg.tls_cert, cfg.tls_key}) (void)core::read_file(f, 1u << 20);  // clear I/O errors
        auto s = std::make_unique<httplib::SSLServer>(cfg.tls_cert.c_str(), cfg.tls_key.c_str());
        if (!s->is_valid()) usage("cannot use --tls-cert/--tls-key", "PEM certificate and its unencrypted key");
        p.http = std::move(s);
    } else {
        p.http = std::make_unique<httplib::Server>();
    }
    configure(p);
    if (port == 0) {
        port = p.http->bind_to_any_port(host);
        if (port <= 0) core::throw_io(cfg.listen, "cannot listen on " + host, "is the address one of this machine's?");
    } else if (!p.http->bind_to_port(host, port)) {
        core::throw_io(cfg.listen, "cannot listen on " + cfg.listen,
                       "is the port in use? --listen 127.0.0.1:0 picks a free one");
    }
    p.port = port;
    widen_backlog(port);
    p.audit("-", "start", "");
}

Server::~Server() = default;

int Server::port() const { return m_impl->port; }

std::string Server::url() const {
    const bool v6 = m_impl->host.find(':') != std::string::npos;
    return std::string(m_impl->tls ? "https" : "http") + "://" + (v6 ? "[" + m_impl->host + "]" : m_impl->host) + ":" +
           std::to_string(m_impl->port) + "/";
}

bool Server::run() { return m_impl->http->listen_after_bind(); }

void Server::stop() { m_impl->http->stop(); }

}  // namespace kansli::portal
