#include "job/demo.hpp"

#include "core/diagnostic.hpp"
#include "job/anslag.hpp"
#include "job/build.hpp"
#include "job/demo_ltv.hpp"
#include "job/demo_second.hpp"
#include "job/demo_inspect.hpp"
#include "job/demo_structure.hpp"
#include "job/external_demo.hpp"
#include "job/demo_utdrag.hpp"
#include "job/sign.hpp"
#include "job/verify.hpp"
#include "tsa/client.hpp"
#include "tsa/server.hpp"
#include "verify/report.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>
#include <thread>
#include <vector>

namespace kansli::job {

namespace fs = std::filesystem;

namespace {

// The demo PKI's published passphrase (keys/README.md). DEMO ONLY.
constexpr const char* kDemoPassphrase = "kansli-demo";
constexpr std::int64_t kHour = 3600;

struct DemoSigner {
    const char* key;    ///< file stem in keys/demo
    const char* role;   ///< --role, or empty
    const char* field;  ///< --field, or empty
    const char* place;  ///< --location, or empty
};

/// The parties of templates/examples/overenskommelse-2025.xml in the order of its <underskrifter>,
/// each signing its own field "Part <id>" with its own demo key (fictional representatives, keys/README.md)
/// at the ort of its <underskrift>.
std::vector<DemoSigner> avtal_parties() {
    return {{"kommun-berg", "", "Part berg", "Svenstavik"},
            {"kommun-bracke", "", "Part bracke", "Bräcke"},
            {"kommun-harjedalen", "", "Part harjedalen", "Sveg"},
            {"kommun-krokom", "", "Part krokom", "Krokom"},
            {"kommun-ragunda", "", "Part ragunda", "Hammarstrand"},
            {"kommun-stromsund", "", "Part stromsund", "Strömsund"},
            {"kommun-are", "", "Part are", "Järpen"},
            {"kommun-ostersund", "", "Part ostersund", "Östersund"},
            {"region-jamtland-harjedalen", "", "Part region", "Östersund"}};
}

void copy_sources(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::create_directories(to, ec);
    if (ec) core::throw_io(to.string(), "cannot create the demo folder: " + ec.message());
    for (auto it = fs::recursive_directory_iterator(from, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        const fs::path rel = fs::relative(it->path(), from);
        const fs::path dst = to / rel;
        if (it->is_directory()) {
            fs::create_directories(dst, ec);
        } else if (it->path().extension() != ".pdf") {
            fs::copy_file(it->path(), dst, fs::copy_options::overwrite_existing, ec);
        }
        if (ec) core::throw_io(dst.string(), "cannot copy the example: " + ec.message());
    }
    if (ec) core::throw_io(from.string(), "cannot read the examples: " + ec.message());
}

/// Attachments first (handlingar/, then the överenskommelse that kallelse-2025 appends), then the rest.
std::vector<fs::path> build_order(const fs::path& dir) {
    std::vector<fs::path> first, middle, last;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
        if (*fs::relative(e.path(), dir).begin() == "arkiv") continue;  // the archive step's packages
        const std::string name = e.path().filename().string();
        if (e.path().parent_path() != dir) {
            first.push_back(e.path());
        } else if (name.rfind("kallelse", 0) == 0) {
            last.push_back(e.path());
        } else {
            middle.push_back(e.path());
        }
    }
    for (auto* v : {&first, &middle, &last}) std::sort(v->begin(), v->end());
    first.insert(first.end(), middle.begin(), middle.end());
    first.insert(first.end(), last.begin(), last.end());
    return first;
}

/// Signs `pdf` by each signer in turn, one hour apart from `start`, with `reason`; returns the final
/// signed file. With `tsa_url`, every signature gets a signature time-stamp (PAdES B-T).
std::string sign_chain(const std::string& pdf, const std::vector<DemoSigner>& signers, const fs::path& keys,
                       core::Instant start, const char* reason, std::ostream& out, const std::string& tsa_url = {}) {
    std::string input = pdf;
    const std::string stem = pdf.substr(0, pdf.size() - 4);
    for (std::size_t i = 0; i < signers.size(); ++i) {
        SignConfig cfg;
        cfg.input = input;
        cfg.output =
            i + 1 == signers.size() ? stem + ".signerad.pdf" : stem + ".signerad-" + std::to_string(i + 1) + ".pdf";
        cfg.key_path = (keys / (std::string(signers[i].key) + ".key.pem")).string();
        cfg.cert_path = (keys / (std::string(signers[i].key) + ".cert.pem")).string();
        cfg.passphrase = kDemoPassphrase;
        cfg.role = signers[i].role;
        cfg.field = signers[i].field;
        cfg.reason = reason;
        cfg.location = signers[i].place;
        cfg.time = core::Instant{start.seconds + static_cast<std::int64_t>(i) * kHour};
        if (!tsa_url.empty()) {
            cfg.timestamp = [&tsa_url](const core::Bytes& signature_value) {
                return tsa::request_timestamp(tsa_url, cms::tsp::sha256_imprint(signature_value), 10, true);
            };
        }
        const SignOutcome o = sign_file(cfg);
        out << "  signed by " << o.signer << " (" << (*signers[i].role ? signers[i].role : signers[i].field) << ") → "
            << cfg.output << "\n";
        input = cfg.output;
    }
    return input;
}

/// The second example protokoll (templates/examples/protokoll-2025-11-14.xml): signed by its
/// signers, the acting ordförande among them, then its ANSLAG dates filled (job/anslag.hpp).
std::string second_protokoll(const fs::path& dir, const fs::path& keys, core::Instant start, core::Instant now,
                             std::ostream& out) {
    out << "\n   The second protokoll: its 1:a vice ordförande chaired the meeting and signs as ordförande\n";
    const std::string signed_pdf = sign_chain((dir / "protokoll-2025-11-14.pdf").string(),
                                              {{"christian-ahren", "sekreterare", "", ""},
                                               {"kommun-bracke", "justerare", "", ""},
                                               {"kommun-harjedalen", "ordförande", "", ""}},
                                              keys, start, "Justering", out);
    return demo_anslag(signed_pdf, now, out);
}

/// Builds every example (attachments first) at `time`; returns the PDFs written.
std::vector<std::string> build_all(const fs::path& dir, const std::string& home, core::Instant time,
                                   std::ostream& out) {
    std::vector<std::string> built;
    for (const auto& xml : build_order(dir)) {
        BuildRequest req;
        req.input = xml.string();
        req.home = home;
        req.time = time;
        const BuildResult r = build(req);
        built.push_back(r.output);
        for (const auto& d : r.diagnostics) out << "    " << d.message << "\n";  // e.g. no PDF/A claim
        out << "  " << r.output << ": " << r.pages << (r.pages == 1 ? " page" : " pages") << "\n";
    }
    return built;
}

/// The ordförande signing before the sekreterare must be refused (the signing order in the PDF).
bool out_of_order_refused(const std::string& protokoll, const fs::path& dir, const fs::path& keys, core::Instant time,
                          std::ostream& out) {
    try {
        SignConfig wrong;
        wrong.input = protokoll;
        wrong.output = (dir / "out-of-order.pdf").string();
        wrong.key_path = (keys / "katarina-nyberg-finn.key.pem").string();
        wrong.cert_path = (keys / "katarina-nyberg-finn.cert.pem").string();
        wrong.passphrase = kDemoPassphrase;
        wrong.role = "ordförande";
        wrong.time = time;
        sign_file(wrong);
        out << "  ERROR: signing as ordförande before the sekreterare was not refused\n";
        return false;
    } catch (const core::Error& e) {
        out << "  ordförande first is refused, as it must be:\n    "
            << (e.diagnostics().empty() ? std::string(e.what()) : e.diagnostics().front().message) << "\n";
        return true;
    }
}

}  // namespace

int run_demo(const DemoConfig& cfg, std::ostream& out) {
    const fs::path examples = fs::path(cfg.home) / "templates" / "examples";
    const fs::path keys = fs::path(cfg.home) / "keys" / "demo";
    const fs::path dir = fs::absolute(cfg.out_dir);
    int status = 0;

    out << "kansli demo: the bundled examples, built, signed and verified in " << dir.string() << "\n"
        << "(the signing keys are the DEMO PKI of keys/demo: never for real documents)\n\n"
        << "1. Build (every source is validated first)\n";
    copy_sources(examples, dir);
    // The timeline ends at cfg.time ("now" by default), never after it: build, then the signatures
    // one hour apart, then the verification at cfg.time itself.
    const std::vector<DemoSigner> parties = avtal_parties();
    const std::int64_t steps = static_cast<std::int64_t>(parties.size()) + 2;
    const core::Instant build_time{cfg.time.seconds - steps * kHour};
    std::vector<std::string> built = build_all(dir, cfg.home, build_time, out);

    // The demo TSA, in this process on a free loopback port, for the protokoll's B-T signatures;
    // its clock reads cfg.time (after every signature).
    tsa::ServerConfig tc;
    tc.key_path = (keys / "tsa.key.pem").string();
    tc.cert_path = (keys / "tsa.cert.pem").string();
    tc.passphrase = kDemoPassphrase;
    tc.listen = "127.0.0.1:0";
    // The demo TSA lives for this run only: its serials start afresh each run (a real TSA keeps its
    // serial file for ever), so the same --date gives the same signed bytes.
    tc.serial_file = (dir / "tsa.serial").string();
    std::filesystem::remove(tc.serial_file);
    tc.clock = [t = cfg.time] { return t; };
    tsa::Server tsa_server(tc);
    std::thread tsa_thread([&] { tsa_server.run(); });
    struct StopTsa {
        tsa::Server& server;
        std::thread& thread;
        ~StopTsa() {
            server.stop();
            thread.join();
        }
    } stop_tsa{tsa_server, tsa_thread};

    out << "\n2. Sign the protokoll in the order of its <underskrifter>, each signature time-stamped (PAdES B-T)\n"
        << "   by the demo TSA at " << tsa_server.url() << "\n";
    const std::string protokoll = (dir / "protokoll-2023-02-24.pdf").string();
    const core::Instant sign_start{build_time.seconds + kHour};
    if (!out_of_order_refused(protokoll, dir, keys, sign_start, out)) status = 1;
    const std::string signed_protokoll = sign_chain(protokoll,
                                                    {{"christian-ahren", "sekreterare", "", ""},
                                                     {"bjorn-sandal", "justerare", "", ""},
                                                     {"katarina-nyberg-finn", "ordförande", "", ""}},
                                                    keys, sign_start, "Justering", out, tsa_server.url());
    const std::string announced_protokoll = demo_anslag(signed_protokoll, cfg.time, out);  // job/anslag.hpp

    const std::string second = second_protokoll(dir, keys, sign_start, cfg.time, out);

    out << "\n   Long-term validation (PAdES B-LTA): kansli ltv with the demo TSA\n";
    if (demo_long_term(signed_protokoll, keys.string(), tsa_server.url(), cfg.time, out) != 0) status = 1;

    out << "\n3. Sign the överenskommelse by every party (fictional representatives)\n";
    const std::string signed_avtal =
        sign_chain((dir / "overenskommelse-2025.pdf").string(), parties, keys, sign_start, "Undertecknande", out);

    const std::size_t last = parties.size() - 1;  // who signs once more, with a key kansli never holds
    status |= run_external_demo(
        {(dir / "overenskommelse-2025.signerad-").string() + std::to_string(last) + ".pdf", signed_avtal, keys.string(),
         parties[last].key, parties[last].field, parties[last].place, "Undertecknande",
         core::Instant{sign_start.seconds + static_cast<std::int64_t>(last) * kHour}},
        out);

    out << "\n4. Verify (trust: the demo root; revocation: the demo CRLs)\n\n";
    VerifyJob vj;
    vj.files = {announced_protokoll, second, signed_avtal};
    vj.trust = {(keys / "root.cert.pem").string()};
    vj.crls = {(keys / "issuing.crl.pem").string(), (keys / "root.crl.pem").string()};
    // After the last signature of either chain (one hour apart each).
    vj.at = cfg.time;
    const VerifyJobResult vr = run_verify(vj);
    for (const auto& report : vr.reports) out << verify::to_text(report) << "\n";
    if (vr.exit_code != 0) status = 1;
    if (demo_structure({signed_protokoll, signed_avtal}, out) != 0) status = 1;

    built.insert(built.end(), {signed_protokoll, signed_avtal});
    demo_inspect(built, out, status);
    if (demo_utdrag(cfg.home, signed_protokoll, dir.string(), keys.string(), cfg.time, out) != 0) status = 1;
    status |= demo_second_protokoll({cfg.home, dir, keys, second, {build_time.seconds + 20 * 60}, cfg.time}, out);

    out << (status == 0 ? "Demo complete: every PDF built, signed in order and verified.\n"
                        : "Demo FAILED: see above.\n")
        << "Results: " << dir.string() << "\n";
    return status;
}

}  // namespace kansli::job
