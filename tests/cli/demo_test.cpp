// `kansli demo`, the README's first command, end to end: every example built, the protokoll
// signed in order by its three signatories and the avtal by its nine parties, all verified.
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

namespace t = kansli::test;
namespace fs = std::filesystem;

TEST_CASE("kansli demo builds, signs in order and verifies every bundled example", "[cli][demo]") {
    const std::string out = t::temp_dir("demo");
    auto r = t::kansli({"demo", "--out", out, "--date", "2023-03-01T09:00:00Z"});
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("Demo complete") != std::string::npos);
    CHECK(r.out.find("ordförande first is refused") != std::string::npos);
    // The avtal's last party signs once more through --prepare / --complete (sign_external.hpp).
    CHECK(r.out.find("byte-identical to the one-step signature") != std::string::npos);
    for (const char* pdf : {"protokoll-2023-02-24.pdf", "kallelse-2022-12-02.pdf", "kallelse-2025.pdf",
                            "overenskommelse-2025.pdf", "protokoll-2023-02-24.signerad.pdf",
                            "protokoll-2023-02-24.signerad.anslag.pdf", "overenskommelse-2025.signerad.pdf"}) {
        INFO(pdf);
        CHECK(fs::is_regular_file(fs::path(out) / pdf));
    }
    // Nothing failed: the report lists 3 + 3 + 9 passed signatures and three passed files.
    std::size_t passed = 0;
    for (auto p = r.out.find(": passed"); p != std::string::npos; p = r.out.find(": passed", p + 1)) ++passed;
    CHECK(passed == 3 + 3 + 9 + 3 + 4);  // two protokoll, the avtal; four certified extracts (issue 12)
    CHECK(r.out.find("§10 is word for word as in the protokoll of 2023-02-24 justerat by") != std::string::npos);
    CHECK(r.out.find("failed") == std::string::npos);
    // The protokoll verified is the one with its ANSLAG dates filled after the justering.
    CHECK(r.out.find("ANSLAG dates filled: page 1: Anslag uppsatt = ") != std::string::npos);
    // The protokoll's three signatures are time-stamped by the demo TSA (B-T), the avtal's are B-B.
    std::size_t bt = 0;
    for (auto p = r.out.find("level          B-T"); p != std::string::npos; p = r.out.find("level          B-T", p + 1))
        ++bt;
    CHECK(bt == 3);
    // Then made B-LTA and verified after the signers' certificates and the CRLs expired (2036).
    CHECK(r.out.find("verified at 2036-01-01T23:59:59Z, after the signers' certificates and the CRLs expired") !=
          std::string::npos);
    std::size_t lta = 0;
    for (auto p = r.out.find("passed, B-LTA"); p != std::string::npos; p = r.out.find("passed, B-LTA", p + 1)) ++lta;
    CHECK(lta == 3);
    CHECK(fs::is_regular_file(fs::path(out) / "protokoll-2023-02-24.signerad.lta.pdf"));
    // The same date gives the same signed bytes, the B-T protokoll included (the demo derives the
    // nonce from the imprint and its TSA starts from a fresh serial file).
    const std::string again = t::temp_dir("demo-again");
    REQUIRE(t::kansli({"demo", "--out", again, "--date", "2023-03-01T09:00:00Z"}).exit_code == 0);
    for (const char* pdf : {"overenskommelse-2025.signerad.pdf", "protokoll-2023-02-24.signerad.pdf",
                            "protokoll-2023-02-24.signerad.lta.pdf", "utdrag/utdrag-fredagsgruppen.bestyrkt.pdf"}) {
        INFO(pdf);
        CHECK(t::run({"cmp", out + "/" + pdf, again + "/" + pdf}).exit_code == 0);
    }
}
