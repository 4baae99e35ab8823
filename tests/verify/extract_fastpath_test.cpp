// The extract check's fast path (utdrag_check.hpp): verify_pdf() answers "no extract proof" from
// the final revision it already loaded only when opening the file again would give that answer.
// Each case compares verify_pdf()'s extract facet with the slow path (check_extract_proof without
// the loaded revision), and the hostile ones name the expected outcome as well.
#include "core/files.hpp"
#include "core/time.hpp"
#include "support/tools.hpp"
#include "verify/utdrag_check.hpp"
#include "verify/verify.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace extract_fastpath_test {

namespace {

std::span<const std::uint8_t> bytes_of(const std::string& s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string stream(const std::string& data) {
    return "<< /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

const std::string kPages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const std::string kPage = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>";

verify::VerifyOptions options() {
    verify::VerifyOptions o;
    o.at = *core::parse_instant("2030-01-01T00:00:00Z");
    return o;
}

// verify_pdf()'s extract facet, checked against the slow path on the same bytes.
verify::Facet extract_facet(const std::string& pdf) {
    const auto o = options();
    const verify::VerifyReport fast = verify::verify_pdf(bytes_of(pdf), "t.pdf", o);
    verify::VerifyReport slow;
    verify::check_extract_proof(bytes_of(pdf), o, slow, nullptr);
    CHECK(fast.extract_proof.status == slow.extract_proof.status);
    CHECK(fast.extract_proof.detail == slow.extract_proof.detail);
    return fast.extract_proof;
}

}  // namespace

TEST_CASE("verify: a document without an extract proof is not-checked (fast path)", "[verify][utdrag]") {
    const auto f = extract_facet(test::classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", kPages, kPage}));
    CHECK(f.status == verify::FacetStatus::NotChecked);
}

TEST_CASE("verify: an extract proof is never skipped by the fast path", "[verify][utdrag][hostile]") {
    // A forged proof, directly and through an indirect /KANS_Data: both must be read and fail.
    const auto direct = extract_facet(test::classic_pdf(
        {"<< /Type /Catalog /Pages 2 0 R /KANS_Data << /UtdragProof 4 0 R >> >>", kPages, kPage, stream("forged")}));
    CHECK(direct.status == verify::FacetStatus::Failed);
    const auto indirect = extract_facet(test::classic_pdf({"<< /Type /Catalog /Pages 2 0 R /KANS_Data 5 0 R >>", kPages,
                                                           kPage, stream("forged"), "<< /UtdragProof 4 0 R >>"}));
    CHECK(indirect.status == verify::FacetStatus::Failed);
}

TEST_CASE("verify: what the extract check refuses is still refused after the fast path", "[verify][utdrag][hostile]") {
    // No pages: the verifier loads it, the extract check (pdf::open) refuses it.
    const auto no_pages =
        extract_facet(test::classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>"}));
    CHECK(no_pages.status == verify::FacetStatus::Failed);
    CHECK_THAT(no_pages.detail, Catch::Contains("no pages"));
    // Blank bytes after the last %%EOF: another file than the revision the verifier loaded.
    const auto padded =
        extract_facet(test::classic_pdf({"<< /Type /Catalog /Pages 2 0 R >>", kPages, kPage}, std::string(4096, ' ')));
    CHECK(padded.status != verify::FacetStatus::Ok);
    // Nesting deeper than the default limit, accepted by a verifier given a higher cap.
    std::string deep = "1";
    for (int i = 0; i < 70; ++i) deep = "[" + deep + "]";
    const std::string pdf = test::classic_pdf({"<< /Type /Catalog /Pages 2 0 R /X " + deep + " >>", kPages, kPage});
    auto o = options();
    o.max_depth = 100;
    const auto rep = verify::verify_pdf(bytes_of(pdf), "t.pdf", o);
    verify::VerifyReport slow;
    verify::check_extract_proof(bytes_of(pdf), o, slow, nullptr);
    CHECK(rep.extract_proof.status == verify::FacetStatus::Failed);
    CHECK(rep.extract_proof.detail == slow.extract_proof.detail);
}

TEST_CASE("verify: the extract facet of every fixture equals the slow path's", "[verify][utdrag]") {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(test::data(""))) {
        if (e.path().extension() != ".pdf") continue;
        auto b = core::read_file(e.path().string());
        INFO(e.path().string());
        (void)extract_facet(std::string(b.begin(), b.end()));
        ++n;
    }
    CHECK(n >= 10);
}

}  // namespace extract_fastpath_test
