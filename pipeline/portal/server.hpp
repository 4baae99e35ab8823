// `kansli portal`: the signing portal, an HTTP(S) server over a data folder (SQLite + files by
// id). Loopback by default; a non-loopback address needs TLS. See the README section "Portal".
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace kansli::portal {

struct PortalConfig {
    std::string data_dir;                   ///< DIR: portal.sqlite, files/, keys/, reports/
    std::string home;                       ///< kansli home (schemas, templates, fonts)
    std::string listen = "127.0.0.1:8080";  ///< HOST:PORT; port 0 picks a free one
    std::string tls_cert, tls_key;          ///< PEM files: HTTPS when both are set
    std::vector<std::string> trust, crls;   ///< verification's trust anchors and CRLs (loaded once)
    std::function<std::int64_t()> clock;    ///< Unix seconds (injected by the CLI)
    std::size_t max_upload = 32u << 20;     ///< bytes of one request body; beyond: 413
    std::size_t max_verify = 16u << 20;     ///< bytes of a PDF to /api/verify or /registrator; beyond: 413
    int verify_per_minute = 600;            ///< POST /api/verify per client address (0: unlimited)
    std::int64_t session_lifetime = 8 * 3600;
    unsigned threads = 64;  ///< HTTP worker threads (a keep-alive connection holds one)
};

class Server {
public:
    /// Opens the data folder, loads trust anchors and CRLs, binds the socket. Throws core::Error
    /// (exit 2: I/O, a port in use, a non-loopback address without --tls-cert/--tls-key).
    explicit Server(const PortalConfig& cfg);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    [[nodiscard]] int port() const;
    [[nodiscard]] std::string url() const;
    bool run();   ///< serves until stop()
    void stop();  ///< from any thread (not a signal handler)

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kansli::portal
