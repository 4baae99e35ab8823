// A TSA served in-process on a free loopback port for the length of a test, and helpers around it.
#pragma once

#include "core/files.hpp"
#include "tsa/server.hpp"

#include <memory>
#include <string>
#include <thread>

namespace kansli::test {

/// The committed demo TSA (keys/demo/tsa.*), or another key/certificate pair; stopped and joined
/// by the destructor. genTime is fixed to `date`.
class RunningTsa {
public:
    explicit RunningTsa(const std::string& serial_file, const std::string& key = "", const std::string& cert = "",
                        const std::string& date = "2026-03-01T10:00:00Z");
    ~RunningTsa();
    RunningTsa(const RunningTsa&) = delete;
    RunningTsa& operator=(const RunningTsa&) = delete;
    [[nodiscard]] std::string url() const { return m_server->url(); }
    tsa::Server& server() { return *m_server; }

private:
    std::unique_ptr<tsa::Server> m_server;
    std::thread m_thread;
};

/// POSTs `body_file` to `url` with python3's http.client (an outside HTTP client) and writes the
/// reply body to `reply_file`; returns "STATUS CONTENT-TYPE".
std::string post_file(const std::string& url, const std::string& body_file, const std::string& reply_file,
                      const std::string& content_type = "application/timestamp-query");

/// The same for several requests in one client process (one connection each); one line per reply.
struct Post {
    std::string body_file, reply_file, content_type = "application/timestamp-query";
};
std::vector<std::string> post_files(const std::string& url, const std::vector<Post>& posts);

/// The CMS of the first signature of `pdf` (from the /Contents hole, zero padding cut).
core::Bytes first_cms(const core::Bytes& pdf);

/// The signed bytes of the first signature of `pdf` (its /ByteRange).
core::Bytes first_signed_content(const core::Bytes& pdf);

/// Byte-level search: offset of `needle` in `hay`, or npos.
std::size_t find(const core::Bytes& hay, const core::Bytes& needle);

std::string key(const std::string& who);
std::string cert(const std::string& who);

}  // namespace kansli::test
