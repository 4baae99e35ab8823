#include "core/listen.hpp"
#include "tsa/server.hpp"

#include "cms/timestamp.hpp"
#include "core/diagnostic.hpp"
#include "sign/identity.hpp"
#include "tsa/serials.hpp"

#include <httplib.h>

#include <botan/x509cert.h>

#include <mutex>

namespace kansli::tsa {
namespace {

using cms::tsp::Failure;

[[noreturn]] void usage(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Usage, "tsa", {}, message, std::move(hint));
}

// A positive serial as minimal INTEGER content octets.
core::Bytes serial_octets(std::uint64_t n) {
    core::Bytes b;
    for (int shift = 56; shift >= 0; shift -= 8) {
        const auto byte = static_cast<std::uint8_t>(n >> shift);
        if (b.empty() && byte == 0) continue;
        if (b.empty() && (byte & 0x80)) b.push_back(0);
        b.push_back(byte);
    }
    if (b.empty()) b.push_back(0);
    return b;
}

std::string media_type(const std::string& content_type) {
    std::string t = content_type.substr(0, content_type.find(';'));
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    for (auto& c : t) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return t;
}

}  // namespace

struct Server::Impl {
    explicit Impl(sign::Identity id) : identity(std::move(id)) {}
    sign::Identity identity;
    std::string policy;
    std::unique_ptr<SerialStore> serials;
    std::function<core::Instant()> clock;
    std::uint32_t accuracy = 1;
    std::size_t max_request = 0;
    std::mutex sign_mutex;  // the key's signer state (RNG, PK_Signer) is not thread-safe
    httplib::Server http;
    std::string host;
    int port = 0;
};

Server::Server(const ServerConfig& cfg) {
    auto [host, port] = core::parse_listen(cfg.listen, "tsa", "127.0.0.1:3180");  // before any file is touched
    const core::Bytes key = core::read_file(cfg.key_path, std::size_t{1} << 20);
    core::Bytes certs = core::read_file(cfg.cert_path, std::size_t{1} << 20);
    for (const auto& p : cfg.chain_paths) {
        const core::Bytes more = core::read_file(p, std::size_t{1} << 20);
        certs.push_back('\n');
        certs.insert(certs.end(), more.begin(), more.end());
    }
    core::DiagSink diags;
    auto identity = sign::Identity::load(key, certs, cfg.passphrase, diags, cfg.key_path, cfg.cert_path);
    if (!cfg.clock) usage("the TSA needs a clock");  // injected by the caller: kansli reads time only in cli/
    const auto& clock = cfg.clock;
    identity.check_valid_at(clock());
    if (auto problem = cms::tsp::tsa_certificate_problem(Botan::X509_Certificate(identity.certificate()));
        !problem.empty()) {
        throw core::Error(core::ExitCode::Invalid, "tsa", core::SourceLoc{cfg.cert_path, 0, 0},
                          problem + ": it cannot sign time-stamps (RFC 3161 §2.3)",
                          "use a certificate made for a TSA, e.g. tsa.cert.pem of 'kansli keys demo'");
    }
    m_impl = std::make_unique<Impl>(std::move(identity));
    m_impl->policy = cfg.policy.empty() ? cms::tsp::kDemoPolicy : cfg.policy;
    m_impl->serials =
        std::make_unique<SerialStore>(cfg.serial_file.empty() ? cfg.key_path + ".serial" : cfg.serial_file);
    m_impl->clock = clock;
    m_impl->accuracy = cfg.accuracy_seconds;
    m_impl->max_request = cfg.max_request;
    m_impl->host = host;
    auto& http = m_impl->http;
    http.set_payload_max_length(cfg.max_request * 4);  // beyond: HTTP 413 before the body is read
    http.set_keep_alive_max_count(100000);
    http.set_tcp_nodelay(true);  // else Nagle + delayed ACK cost ~40 ms per keep-alive request
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    http.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
        const core::Bytes reply =
            respond(req.get_header_value("Content-Type"), core::Bytes(req.body.begin(), req.body.end()));
        res.set_content(std::string(reply.begin(), reply.end()), "application/timestamp-reply");
    });
    http.Get(".*", [](const httplib::Request&, httplib::Response& res) {
        res.status = 405;
        res.set_header("Allow", "POST");
        res.set_content("kansli TSA: POST an RFC 3161 application/timestamp-query to any path\n", "text/plain");
    });
    if (port == 0) {
        port = http.bind_to_any_port(host);
        if (port <= 0) core::throw_io(cfg.listen, "cannot listen on " + host, "is the address one of this machine's?");
    } else if (!http.bind_to_port(host, port)) {
        core::throw_io(cfg.listen, "cannot listen on " + cfg.listen,
                       "is the port in use? --listen 127.0.0.1:0 picks a free one");
    }
    m_impl->port = port;
}

Server::~Server() = default;

int Server::port() const { return m_impl->port; }

std::string Server::url() const {
    const bool v6 = m_impl->host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + m_impl->host + "]" : m_impl->host) + ":" + std::to_string(m_impl->port) + "/";
}

bool Server::run() { return m_impl->http.listen_after_bind(); }

void Server::stop() { m_impl->http.stop(); }

core::Bytes Server::respond(const std::string& content_type, const core::Bytes& body) {
    using namespace cms::tsp;
    Impl& s = *m_impl;
    try {
        if (media_type(content_type) != "application/timestamp-query") {
            return encode_rejection(Failure::BadRequest, "the content type must be application/timestamp-query");
        }
        if (body.size() > s.max_request) {
            return encode_rejection(Failure::BadDataFormat,
                                    "request larger than " + std::to_string(s.max_request) + " bytes");
        }
        const Request r = decode_request(body);
        if (r.policy && *r.policy != s.policy) {
            return encode_rejection(Failure::UnacceptedPolicy,
                                    "policy " + *r.policy + " is not accepted (this TSA: " + s.policy + ")");
        }
        TstInfo t;
        t.policy = s.policy;
        t.imprint = r.imprint;
        t.serial = serial_octets(s.serials->next());
        t.gen_time = s.clock();
        t.accuracy_seconds = s.accuracy;
        t.nonce = r.nonce;
        core::Bytes token;
        {
            std::lock_guard<std::mutex> g(s.sign_mutex);
            token = make_token(t, s.identity, s.identity.certificate(), s.identity.chain(), r.cert_req);
        }
        return encode_granted(token);
    } catch (const Rejection& rj) {
        return encode_rejection(rj.failure, rj.text);
    } catch (const std::exception& e) {
        return encode_rejection(Failure::SystemFailure, std::string("the TSA cannot answer: ") + e.what());
    }
}

}  // namespace kansli::tsa
