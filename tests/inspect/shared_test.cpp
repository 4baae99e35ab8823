// The archive's preflight reads the final revision verify_pdf loaded (pdf/loaded.hpp) instead of
// loading the file again. Differential: for every PDF of a corpus the inspect report (text and
// JSON, or the refusal) through the shared load equals the standalone one, and verify's own report
// is the same with and without handing the load out. The corpus: every PDF under tests/data, a
// `kansli demo --batch 2`, tampered copies of one of its protokolls (tests/bench/tamper_batch.py),
// copies with bytes after the last %%EOF, the hostile kinds of tests/support/hostile_pdf.py, and
// every PDF under $KANSLI_SHARED_CORPUS (a folder; tests/bench/inspect_shared_differential.sh).
#include "core/files.hpp"
#include "core/time.hpp"
#include "inspect/inspect.hpp"
#include "pdf/loaded.hpp"
#include "support/tools.hpp"
#include "verify/report.hpp"
#include "verify/verify.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

using namespace kansli;
namespace fs = std::filesystem;

namespace {

using Span = std::span<const std::uint8_t>;

Span span_of(const std::string& s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

verify::VerifyOptions demo_options() {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(test::source("keys/demo/root.cert.pem"));
    for (const char* f : {"keys/demo/issuing.crl.pem", "keys/demo/root.crl.pem"}) {
        for (auto& c : verify::load_crls(test::source(f))) o.crls.push_back(std::move(c));
    }
    o.at = *core::parse_instant("2026-01-01T00:00:00Z");
    return o;
}

/// The report, or "refused: why" when the hardened reader refuses the file.
std::string report(Span bytes, const pdf::Loaded* loaded) {
    try {
        const inspect::Report r = inspect::inspect(bytes, "t.pdf", inspect::all_checks(), loaded);
        return inspect::to_text(r) + inspect::to_json(r);
    } catch (const pdf::Refused& e) {
        return std::string("refused: ") + e.what();
    }
}

/// Compares the shared path with the standalone one on `bytes`; true when the preflight took the
/// shared load.
bool same_both_ways(Span bytes, const verify::VerifyOptions& o = demo_options()) {
    const std::string standalone = report(bytes, nullptr);
    std::shared_ptr<const pdf::Loaded> kept;
    const verify::VerifyReport with = verify::verify_pdf(bytes, "t.pdf", o, &kept);
    const std::string shared = report(bytes, kept.get());
    CHECK(shared == standalone);
    CHECK(verify::to_json({with}) == verify::to_json({verify::verify_pdf(bytes, "t.pdf", o)}));
    return pdf::adopt(kept.get(), bytes, pdf::default_limits(), {false, false}).has_value();
}

const std::string kCatalog = "<< /Type /Catalog /Pages 2 0 R >>";
const std::string kPages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const std::string kPage = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";

std::vector<std::string> pdfs_under(const std::string& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (e.path().extension() == ".pdf") out.push_back(e.path().string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

void run_ok(const std::vector<std::string>& argv) {
    const auto r = test::run(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("inspect shared: the preflight takes verify's load only when it is the same document", "[inspect][shared]") {
    const std::string plain = test::classic_pdf({kCatalog, kPages, kPage});
    CHECK(same_both_ways(span_of(plain)));
    // Blank bytes after the last %%EOF: verify loads file[0, end), another document than the file.
    CHECK_FALSE(same_both_ways(span_of(test::classic_pdf({kCatalog, kPages, kPage}, std::string(100, ' ')))));
    // Other bytes after it: verify does not load the file at all.
    CHECK_FALSE(same_both_ways(span_of(test::classic_pdf({kCatalog, kPages, kPage}, "garbage\n"))));
    // No pages: both readers allow it ({false, false}), and both read the same catalog.
    CHECK(same_both_ways(span_of(test::classic_pdf({kCatalog, "<< /Type /Pages /Kids [] /Count 0 >>"}))));
    // Loaded under other limits (a verifier given a higher nesting cap): inspect opens it itself
    // and refuses it.
    std::string deep = "1";
    for (int i = 0; i < 70; ++i) deep = "[" + deep + "]";
    const std::string nested = test::classic_pdf({"<< /Type /Catalog /Pages 2 0 R /X " + deep + " >>", kPages, kPage});
    auto o = demo_options();
    o.max_depth = 100;
    CHECK_FALSE(same_both_ways(span_of(nested), o));
    CHECK_THAT(report(span_of(nested), nullptr), Catch::StartsWith("refused: "));
}

TEST_CASE("inspect shared: adopt checks the buffer, the options and the limits", "[inspect][shared]") {
    const std::string plain = test::classic_pdf({kCatalog, kPages, kPage});
    std::shared_ptr<const pdf::Loaded> kept;
    (void)verify::verify_pdf(span_of(plain), "t.pdf", demo_options(), &kept);
    REQUIRE(kept != nullptr);
    const pdf::Limits& d = pdf::default_limits();
    const auto pages = pdf::adopt(kept.get(), span_of(plain), d, {false, false});
    REQUIRE(pages.has_value());
    CHECK(pages->pages.size() == 1);
    CHECK(pages->qpdf == kept->qpdf);
    const std::string copy = plain;  // equal bytes in another buffer: not provably what was loaded
    CHECK_FALSE(pdf::adopt(kept.get(), span_of(copy), d, {false, false}));
    CHECK_FALSE(pdf::adopt(kept.get(), span_of(plain).first(plain.size() - 1), d, {false, false}));
    CHECK_FALSE(pdf::adopt(kept.get(), span_of(plain), d, {true, false}));
    CHECK_FALSE(pdf::adopt(kept.get(), span_of(plain), d, {false, true}));
    CHECK_FALSE(pdf::adopt(nullptr, span_of(plain), d, {false, false}));
    pdf::Limits other = d;
    other.objects = d.objects - 1;
    CHECK_FALSE(pdf::adopt(kept.get(), span_of(plain), other, {false, false}));
    // file_bytes only decides "too large": another cap that allows the file is the same load.
    other = d;
    other.file_bytes = plain.size();
    CHECK(pdf::adopt(kept.get(), span_of(plain), other, {false, false}));
    other.file_bytes = plain.size() - 1;
    CHECK_FALSE(pdf::adopt(kept.get(), span_of(plain), other, {false, false}));
}

TEST_CASE("inspect shared: equal reports over fixtures, a signed batch, tampered and hostile files",
          "[inspect][shared]") {
    const std::string w = test::temp_dir("inspect-shared");
    const auto r = test::kansli({"demo", "--batch", "2", "--out", w + "/batch"}, {"SOURCE_DATE_EPOCH=1767225600"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::vector<std::string> batch = pdfs_under(w + "/batch");
    REQUIRE(batch.size() == 2);
    fs::create_directories(w + "/more");
    run_ok({"python3", test::source("tests/bench/tamper_batch.py"), batch[0], w + "/more"});
    const core::Bytes signed_pdf = core::read_file(batch[0]);
    for (const auto& [name, tail] : std::vector<std::pair<std::string, std::string>>{
             {"blank-tail", "\n\n  \n"}, {"nul-tail", std::string(3, '\0')}, {"garbage-tail", "%%junk\n"}}) {
        core::Bytes b = signed_pdf;
        b.insert(b.end(), tail.begin(), tail.end());
        core::write_file_atomic(w + "/more/" + name + ".pdf", b);
    }
    for (const char* kind : {"ok", "inherited", "lying-count", "missing-kid", "non-page-kid", "self-kid"}) {
        run_ok({"python3", test::source("tests/support/hostile_pdf.py"), kind, w + "/more/" + kind + ".pdf"});
    }
    run_ok({"python3", test::source("tests/support/hostile_pdf.py"), "objstm-nesting", w + "/more/objstm.pdf", "70"});
    run_ok({"python3", test::source("tests/support/hostile_pdf.py"), "pages", w + "/more/pages.pdf", "3"});
    std::vector<std::string> corpus = pdfs_under(test::data(""));
    for (const auto& dir : {w + "/batch", w + "/more"}) {
        for (auto& f : pdfs_under(dir)) corpus.push_back(std::move(f));
    }
    if (const char* extra = std::getenv("KANSLI_SHARED_CORPUS")) {
        for (auto& f : pdfs_under(extra)) corpus.push_back(std::move(f));
    }
    std::size_t adopted = 0, batch_adopted = 0;
    for (const auto& f : corpus) {
        INFO(f);
        const core::Bytes b = core::read_file(f);
        const bool shared = same_both_ways(b);
        adopted += shared ? 1 : 0;
        if (f.find("/batch/") != std::string::npos) batch_adopted += shared ? 1 : 0;
        if (f.ends_with("-tail.pdf") || f.ends_with("-truncated.pdf")) CHECK_FALSE(shared);
        if (f.ends_with("-content.pdf") || f.ends_with("-flip-cms.pdf")) CHECK(shared);  // tampered, loads
    }
    CHECK(batch_adopted == 2);
    CHECK(adopted * 2 > corpus.size());  // the shared path is the one mostly compared
    WARN(std::to_string(corpus.size()) + " PDFs compared, " + std::to_string(adopted) + " through the shared load");
}
