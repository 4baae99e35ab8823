// Benchmark (not a test): `kansli verify` on a signed PDF (default: the 3-signature fixture).
//  0. cold: this program run again as a fresh child process (N times, at most 20): loading the trust
//     anchors and CRLs, then the first verify_pdf of the process (what a `kansli verify` process
//     pays: first use of Botan, qpdf and the allocator) and a second one (warm);
//  1. in-process: verify_pdf N times — wall and CPU ms per document; once with the process's
//     caches of keys and path validations warm (what a second document of the same signers costs),
//     once with them cleared before each run (what the first document of a process costs, minus
//     the one-off start-up of Botan and qpdf);
//  2. the floor: the cryptography alone (hash of each signature's signed bytes, one public-key
//     verification per signature, each distinct certificate and CRL signature checked once) —
//     what a verifier cannot avoid;
//  3. the whole process: fork/exec `kansli verify` N times — wall and CPU ms per run;
//  4. `pdfsig -nocert` on the same file, N times, for comparison.
// Usage: bench_verify [N] [file.pdf] [in-process|in-process-cleared]; bench_verify --cold-child file.pdf (one cold run)   (trust: tests/data/verify/pki, time 2030-01-01T00:00:00Z)
#include "core/files.hpp"
#include "support/tools.hpp"
#include "bench_util.hpp"
#include "verify/chain.hpp"
#include "verify/verify.hpp"

#include <botan/hash.h>
#include <botan/pkix_types.h>
#include <botan/pubkey.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <memory>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace kansli;
using namespace kansli::bench;

namespace {

struct ProcessTimes {
    Stats wall;
    double cpu_mean = 0;
    int failures = 0;
};

// Runs argv (stdout/stderr to /dev/null) n times; wall per run and mean CPU of the children.
ProcessTimes time_process(const std::vector<std::string>& argv, int n, int expect_exit) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    std::vector<double> wall;
    ProcessTimes out;
    const double c0 = children_cpu_ms();
    for (int i = 0; i < n; ++i) {
        const auto t0 = Clock::now();
        const pid_t pid = ::fork();
        if (pid == 0) {
            const int null = ::open("/dev/null", O_WRONLY);
            ::dup2(null, 1);
            ::dup2(null, 2);
            ::execvp(args[0], args.data());
            ::_exit(127);
        }
        int status = 0;
        ::waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != expect_exit) ++out.failures;
        wall.push_back(ms_since(t0));
    }
    out.wall = stats(wall);
    out.cpu_mean = (children_cpu_ms() - c0) / n;
    return out;
}

// The cryptographic floor of one verification of `pdf`, from the report of a first run: per
// signature the hash of its signed bytes and one public-key verification with the signer's key
// (a wrong signature of the right shape costs what a right one does); then each distinct
// certificate (signers, intermediate) and each CRL signature checked once by its issuer.
double floor_ms(const std::vector<std::uint8_t>& pdf, const verify::VerifyReport& rep, const verify::VerifyOptions& o,
                const std::vector<Botan::X509_Certificate>& signers) {
    const auto t0 = Clock::now();
    for (const auto& s : rep.signatures) {
        const auto* b = s.byte_range;
        auto h = Botan::HashFunction::create_or_throw(s.digest_algorithm.empty() ? "SHA-256" : s.digest_algorithm);
        h->update(pdf.data(), static_cast<std::size_t>(b[1]));
        h->update(pdf.data() + b[2], static_cast<std::size_t>(b[3]));
        const auto digest = h->final();
        const Botan::X509_Certificate* cert = &signers.front();
        for (const auto& c : signers) {
            if (!c.subject_info("X520.CommonName").empty() && c.subject_info("X520.CommonName").front() == s.signer)
                cert = &c;
        }
        std::unique_ptr<Botan::Public_Key> key(cert->load_subject_public_key());
        const bool ec = key->algo_name() == "ECDSA";
        Botan::PK_Verifier v(*key, ec ? "EMSA1(SHA-256)" : "EMSA3(SHA-256)", Botan::IEEE_1363);
        std::vector<std::uint8_t> sig(ec ? 64 : key->key_length() / 8, 0x5a);
        v.update(digest.data(), digest.size());
        (void)v.check_signature(sig);
    }
    std::unique_ptr<Botan::Public_Key> root(o.trust.front().load_subject_public_key());
    std::unique_ptr<Botan::Public_Key> issuing(o.extra.front().load_subject_public_key());
    (void)o.extra.front().check_signature(*root);
    for (const auto& c : signers) (void)c.check_signature(*issuing);
    for (const auto& crl : o.crls)
        (void)crl.check_signature(crl.issuer_dn().to_string() == o.extra.front().subject_dn().to_string() ? *issuing
                                                                                                          : *root);
    return ms_since(t0);
}

}  // namespace

verify::VerifyOptions fixture_options(const std::string& pki) {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(pki + "root.pem");
    o.extra = verify::load_certificates(pki + "issuing.pem");
    o.crls = verify::load_crls(pki + "issuing.crl");
    for (auto& c : verify::load_crls(pki + "root.crl")) o.crls.push_back(c);
    o.at = core::Instant{1893456000};
    return o;
}

// One cold run in this fresh process: prints "load first second" in ms.
int cold_child(const std::string& file) {
    const auto pdf = core::read_file(file);
    const auto t0 = Clock::now();
    const auto o = fixture_options(test::data("verify/pki/"));
    const double load = ms_since(t0);
    const auto t1 = Clock::now();
    const double c1 = cpu_ms();
    const auto r1 = verify::verify_pdf(pdf, file, o);
    const double first = ms_since(t1), first_cpu = cpu_ms() - c1;
    const auto t2 = Clock::now();
    const double c2 = cpu_ms();
    const auto r2 = verify::verify_pdf(pdf, file, o);
    const double second = ms_since(t2), second_cpu = cpu_ms() - c2;
    std::printf("%.4f %.4f %.4f %d %.4f %.4f\n", load, first, second, r1.verdict == r2.verdict ? 1 : 0, first_cpu,
                second_cpu);
    return 0;
}

struct ColdTimes {
    Stats load, first, second, first_cpu, second_cpu;
    int runs = 0;
};

// Runs `self --cold-child file` n times and collects its figures.
ColdTimes cold(const std::string& self, const std::string& file, int n) {
    std::vector<double> load, first, second, first_cpu, second_cpu;
    for (int i = 0; i < n; ++i) {
        const std::string cmd = "'" + self + "' --cold-child '" + file + "'";
        FILE* p = ::popen(cmd.c_str(), "r");
        if (!p) continue;
        double a = 0, b = 0, c = 0, d = 0, e = 0;
        int same = 0;
        const int got = std::fscanf(p, "%lf %lf %lf %d %lf %lf", &a, &b, &c, &same, &d, &e);
        ::pclose(p);
        if (got != 6 || !same) continue;
        first_cpu.push_back(d);
        second_cpu.push_back(e);
        load.push_back(a);
        first.push_back(b);
        second.push_back(c);
    }
    ColdTimes out;
    out.runs = static_cast<int>(load.size());
    if (out.runs > 0) out = {stats(load), stats(first), stats(second), stats(first_cpu), stats(second_cpu), out.runs};
    return out;
}

int main(int argc, char** argv) {
    if (argc > 2 && std::string(argv[1]) == "--cold-child") return cold_child(argv[2]);
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    const std::string file = argc > 2 ? argv[2] : test::data("verify/three.pdf");
    const std::string pki = test::data("verify/pki/");
    const auto pdf = core::read_file(file);

    // Cold figures first, from fresh child processes (this process is still untouched by it).
    char self[4096] = {};
    const ssize_t len = ::readlink("/proc/self/exe", self, sizeof self - 1);
    const bool clear_each = argc > 3 && std::string(argv[3]) == "in-process-cleared";
    const bool in_process = clear_each || (argc > 3 && std::string(argv[3]) == "in-process");
    const ColdTimes ct = len > 0 && !in_process
                             ? cold(std::string(self, static_cast<std::size_t>(len)), file, std::min(n, 20))
                             : ColdTimes{};

    double f0 = cpu_ms();
    const verify::VerifyOptions o = fixture_options(pki);
    const double cpu_setup = cpu_ms() - f0;

    const auto first = verify::verify_pdf(pdf, file, o);
    std::printf("document: %s (%zu bytes, %zu signatures, verdict %s)\n", file.c_str(), pdf.size(),
                first.signatures.size(), verify::to_string(first.verdict));
    std::printf("fixed per process (CPU ms): load trust anchors, intermediates and CRLs %.2f\n", cpu_setup);

    std::vector<double> wall, cpu;
    for (int i = 0; i < n; ++i) {
        if (clear_each) verify::clear_process_caches();
        const auto t0 = Clock::now();
        const double c0 = cpu_ms();
        const auto r = verify::verify_pdf(pdf, file, o);
        wall.push_back(ms_since(t0));
        cpu.push_back(cpu_ms() - c0);
        if (r.verdict != first.verdict) {
            std::fprintf(stderr, "bench_verify: verdict changed between runs\n");
            return 1;
        }
    }
    std::vector<double> cleared_wall, cleared_cpu;
    for (int i = 0; i < n && !in_process; ++i) {
        verify::clear_process_caches();
        const auto t0 = Clock::now();
        const double c0 = cpu_ms();
        (void)verify::verify_pdf(pdf, file, o);
        cleared_wall.push_back(ms_since(t0));
        cleared_cpu.push_back(cpu_ms() - c0);
    }
    if (ct.runs > 0) {
        std::printf(
            "cold, %d fresh processes (median / min ms): load trust anchors and CRLs %.2f / %.2f; first verify_pdf "
            "%.2f / %.2f; "
            "second (warm) %.2f / %.2f; CPU ms first %.2f, second %.2f\n",
            ct.runs, ct.load.median, ct.load.min, ct.first.median, ct.first.min, ct.second.median, ct.second.min,
            ct.first_cpu.median, ct.second_cpu.median);
    }
    if (in_process) {  // for profilers: skip the rest
        std::printf("in-process verify_pdf%s: %.2f ms median\n", clear_each ? " (caches cleared)" : "",
                    stats(wall).median);
        return 0;
    }
    std::vector<double> floor;
    std::vector<Botan::X509_Certificate> signers;
    for (const char* who : {"sekreterare.pem", "justerare.pem", "ordforande.pem"}) {
        for (auto& c : verify::load_certificates(pki + who)) signers.push_back(c);
    }
    for (int i = 0; i < n; ++i) floor.push_back(floor_ms(pdf, first, o, signers));
    const auto w = stats(wall), c = stats(cpu), fl = stats(floor);

    const int expect = first.verdict == verify::Verdict::Passed ? 0 : 1;
    const std::vector<std::string> kv = {KANSLI_EXE,
                                         "verify",
                                         file,
                                         "--trust",
                                         pki + "root.pem",
                                         "--cert",
                                         pki + "issuing.pem",
                                         "--crl",
                                         pki + "issuing.crl",
                                         "--crl",
                                         pki + "root.crl",
                                         "--at",
                                         "2030-01-01T00:00:00Z"};
    const auto pk = time_process(kv, n, expect);
    const auto pv = time_process({KANSLI_EXE, "--version"}, n, 0);
    const auto ps = time_process({"pdfsig", "-nocert", file}, n, 0);

    std::printf("%d runs each                                   median ms   min ms   CPU ms\n", n);
    std::printf("  in-process verify_pdf                        %8.2f %8.2f %8.2f\n", w.median, w.min, c.median);
    std::printf("  in-process verify_pdf, caches cleared        %8.2f %8.2f %8.2f\n", stats(cleared_wall).median,
                stats(cleared_wall).min, stats(cleared_cpu).median);
    std::printf("  crypto floor (hashes + public-key ops)       %8.2f %8.2f\n", fl.median, fl.min);
    std::printf("  process `kansli verify`                      %8.2f %8.2f %8.2f%s\n", pk.wall.median, pk.wall.min,
                pk.cpu_mean, pk.failures ? "  (unexpected exit codes!)" : "");
    std::printf("  process `kansli --version` (startup only)    %8.2f %8.2f %8.2f\n", pv.wall.median, pv.wall.min,
                pv.cpu_mean);
    std::printf("  process `pdfsig -nocert`                     %8.2f %8.2f %8.2f%s\n", ps.wall.median, ps.wall.min,
                ps.cpu_mean, ps.failures ? "  (pdfsig failed)" : "");
    std::printf("ratios: in-process / floor %.2f; pdfsig / kansli process %.2f\n", w.median / fl.median,
                ps.wall.median / pk.wall.median);
    return 0;
}
