// Benchmark (not a test): signing.
//  1. in-process: sign::sign_pdf with a key decrypted once (RSA-2048 and ECDSA P-256), and the
//     PKCS#8 decryption (Identity::load) alone;
//  2. the protokoll chain sekreterare → justerare → ordförande as three `kansli sign` processes;
//  3. the same chain with podofosign (Debian's libpodofo-utils) on the same document and keys.
// Usage: bench_sign [N] [unsigned.pdf]   (default: `kansli build` of the example protokoll, else
// tests/data/sign/protokoll-unsigned.pdf)
#include "core/files.hpp"
#include "sign/identity.hpp"
#include "sign/fixture.hpp"
#include "sign/pdf_signer.hpp"
#include "support/tools.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace kansli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

struct Stats {
    double median = 0, min = 0;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.front()};
}

struct Signer {
    const char* who;
    const char* role;  // kansli --role and the field name for podofosign
    const char* field;
};
constexpr Signer kChain[] = {{"christian-ahren", "sekreterare", "Sekreterare"},
                             {"bjorn-sandal", "justerare", "Justerare"},
                             {"katarina-nyberg-finn", "ordförande", "Ordförande"}};

std::string key(const std::string& who) { return test::source("keys/demo/" + who + ".key.pem"); }
std::string cert(const std::string& who) { return test::source("keys/demo/" + who + ".cert.pem"); }

Stats in_process(const core::Bytes& pdf, const std::string& who, sign::Role role, int n) {
    auto id = test::demo_identity(who);
    const sign::SignRequest req = test::sign_request(id, role, test::kT1, {.any_order = true});
    std::vector<double> t;
    std::size_t size = 0;
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        size = sign::sign_pdf(pdf, req).size();
        t.push_back(ms_since(t0));
    }
    std::printf("  sign_pdf %-22s median %6.2f ms  min %6.2f ms  (+%zu bytes)\n", who.c_str(), stats(t).median,
                stats(t).min, size - pdf.size());
    return stats(t);
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::max(3, std::atoi(argv[1])) : 20;
    const std::string dir = test::temp_dir("bench-sign");
    std::string input = argc > 2 ? argv[2] : "";
    if (input.empty()) {
        input = dir + "/protokoll.pdf";
        const auto b = test::kansli({"build", test::source("templates/examples/protokoll-2023-02-24.xml"), "-o", input,
                                     "--date", "2023-02-24"});
        if (b.exit_code != 0) input = test::data("sign/protokoll-unsigned.pdf");
    }
    const core::Bytes pdf = core::read_file(input);
    std::printf("bench_sign: %s (%zu bytes), N=%d\n", input.c_str(), pdf.size(), n);

    std::printf("1. in-process (key decrypted once):\n");
    in_process(pdf, "christian-ahren", sign::Role::Sekreterare, n);
    in_process(pdf, "bjorn-sandal", sign::Role::Justerare, n);
    {
        // a later signature: the input already carries the sekreterare's (and its appearance font)
        const core::Bytes v1 = test::sign_as(pdf, "christian-ahren", sign::Role::Sekreterare, test::kT1);
        std::printf("  (a second signature, on the PDF signed by the sekreterare:)\n");
        in_process(v1, "bjorn-sandal", sign::Role::Justerare, n);
    }
    {
        // the same document with its objects in object streams and a cross-reference stream
        const std::string xref = dir + "/xref-stream.pdf";
        if (test::run({"qpdf", "--object-streams=generate", input, xref}).exit_code == 0) {
            std::printf("  (the document rewritten with object streams and an xref stream:)\n");
            in_process(core::read_file(xref), "christian-ahren", sign::Role::Sekreterare, n);
        }
    }
    {
        std::vector<double> t;
        for (int i = 0; i < n; ++i) {
            const auto t0 = Clock::now();
            (void)test::demo_identity("christian-ahren");
            t.push_back(ms_since(t0));
        }
        std::printf("  Identity::load (PKCS#8 PBES2 decrypt + certs)  median %6.2f ms\n", stats(t).median);
    }

    {
        // the whole chain in one process, keys decrypted inside the timed loop
        std::vector<double> t;
        for (int i = 0; i < n; ++i) {
            const auto t0 = Clock::now();
            core::Bytes doc = pdf;
            for (int s = 0; s < 3; ++s) {
                doc = test::sign_as(doc, kChain[s].who, *sign::parse_role(kChain[s].role), test::kT1);
            }
            t.push_back(ms_since(t0));
        }
        std::printf("  chain of 3 in one process (3 key decrypts + 3 sign_pdf)  median %6.2f ms\n", stats(t).median);
    }

    const std::vector<std::string> env = {"KANSLI_PASSPHRASE=kansli-demo"};
    std::vector<double> ours, theirs;
    for (int i = 0; i < std::max(3, n / 2); ++i) {
        std::string in = input;
        const auto t0 = Clock::now();
        for (int s = 0; s < 3; ++s) {
            const std::string out = dir + "/k" + std::to_string(s) + ".pdf";
            const auto r =
                test::kansli({"sign", in, "-o", out, "--key", key(kChain[s].who), "--cert", cert(kChain[s].who),
                              "--role", kChain[s].role, "--date", "2023-02-2" + std::to_string(4 + s)},
                             env);
            if (r.exit_code != 0) {
                std::printf("kansli sign failed: %s\n", r.err.c_str());
                return 1;
            }
            in = out;
        }
        ours.push_back(ms_since(t0));

        in = input;
        const auto t1 = Clock::now();
        for (int s = 0; s < 3; ++s) {
            const std::string out = dir + "/p" + std::to_string(s) + ".pdf";
            const auto r = test::run({"podofosign", "-in", in, "-out", out, "-cert", cert(kChain[s].who), "-pkey",
                                      key(kChain[s].who), "-password", "kansli-demo", "-digest", "SHA256",
                                      "-field-name", kChain[s].field, "-field-use-existing"});
            if (r.exit_code != 0) {
                std::printf("podofosign failed: %s %s\n", r.out.c_str(), r.err.c_str());
                return 1;
            }
            in = out;
        }
        theirs.push_back(ms_since(t1));
    }
    for (const char* tool : {"k", "p"}) {
        std::size_t prev = pdf.size();
        std::printf("   bytes added per `%s`:", *tool == 'k' ? "kansli sign" : "podofosign");
        for (int s = 0; s < 3; ++s) {
            const std::size_t size = core::read_file(dir + "/" + tool + std::to_string(s) + ".pdf").size();
            std::printf(" +%zu", size - prev);
            prev = size;
        }
        std::printf("\n");
    }
    const auto a = stats(ours), b = stats(theirs);
    std::printf("2. chain of 3 `kansli sign` processes:  median %6.1f ms  min %6.1f ms\n", a.median, a.min);
    std::printf("3. chain of 3 `podofosign` processes:   median %6.1f ms  min %6.1f ms\n", b.median, b.min);
    std::printf("   ratio podofosign / kansli: %.2f\n", b.median / a.median);
    const auto v = test::run({"pdfsig", "-nocert", dir + "/k2.pdf"});
    std::size_t valid = 0;
    for (auto p = v.out.find("Signature is Valid."); p != std::string::npos;
         p = v.out.find("Signature is Valid.", p + 1))
        ++valid;
    std::printf("   pdfsig: %zu of 3 kansli signatures valid\n", valid);
    return 0;
}
