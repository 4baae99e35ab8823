// verify/parallel: the signatures' CMS, chain and time-stamp checks run on several threads, and the
// report does not depend on it: every fixture under tests/data/verify (one to three signatures,
// tampered, expired, revoked, untrusted) and a three-signature document whose signatures were
// changed in memory give byte-identical text and JSON reports with 1 thread and with 2, 3 and 8,
// from cold caches (the threads really do the path validations) and warm ones. tests/tsa/ has
// the same for B-T signatures (time-stamped by an in-process TSA).
#include "core/files.hpp"
#include "support/tools.hpp"
#include "verify/chain.hpp"
#include "verify/parallel.hpp"
#include "verify/report.hpp"
#include "verify/verify.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace kansli;

namespace {

verify::VerifyOptions options(std::size_t threads) {
    const std::string pki = test::data("verify/pki/");
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(pki + "root.pem");
    o.extra = verify::load_certificates(pki + "issuing.pem");
    o.crls = verify::load_crls(pki + "issuing.crl");
    for (auto& c : verify::load_crls(pki + "root.crl")) o.crls.push_back(c);
    o.at = *core::parse_instant("2030-01-01T00:00:00Z");
    o.threads = threads;
    return o;
}

// Text and JSON report of `pdf` with `threads`; `cold` forgets the process's caches first.
std::string report(const core::Bytes& pdf, std::size_t threads, bool cold) {
    if (cold) verify::clear_process_caches();
    const auto r = verify::verify_pdf(pdf, "doc.pdf", options(threads));
    return verify::to_text(r) + verify::to_json({r});
}

// The documents: each fixture, and three.pdf with one byte of each signature value flipped in turn
// (a failed signature among passing ones).
std::vector<std::pair<std::string, core::Bytes>> documents() {
    std::vector<std::pair<std::string, core::Bytes>> out;
    for (const auto& e : std::filesystem::directory_iterator(test::data("verify"))) {
        if (e.path().extension() == ".pdf") out.emplace_back(e.path().filename().string(), core::read_file(e.path()));
    }
    const core::Bytes three = core::read_file(test::data("verify/three.pdf"));
    const std::string text(three.begin(), three.end());
    int n = 0;
    for (std::size_t at = text.find("/Contents"); at != std::string::npos; at = text.find("/Contents", at + 1)) {
        const std::size_t hex = text.find_first_not_of(" \r\n", at + 9);
        if (hex == std::string::npos || text.compare(hex, 3, "<30") != 0) continue;  // not a CMS
        core::Bytes bad = three;
        const std::size_t pos = hex + 1 + 400;  // inside the signature's CMS
        bad[pos] = bad[pos] == '0' ? '1' : '0';
        out.emplace_back("three.pdf, signature " + std::to_string(++n) + " changed", bad);
    }
    REQUIRE(n == 3);
    return out;
}

}  // namespace

TEST_CASE("verify: the report is the same with 1 thread and with several", "[verify][parallel]") {
    const auto docs = documents();
    REQUIRE(docs.size() >= 15);
    for (const auto& [name, pdf] : docs) {
        INFO(name);
        const std::string one = report(pdf, 1, true);
        CHECK(one.find("\"signatures\"") != std::string::npos);
        for (std::size_t n : {2, 3, 8}) {
            INFO(n << " threads");
            CHECK(report(pdf, n, true) == one);   // the threads do the path validations
            CHECK(report(pdf, n, false) == one);  // from the caches
        }
        CHECK(report(pdf, 1, false) == one);
    }
}

TEST_CASE("verify: KANSLI_VERIFY_THREADS and the thread count", "[verify][parallel]") {
    ::setenv("KANSLI_VERIFY_THREADS", "1", 1);
    CHECK(verify::verify_threads(0, 3) == 1);
    ::setenv("KANSLI_VERIFY_THREADS", "3", 1);
    CHECK(verify::verify_threads(0, 5) == 3);
    CHECK(verify::verify_threads(0, 2) == 2);  // never more than there are checks
    CHECK(verify::verify_threads(2, 5) == 2);  // the option before the environment
    ::setenv("KANSLI_VERIFY_THREADS", "99", 1);
    CHECK(verify::verify_threads(0, 200) == verify::kMaxVerifyThreads);
    for (const char* bad : {"", "x", "-2", "0", "1e3"}) {
        ::setenv("KANSLI_VERIFY_THREADS", bad, 1);
        const std::size_t n = verify::verify_threads(0, 200);
        CHECK(n >= 1);
        CHECK(n <= verify::kMaxVerifyThreads);
    }
    ::unsetenv("KANSLI_VERIFY_THREADS");
    CHECK(verify::verify_threads(0, 0) == 1);
}

TEST_CASE("verify: run_indexed runs every task once and rethrows the first failure", "[verify][parallel]") {
    for (std::size_t threads : {1, 2, 4}) {
        std::vector<std::atomic<int>> runs(50);
        verify::run_indexed(runs.size(), threads, [&](std::size_t i) { ++runs[i]; });
        for (const auto& r : runs) CHECK(r.load() == 1);
        std::atomic<int> done{0};
        try {
            verify::run_indexed(20, threads, [&](std::size_t i) {
                ++done;
                if (i == 7 || i == 12) throw std::runtime_error("task " + std::to_string(i));
            });
            FAIL("no exception");
        } catch (const std::runtime_error& e) {
            CHECK(std::string(e.what()) == "task 7");
        }
        CHECK(done.load() == 20);  // the others still ran
    }
}
