#include "tsa/client.hpp"

#include "core/diagnostic.hpp"

#include <httplib.h>

#include <botan/hash.h>
#include <botan/system_rng.h>

#include <algorithm>

namespace kansli::tsa {
namespace {

constexpr std::size_t kMaxReply = 1 << 20;

[[noreturn]] void fail(core::ExitCode code, const std::string& url, const std::string& what, std::string hint = {}) {
    throw core::Error(code, "tsa", core::SourceLoc{url, 0, 0}, what, std::move(hint));
}

}  // namespace

core::Bytes request_timestamp(const std::string& url, const cms::tsp::Imprint& imprint, int timeout_seconds,
                              bool nonce_from_imprint) {
    // scheme://host[:port][/path]
    const auto scheme_end = url.find("://");
    if (scheme_end == std::string::npos ||
        (url.compare(0, scheme_end, "http") != 0 && url.compare(0, scheme_end, "https") != 0)) {
        fail(core::ExitCode::Usage, url, "the TSA URL must start with http:// or https://");
    }
    const auto path_at = url.find('/', scheme_end + 3);
    const std::string origin = url.substr(0, path_at);
    const std::string path = path_at == std::string::npos ? "/" : url.substr(path_at);

    cms::tsp::Request req;
    req.imprint = imprint;
    req.cert_req = true;
    req.nonce.resize(8);
    if (nonce_from_imprint) {
        auto h = Botan::HashFunction::create_or_throw("SHA-256");
        h->update("kansli nonce");
        h->update(imprint.hashed.data(), imprint.hashed.size());
        const auto d = h->final();
        std::copy_n(d.begin(), req.nonce.size(), req.nonce.begin());
    } else {
        Botan::System_RNG rng;
        rng.randomize(req.nonce.data(), req.nonce.size());
    }
    req.nonce[0] = static_cast<std::uint8_t>((req.nonce[0] & 0x7F) | 0x01);  // positive, minimal, 8 bytes
    const core::Bytes body = cms::tsp::encode_request(req);

    httplib::Client client(origin);
    client.set_connection_timeout(timeout_seconds, 0);
    client.set_read_timeout(timeout_seconds, 0);
    client.set_write_timeout(timeout_seconds, 0);
    client.set_follow_location(false);
    client.set_tcp_nodelay(true);
    std::string reply;
    auto res = client.Post(path.c_str(), httplib::Headers{}, std::string(body.begin(), body.end()),
                           "application/timestamp-query");
    if (!res) {
        fail(core::ExitCode::Usage, url, "the TSA cannot be reached: " + httplib::to_string(res.error()),
             "is the time-stamping server running? (kansli tsa serve)");
    }
    if (res->status != 200) fail(core::ExitCode::Invalid, url, "the TSA answered HTTP " + std::to_string(res->status));
    if (res->body.size() > kMaxReply) fail(core::ExitCode::Invalid, url, "the TSA's reply is larger than 1 MiB");
    if (res->get_header_value("Content-Type").rfind("application/timestamp-reply", 0) != 0) {
        fail(core::ExitCode::Invalid, url, "the TSA's reply is not application/timestamp-reply");
    }
    cms::tsp::Response r;
    try {
        r = cms::tsp::decode_response(core::Bytes(res->body.begin(), res->body.end()));
    } catch (const core::Error& e) {
        fail(core::ExitCode::Invalid, url, e.diagnostics().front().message);
    }
    if (r.status != 0 && r.status != 1) {
        fail(core::ExitCode::Invalid, url,
             "the TSA refused the request (status " + std::to_string(r.status) + (r.text.empty() ? "" : ": " + r.text) +
                 ")");
    }
    if (r.token.empty()) fail(core::ExitCode::Invalid, url, "the TSA granted the request but sent no token");
    const auto check = cms::tsp::check_token(r.token, imprint, req.nonce);
    if (!check.problem.empty())
        fail(core::ExitCode::Invalid, url, "the TSA's token does not check out: " + check.problem);
    return r.token;
}

}  // namespace kansli::tsa
