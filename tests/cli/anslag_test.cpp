// `kansli anslag`: the ANSLAG/BEVIS dates filled after the justering in one incremental update,
// and what `kansli verify` says about it (and about fills and changes it must not accept).
#include "core/files.hpp"
#include "layout/fonts.hpp"
#include "sign/form_fill.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace kansli;

namespace {

std::string key(const std::string& who) { return test::source("keys/demo/" + who + ".key.pem"); }
std::string cert(const std::string& who) { return test::source("keys/demo/" + who + ".cert.pem"); }
const std::vector<std::string> kPass = {"KANSLI_PASSPHRASE=kansli-demo"};

void sign_as(const std::string& in, const std::string& out, const std::string& who, const std::string& role,
             const std::string& date) {
    const auto r = test::kansli(
        {"sign", in, "-o", out, "--key", key(who), "--cert", cert(who), "--role", role, "--date", date}, kPass);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

/// The example protokoll built and justerat on 2025-12-02: dir/p0.pdf (unsigned) … dir/p3.pdf.
std::string justerat(const std::string& dir) {
    auto r = test::kansli({"build", test::source("templates/examples/protokoll-2023-02-24.xml"), "-o", dir + "/p0.pdf",
                           "--date", "2025-12-01T08:00:00Z"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    sign_as(dir + "/p0.pdf", dir + "/p1.pdf", "christian-ahren", "sekreterare", "2025-12-02T09:00:00Z");
    sign_as(dir + "/p1.pdf", dir + "/p2.pdf", "bjorn-sandal", "justerare", "2025-12-02T10:00:00Z");
    sign_as(dir + "/p2.pdf", dir + "/p3.pdf", "katarina-nyberg-finn", "ordförande", "2025-12-02T11:00:00Z");
    return dir + "/p3.pdf";
}

test::RunResult verify(const std::string& pdf) {
    return test::kansli({"verify", pdf, "--trust", test::source("keys/demo/root.cert.pem"), "--crl",
                         test::source("keys/demo/issuing.crl.pem"), "--crl", test::source("keys/demo/root.crl.pem"),
                         "--at", "2025-12-05T00:00:00Z"});
}

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("kansli build: the ANSLAG dates are two empty printable text fields", "[cli][anslag]") {
    const std::string dir = test::temp_dir("anslag-build");
    auto r = test::kansli({"build", test::source("templates/examples/protokoll-2023-02-24.xml"), "-o", dir + "/p.pdf",
                           "--date", "2025-12-01T08:00:00Z"});
    REQUIRE(r.exit_code == 0);
    const auto q = test::run({"qpdf", "--json", "--json-key=acroform", dir + "/p.pdf"});
    for (const char* name : {"Anslag uppsatt", "Anslag nedtaget"}) {
        INFO(name);
        CHECK(has(q.out, std::string("\"fullname\": \"") + name + "\""));
    }
    CHECK(has(q.out, "\"fieldtype\": \"/Tx\""));
    CHECK(test::run({"qpdf", "--check", dir + "/p.pdf"}).exit_code == 0);
}

TEST_CASE("kansli anslag: dates by the law, one update, verified", "[cli][anslag]") {
    const std::string dir = test::temp_dir("anslag");
    const std::string p3 = justerat(dir);

    SECTION("not justerat: refused, nothing written") {
        auto r = test::kansli({"anslag", dir + "/p2.pdf", "--uppsatt", "2025-12-03", "-o", dir + "/x.pdf"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "the protokoll is not justerat: \"Ordförande\" not signed yet"));
        CHECK_FALSE(std::filesystem::exists(dir + "/x.pdf"));
    }
    SECTION("posted before the justering, or after the second day: refused") {
        auto r = test::kansli({"anslag", p3, "--uppsatt", "2025-12-01", "-o", dir + "/x.pdf"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "before the justering on 2025-12-02"));
        r = test::kansli({"anslag", p3, "--uppsatt", "2025-12-05", "-o", dir + "/x.pdf"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "must go up by 2025-12-04"));
        CHECK(has(r.err, "8 kap. 12 §"));
        CHECK_FALSE(std::filesystem::exists(dir + "/x.pdf"));
    }
    SECTION("posted Thursday 2025-12-04: Juldagen moves the end to Monday 29, nedtagande the 30th") {
        auto r = test::kansli(
            {"anslag", p3, "--uppsatt", "2025-12-04", "-o", dir + "/a.pdf", "--date", "2025-12-04T08:00:00Z"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(has(r.err, "appeal period until 2025-12-29, nedtagande 2025-12-30"));
        const core::Bytes before = core::read_file(p3), after = core::read_file(dir + "/a.pdf");
        REQUIRE(after.size() > before.size());
        CHECK(std::equal(before.begin(), before.end(), after.begin()));  // one incremental update
        CHECK(test::run({"qpdf", "--check", dir + "/a.pdf"}).exit_code == 0);
        const auto text = test::run({"pdftotext", "-f", "1", "-l", "1", dir + "/a.pdf", "-"});
        CHECK(has(text.out, "2025-12-04"));
        CHECK(has(text.out, "2025-12-30"));
        auto v = verify(dir + "/a.pdf");
        INFO(v.out);
        CHECK(v.exit_code == 0);
        CHECK(has(v.out, "ANSLAG dates filled: page 1: Anslag uppsatt = 2025-12-04"));
        CHECK(has(v.out, "Anslag nedtaget = 2025-12-30"));
        // Filled once only.
        r = test::kansli({"anslag", dir + "/a.pdf", "--uppsatt", "2025-12-04", "-o", dir + "/b.pdf"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "filled already"));
        // pdfsig still finds the three signatures valid.
        const auto s = test::run({"pdfsig", "-nocert", dir + "/a.pdf"});
        CHECK(has(s.out, "Signature #3"));
        CHECK_FALSE(has(s.out, "Signature is Invalid"));
    }
    SECTION("signed by the registrar") {
        auto r =
            test::kansli({"anslag", p3, "--uppsatt", "2025-12-03", "-o", dir + "/s.pdf", "--date",
                          "2025-12-03T08:00:00Z", "--key", key("christian-ahren"), "--cert", cert("christian-ahren")},
                         kPass);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        auto v = verify(dir + "/s.pdf");
        INFO(v.out);
        CHECK(v.exit_code == 0);
        CHECK(has(v.out, "field 'Registrator'"));
        // 2025-12-03 + 3 weeks is julafton; Juldagen, Annandag jul and the weekend follow.
        CHECK(has(v.out, "Anslag nedtaget = 2025-12-30"));
    }
}

TEST_CASE("kansli verify: a fill before the justering, or a fill that is not a date, is reported", "[cli][anslag]") {
    const std::string dir = test::temp_dir("anslag-bad");
    justerat(dir);
    const std::vector<sign::TextValue> dates{{"Anslag uppsatt", "2025-12-03"}, {"Anslag nedtaget", "2025-12-29"}};
    const std::string font = layout::find_font("LiberationSans-Regular.ttf");

    SECTION("filled after the sekreterare, before the justerare and ordförande signed") {
        const core::Bytes early =
            sign::fill_text_fields(core::read_file(dir + "/p1.pdf"), dates, core::Instant{1764752400}, font);
        core::write_file_atomic(dir + "/e1.pdf", early);
        sign_as(dir + "/e1.pdf", dir + "/e2.pdf", "bjorn-sandal", "justerare", "2025-12-03T10:00:00Z");
        sign_as(dir + "/e2.pdf", dir + "/e3.pdf", "katarina-nyberg-finn", "ordförande", "2025-12-03T11:00:00Z");
        auto v = verify(dir + "/e3.pdf");
        INFO(v.out);
        CHECK(v.exit_code == 1);
        CHECK(has(v.out, "signature 1: failed"));
        CHECK(has(v.out, "ANSLAG dates filled"));
        CHECK(has(v.out, "modifications  failed"));
    }
    SECTION("a value that is not a date") {
        const core::Bytes bad = sign::fill_text_fields(
            core::read_file(dir + "/p3.pdf"), {{"Anslag uppsatt", "se bilaga"}}, core::Instant{1764752400}, font);
        core::write_file_atomic(dir + "/n.pdf", bad);
        auto v = verify(dir + "/n.pdf");
        INFO(v.out);
        CHECK(v.exit_code == 1);
        CHECK(has(v.out, "form values"));
        CHECK_FALSE(has(v.out, "ANSLAG dates filled"));
    }
}

TEST_CASE("the second example: the 1:a vice ordförande who chaired is the ordförande who signs", "[cli][anslag]") {
    const std::string dir = test::temp_dir("acting-chair");
    auto r = test::kansli({"build", test::source("templates/examples/protokoll-2025-11-14.xml"), "-o", dir + "/p0.pdf",
                           "--date", "2025-11-19T08:00:00Z"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    sign_as(dir + "/p0.pdf", dir + "/p1.pdf", "christian-ahren", "sekreterare", "2025-11-19T09:00:00Z");
    sign_as(dir + "/p1.pdf", dir + "/p2.pdf", "kommun-bracke", "justerare", "2025-11-19T10:00:00Z");
    r = test::kansli({"sign", dir + "/p2.pdf", "-o", dir + "/x.pdf", "--key", key("katarina-nyberg-finn"), "--cert",
                      cert("katarina-nyberg-finn"), "--role", "ordförande", "--date", "2025-11-19T11:00:00Z"},
                     kPass);
    CHECK(r.exit_code == 1);
    CHECK(has(r.err, "is for Ingrid Sveding"));
    sign_as(dir + "/p2.pdf", dir + "/p3.pdf", "kommun-harjedalen", "ordförande", "2025-11-19T11:00:00Z");
    // Justerat Wednesday 19 November; posted Friday 21st (the second day after).
    r = test::kansli(
        {"anslag", dir + "/p3.pdf", "--uppsatt", "2025-11-21", "-o", dir + "/a.pdf", "--date", "2025-11-21T08:00:00Z"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.err, "appeal period until 2025-12-12, nedtagande 2025-12-13"));
    const auto v = verify(dir + "/a.pdf");
    INFO(v.out);
    CHECK(v.exit_code == 0);
}
