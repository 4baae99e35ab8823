#include "portal/demo.hpp"

#include "core/files.hpp"
#include "portal/accounts.hpp"
#include "portal/server.hpp"

#include <httplib.h>

#include <filesystem>
#include <ostream>
#include <thread>

namespace kansli::portal {
namespace {

constexpr const char* kDemoPassword = "kansli-demo";  // DEMO ONLY (keys/README.md)

std::string text_of(const std::string& path) {
    const core::Bytes b = core::read_file(path, 1u << 20);
    return std::string(b.begin(), b.end());
}

}  // namespace

std::vector<std::string> demo_trust(const std::string& home) { return {home + "/keys/demo/root.cert.pem"}; }
std::vector<std::string> demo_crls(const std::string& home) {
    return {home + "/keys/demo/root.crl.pem", home + "/keys/demo/issuing.crl.pem"};
}

std::vector<DemoLogin> add_demo_users(const std::string& data_dir, const std::string& home, std::int64_t now) {
    Db db(data_dir);
    std::vector<DemoLogin> logins = {{"sekreterare", "sekreterare", "Christian Åhrén"},
                                     {"registrator", "registrar", "Registratorn"},
                                     {"arkiv", "arkiv", "Arkivarien"}};
    // The signatories of templates/examples/protokoll-2023-02-24.xml, with their demo keys.
    const std::vector<std::pair<std::string, std::string>> signers = {{"christian-ahren", "Christian Åhrén"},
                                                                      {"bjorn-sandal", "Björn Sandal"},
                                                                      {"katarina-nyberg-finn", "Katarina Nyberg Finn"}};
    for (const auto& l : logins) add_user(db, data_dir, NewUser{l.name, l.role, l.person, kDemoPassword, {}, {}}, now);
    for (const auto& [stem, person] : signers) {
        const std::string keys = home + "/keys/demo/" + stem;
        add_user(db, data_dir,
                 NewUser{stem, "signer", person, kDemoPassword,
                         text_of(keys + ".cert.pem") + text_of(home + "/keys/demo/issuing.cert.pem"),
                         text_of(keys + ".key.pem")},
                 now);
        logins.push_back({stem, "signer", person});
    }
    return logins;
}

int demo_step(const std::string& home, const std::string& out_dir, core::Instant time, std::ostream& out) {
    const std::string pdf = out_dir + "/protokoll-2023-02-24.signerad.pdf";
    out << "\n   The signing portal (kansli portal): /healthz and POST /api/verify of the signed protokoll\n";
    PortalConfig cfg;
    cfg.data_dir = out_dir + "/portal";
    cfg.home = home;
    cfg.listen = "127.0.0.1:0";
    cfg.trust = demo_trust(home);
    cfg.crls = demo_crls(home);
    cfg.clock = [t = time.seconds] { return t; };
    cfg.threads = 2;
    Server server(cfg);
    std::thread t([&] { server.run(); });
    struct Stop {
        Server& s;
        std::thread& t;
        ~Stop() {
            s.stop();
            t.join();
        }
    } stop{server, t};
    httplib::Client client("127.0.0.1", server.port());
    const auto health = client.Get("/healthz");
    const core::Bytes bytes = core::read_file(pdf);
    httplib::MultipartFormDataItems items = {
        {"pdf", std::string(bytes.begin(), bytes.end()), "protokoll.pdf", "application/pdf"}};
    const auto res = client.Post("/api/verify", items);
    const bool ok = health && health->status == 200 && res && res->status == 200 &&
                    res->body.find("\"verdict\": \"passed\"") != std::string::npos;
    out << "  " << server.url() << "healthz: " << (health ? health->body.substr(0, 2) : "no answer")
        << "; /api/verify: " << (ok ? "passed" : "NOT passed") << "\n";
    return ok ? 0 : 1;
}

}  // namespace kansli::portal
