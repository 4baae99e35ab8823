// `kansli tsa serve`: an RFC 3161 time-stamping authority over HTTP (RFC 3161 §3.4): a POST of
// application/timestamp-query to any path answers application/timestamp-reply. For offline sites
// and tests. The protocol is cms/timestamp; HTTP is cpp-httplib (its thread pool serves
// concurrent requests; keep-alive is on).
#pragma once

#include "core/files.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kansli::tsa {

struct ServerConfig {
    std::string key_path;                   ///< PKCS#8 PEM key of the TSA
    std::string cert_path;                  ///< PEM: the TSA certificate (then, optionally, its chain)
    std::vector<std::string> chain_paths;   ///< more PEM certificates of the chain (a root is dropped)
    std::optional<std::string> passphrase;  ///< for an encrypted key
    std::string listen = "127.0.0.1:3180";  ///< host:port; port 0 picks a free one
    std::string policy;                     ///< TSA policy OID; empty: cms::tsp::kDemoPolicy
    std::string serial_file;                ///< empty: "<key_path>.serial"
    std::function<core::Instant()> clock;   ///< genTime source (injectable for tests)
    std::uint32_t accuracy_seconds = 1;     ///< stated in every token (the clock's resolution)
    std::size_t max_request = 16 * 1024;    ///< larger requests are rejected (badDataFormat)
};

class Server {
public:
    /// Loads the key and certificate (the certificate must carry extKeyUsage id-kp-timeStamping,
    /// critical and alone, and be valid now), opens the serial state and binds the socket.
    /// Throws core::Error: exit 1 for a key or certificate that cannot serve, 2 for I/O (files,
    /// a port in use, a bad --listen).
    explicit Server(const ServerConfig& cfg);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// The bound port and the URL clients use ("http://127.0.0.1:3180/").
    [[nodiscard]] int port() const;
    [[nodiscard]] std::string url() const;

    /// Serves until stop(). Returns false when the server failed.
    bool run();
    /// Stops run() (from any thread; not from a signal handler).
    void stop();

    /// The protocol without HTTP: a reply (always a DER TimeStampResp) to one request body.
    [[nodiscard]] core::Bytes respond(const std::string& content_type, const core::Bytes& body);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kansli::tsa
