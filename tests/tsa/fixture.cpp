#include "tsa/fixture.hpp"

#include "core/time.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <regex>

namespace kansli::test {

std::string key(const std::string& who) { return source("keys/demo/" + who + ".key.pem"); }
std::string cert(const std::string& who) { return source("keys/demo/" + who + ".cert.pem"); }

RunningTsa::RunningTsa(const std::string& serial_file, const std::string& key_path, const std::string& cert_path,
                       const std::string& date) {
    tsa::ServerConfig cfg;
    cfg.key_path = key_path.empty() ? key("tsa") : key_path;
    cfg.cert_path = cert_path.empty() ? cert("tsa") : cert_path;
    cfg.passphrase = "kansli-demo";
    cfg.listen = "127.0.0.1:0";
    cfg.serial_file = serial_file;
    const core::Instant t = core::parse_instant(date).value();
    cfg.clock = [t] { return t; };
    m_server = std::make_unique<tsa::Server>(cfg);
    m_thread = std::thread([this] { m_server->run(); });
}

RunningTsa::~RunningTsa() {
    m_server->stop();
    m_thread.join();
}

std::vector<std::string> post_files(const std::string& url, const std::vector<Post>& posts) {
    static const char* kDriver = R"py(
import sys, http.client, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
for i in range(2, len(sys.argv), 3):
    c = http.client.HTTPConnection(u.hostname, u.port, timeout=10)
    c.request("POST", u.path or "/", open(sys.argv[i], "rb").read(), {"Content-Type": sys.argv[i + 2]})
    r = c.getresponse()
    open(sys.argv[i + 1], "wb").write(r.read())
    c.close()
    print(r.status, r.getheader("Content-Type"))
)py";
    std::vector<std::string> argv = {"python3", "-c", kDriver, url};
    for (const auto& p : posts) argv.insert(argv.end(), {p.body_file, p.reply_file, p.content_type});
    const auto r = run(argv);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> lines;
    for (std::size_t at = 0, nl; (nl = r.out.find('\n', at)) != std::string::npos; at = nl + 1)
        lines.push_back(r.out.substr(at, nl - at));
    REQUIRE(lines.size() == posts.size());
    return lines;
}

std::string post_file(const std::string& url, const std::string& body_file, const std::string& reply_file,
                      const std::string& content_type) {
    return post_files(url, {{body_file, reply_file, content_type}}).front();
}

namespace {
std::array<std::size_t, 4> byte_range(const core::Bytes& pdf) {
    const std::string s(pdf.begin(), pdf.end());
    std::smatch m;
    REQUIRE(std::regex_search(s, m, std::regex(R"(/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+))")));
    return {std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3]), std::stoul(m[4])};
}
}  // namespace

core::Bytes first_cms(const core::Bytes& pdf) {
    const auto r = byte_range(pdf);
    core::Bytes cms;
    for (std::size_t i = r[1] + 1; i + 1 < r[2] - 1; i += 2) {
        cms.push_back(static_cast<std::uint8_t>(std::stoi(std::string{char(pdf[i]), char(pdf[i + 1])}, nullptr, 16)));
    }
    REQUIRE(cms.size() > 4);
    REQUIRE(cms[0] == 0x30);
    REQUIRE(cms[1] == 0x82);
    cms.resize(4 + (std::size_t{cms[2]} << 8 | cms[3]));
    return cms;
}

core::Bytes first_signed_content(const core::Bytes& pdf) {
    const auto r = byte_range(pdf);
    core::Bytes c(pdf.begin(), pdf.begin() + static_cast<std::ptrdiff_t>(r[1]));
    c.insert(c.end(), pdf.begin() + static_cast<std::ptrdiff_t>(r[2]),
             pdf.begin() + static_cast<std::ptrdiff_t>(r[2] + r[3]));
    return c;
}

std::size_t find(const core::Bytes& hay, const core::Bytes& needle) {
    const auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end());
    return it == hay.end() ? std::string::npos : static_cast<std::size_t>(it - hay.begin());
}

}  // namespace kansli::test
