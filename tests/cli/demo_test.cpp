// `kansli demo`, the README's first command, end to end: every example built, the protokoll
// signed in order by its three signatories and the avtal by its nine parties, all verified.
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <filesystem>

namespace t = kansli::test;
namespace fs = std::filesystem;

namespace {

/// The second example protokoll (templates/examples/protokoll-2025-11-14.xml): signed in order,
/// its ANSLAG dates filled and verified, its omedelbart justerad §46 in a document of its own
/// signed at the meeting, and one certified extract per recipient, checked with outside tools too.
void second_example(const std::string& out, const std::string& log) {
    const fs::path dir(out);
    CHECK(log.find("/protokoll-2025-11-14.signerad.anslag.pdf: passed (every signature passed)") != std::string::npos);
    CHECK(log.find("signed by Ingrid Sveding (ordförande) → " + (dir / "protokoll-2025-11-14.signerad.pdf").string()) !=
          std::string::npos);
    CHECK(log.find("/protokoll-2025-11-14.omedelbart.justerad.pdf: passed (every signature passed)") !=
          std::string::npos);
    const std::string omedelbart = (dir / "protokoll-2025-11-14.omedelbart.justerad.pdf").string();
    const auto text = t::run({"pdftotext", "-layout", omedelbart, "-"}).out;
    CHECK(text.find("Justeras omedelbart av") != std::string::npos);
    CHECK(text.find("Paragrafen är omedelbart justerad") != std::string::npos);
    CHECK(text.find("Protokollet justerat av") == std::string::npos);  // no sekreterare at the meeting
    CHECK(t::run({"pdfsig", "-nocert", omedelbart}).out.find("Signature is Valid.") != std::string::npos);
    // The full protokoll refers to it, on page 1 (which it still fits: the ärendelista is page 2).
    const auto full = t::run({"pdftotext", "-layout", (dir / "protokoll-2025-11-14.pdf").string(), "-"}).out;
    const auto page2 = full.find('\f');
    CHECK(full.find("§46 i särskilt protokollsutdrag") < page2);
    CHECK(full.find("ÄRENDELISTA") > page2);
    CHECK(full.find("ÄRENDELISTA") < full.find('\f', page2 + 1));
    // Five recipients; the region gets both §§ sent to it, in one extract.
    CHECK(log.find("§46, §47 are word for word as in the protokoll of 2025-11-14 justerat by Christian Åhrén "
                   "(sekreterare), Tomas Fjällgren (justerare), Ingrid Sveding (ordförande)") != std::string::npos);
    std::size_t extracts = 0;
    for (const auto& e : fs::directory_iterator(dir / "utdrag-2025-11-14"))
        extracts += e.path().string().ends_with(".bestyrkt.pdf") ? 1 : 0;
    CHECK(extracts == 5);
    const std::string region = (dir / "utdrag-2025-11-14/utdrag-region-jamtland-harjedalen.bestyrkt.pdf").string();
    CHECK(t::run({"qpdf", "--check", region}).exit_code == 0);
    const auto extract = t::run({"pdftotext", "-layout", region, "-"}).out;
    for (const char* want : {"PROTOKOLLSUTDRAG", "§46, §47", "Expedieras till", "Region Jämtland Härjedalen",
                             "Utdragsbestyrkande", "Sammanträdesplan 2026"}) {
        INFO(want);
        CHECK(extract.find(want) != std::string::npos);
    }
    CHECK(t::run({"pdfsig", "-nocert", region}).out.find("Signature is Valid.") != std::string::npos);
}

}  // namespace

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
    // Two protokoll, the avtal; four certified extracts of the first protokoll; the second's
    // omedelbart document (two signatures) and its five certified extracts (issue 12).
    CHECK(passed == 3 + 3 + 9 + 3 + 4 + (2 + 1) + 5);
    CHECK(r.out.find("§10 is word for word as in the protokoll of 2023-02-24 justerat by") != std::string::npos);
    CHECK(r.out.find("failed") == std::string::npos);
    // The protokoll verified is the one with its ANSLAG dates filled after the justering.
    CHECK(r.out.find("ANSLAG dates filled: page 1: Anslag uppsatt = ") != std::string::npos);
    second_example(out, r.out);
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
                            "protokoll-2023-02-24.signerad.lta.pdf", "utdrag/utdrag-fredagsgruppen.bestyrkt.pdf",
                            "protokoll-2025-11-14.omedelbart.justerad.pdf",
                            "utdrag-2025-11-14/utdrag-region-jamtland-harjedalen.bestyrkt.pdf"}) {
        INFO(pdf);
        CHECK(t::run({"cmp", out + "/" + pdf, again + "/" + pdf}).exit_code == 0);
    }
}
