// verify/changes: what a later revision changed, on small hand-written PDFs (classic xref,
// incremental updates): form values, multi-signer /Kids fields, signatures added.
#include "verify/changes.hpp"
#include "verify/compare.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <set>

#include <qpdf/QPDF.hh>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>

using namespace kansli;

namespace {

// Writes objects (number → body) as a revision: the whole file when `prev` is empty, otherwise an
// incremental update appended to `prev`.
std::string revision(const std::string& prev, const std::map<int, std::string>& objects, int size) {
    std::string out = prev.empty() ? "%PDF-1.7\n" : prev;
    long prev_xref = -1;
    if (!prev.empty()) prev_xref = std::stol(prev.substr(prev.rfind("startxref") + 9));
    std::map<int, std::size_t> offs;
    for (const auto& [n, body] : objects) {
        offs[n] = out.size();
        out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    }
    const auto x = out.size();
    out += "xref\n";
    if (prev.empty()) out += "0 1\n0000000000 65535 f \n";
    for (const auto& [n, off] : offs) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        out += std::to_string(n) + " 1\n" + line;
    }
    out += "trailer\n<< /Size " + std::to_string(size) + " /Root 1 0 R" +
           (prev_xref >= 0 ? " /Prev " + std::to_string(prev_xref) : std::string()) + " >>\nstartxref\n" +
           std::to_string(x) + "\n%%EOF\n";
    return out;
}

std::unique_ptr<QPDF> load(const std::string& pdf) {
    auto q = std::make_unique<QPDF>();
    q->setSuppressWarnings(true);
    q->setAttemptRecovery(false);
    q->processMemoryFile("t", pdf.data(), pdf.size());
    return q;
}

verify::Changes diff(const std::string& before, const std::string& after) {
    auto a = load(before), b = load(after);
    return verify::compare_revisions(*a, *b, 100000);
}

bool allowed(const verify::Changes& c) {
    return std::all_of(c.kinds.begin(), c.kinds.end(),
                       [](verify::ChangeKind k) { return verify::is_allowed_change(k); });
}

std::string kinds(const verify::Changes& c) {
    std::string s;
    for (const auto& k : c.kinds) s += std::string(verify::to_string(k)) + "; ";
    for (const auto& d : c.details) s += d + "; ";
    return s;
}

// A one-page document with a text field "beslut" (/V (Bifall)) and a signature parent field
// "underskrifter" whose /Kids are three unsigned signature widgets on the page.
// 1 catalog, 2 pages, 3 page, 4 content, 5 text field, 6 sig parent, 7-9 sig widgets, 10 text parent, 11 text kid
const std::map<int, std::string> kBase = {
    {1, "<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [5 0 R 6 0 R 10 0 R] /SigFlags 3 >> >>"},
    {2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
    {3,
     "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Annots [5 0 R 7 0 R 8 0 R 9 0 R 11 0 R] "
     ">>"},
    {4, "<< /Length 8 >>\nstream\nBT ET q Q\nendstream"},
    {5, "<< /FT /Tx /T (beslut) /V (Bifall) /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /P 3 0 R >>"},
    {6, "<< /FT /Sig /T (underskrifter) /Kids [7 0 R 8 0 R 9 0 R] >>"},
    {7, "<< /Parent 6 0 R /T (sekreterare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"},
    {8, "<< /Parent 6 0 R /T (justerare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"},
    {9, "<< /Parent 6 0 R /T (ordforande) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"},
    {10, "<< /FT /Tx /T (paragraf) /Kids [11 0 R] >>"},
    {11, "<< /Parent 10 0 R /T (p1) /V (Antas) /Type /Annot /Subtype /Widget /Rect [0 30 100 50] /P 3 0 R >>"},
};

std::string sig_dict() {
    return "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 1 2 3] /Contents <00> "
           ">>";
}

// Widget 7 (sekreterare) of kBase, signed: its /V is the signature dictionary `sig`.
std::string sekreterare_signed(int sig) {
    return "<< /Parent 6 0 R /T (sekreterare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V " +
           std::to_string(sig) + " 0 R >>";
}

}  // namespace

TEST_CASE("changes: signing one signature kid of a multi-signer /Kids field is allowed", "[verify][changes]") {
    const std::string base = revision("", kBase, 20);
    REQUIRE_NOTHROW(load(base)->getRoot());
    // First signature: widget 8 (justerare) gets /V; a new /Sig object 12.
    const std::string one = revision(
        base,
        {{8, "<< /Parent 6 0 R /T (justerare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 12 0 R >>"},
         {12, sig_dict()}},
        20);
    auto c = diff(base, one);
    INFO(kinds(c));
    CHECK(c.kinds.count(verify::ChangeKind::Signatures) == 1);
    CHECK(allowed(c));
    // A second signature on another kid after that: still allowed relative to both earlier revisions.
    const std::string two = revision(
        one,
        {{7, "<< /Parent 6 0 R /T (sekreterare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 13 0 R >>"},
         {13, sig_dict()}},
        20);
    CHECK(allowed(diff(one, two)));
    CHECK(allowed(diff(base, two)));
}

TEST_CASE("changes: later revisions that change form values or signed kids fail", "[verify][changes]") {
    const std::string base = revision("", kBase, 20);
    const std::string signed1 = revision(
        base,
        {{8, "<< /Parent 6 0 R /T (justerare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 12 0 R >>"},
         {12, sig_dict()}},
        20);
    struct Case {
        const char* name;
        std::map<int, std::string> objects;
        std::optional<verify::ChangeKind> kind;
    };
    const Case cases[] = {
        {"text field /V changed",
         {{5, "<< /FT /Tx /T (beslut) /V (Avslag) /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /P 3 0 R >>"}},
         verify::ChangeKind::FormValues},
        {"text kid /V changed under a /Kids parent",
         {{11, "<< /Parent 10 0 R /T (p1) /V (Avslås) /Type /Annot /Subtype /Widget /Rect [0 30 100 50] /P 3 0 R >>"}},
         verify::ChangeKind::FormValues},
        {"text field /V changed through a new object",
         {{5, "<< /FT /Tx /T (beslut) /V 14 0 R /Type /Annot /Subtype /Widget /Rect [0 0 100 20] /P 3 0 R >>"},
          {14, "(Avslag)"}},
         verify::ChangeKind::FormValues},
        {"signed kid's /V replaced",
         {{8, "<< /Parent 6 0 R /T (justerare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R /V 13 0 R >>"},
          {13, sig_dict()}},
         verify::ChangeKind::SignatureChanged},
        {"signed kid removed from /Kids",
         {{6, "<< /FT /Sig /T (underskrifter) /Kids [7 0 R 9 0 R] >>"}},
         verify::ChangeKind::SignatureChanged},
        {"unsigned kid renamed",
         {{9, "<< /Parent 6 0 R /T (kassor) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /P 3 0 R >>"}},
         std::nullopt},
        {"a text kid added to the signature parent",
         {{6, "<< /FT /Sig /T (underskrifter) /Kids [7 0 R 8 0 R 9 0 R 14 0 R] >>"},
          {14, "<< /Parent 6 0 R /FT /Tx /T (x) /V (y) >>"}},
         std::nullopt},
    };
    for (const auto& c : cases) {
        const std::string after = revision(signed1, c.objects, 20);
        const auto d = diff(signed1, after);
        INFO(c.name << ": " << kinds(d));
        CHECK_FALSE(allowed(d));
        if (c.kind) CHECK(d.kinds.count(*c.kind) == 1);
    }
}

TEST_CASE("change kinds: distinct names, and exactly three are allowed after a signature", "[verify][changes]") {
    using verify::ChangeKind;
    const ChangeKind all[] = {ChangeKind::Signatures,       ChangeKind::Dss,         ChangeKind::DocumentInfo,
                              ChangeKind::SignatureChanged, ChangeKind::PageContent, ChangeKind::Pages,
                              ChangeKind::Annotations,      ChangeKind::FormValues,  ChangeKind::Actions,
                              ChangeKind::Catalog};
    std::set<std::string> names, allowed_names;
    for (const auto k : all) {
        names.insert(verify::to_string(k));
        if (verify::is_allowed_change(k)) allowed_names.insert(verify::to_string(k));
    }
    CHECK(names.size() == std::size(all));
    CHECK(allowed_names == std::set<std::string>{"signatures", "dss", "document info"});
}

// The object-level rule spends one budget node on each direct number or name without building
// its path (redefined.cpp): a redefined object behind thousands of them is still found and named
// by its index, and the scalars still count against the budget.
TEST_CASE("changes: a shadowed object behind a long array of numbers is found, the numbers count",
          "[verify][changes]") {
    std::string numbers;
    for (int i = 0; i < 3000; ++i) numbers += std::to_string(i) + " /N ";
    auto objects = kBase;
    objects[1] = "<< /Type /Catalog /Pages 2 0 R /Extra [" + numbers +
                 "12 0 R] /AcroForm << /Fields [5 0 R 6 0 R 10 0 R] "
                 "/SigFlags 3 >> >>";
    objects[12] = "<< /Length 4 >>\nstream\nq Q\nendstream";
    const std::string before = revision("", objects, 13);
    const std::string after = revision(before, {{12, "<< /Length 9 >>\nstream\nBT ET q Q\nendstream"}}, 13);
    auto a = load(before), b = load(after);
    verify::Changes c;
    REQUIRE(verify::find_redefined(*a, *b, 100000, c));
    CHECK(c.kinds.contains(verify::ChangeKind::Catalog));
    CHECK_THAT(kinds(c), Catch::Contains("object 12 0 (catalog /Extra [6000]) was redefined after the signature"));
    verify::Changes d;
    CHECK_FALSE(verify::find_redefined(*a, *b, 5000, d));  // 6000 scalars do not fit in 5000 nodes
    CHECK(diff(before, after).kinds.contains(verify::ChangeKind::Catalog));
}

// One walk of the final revision serves the comparisons of every earlier revision with it
// (RedefinedWalk): each replay must find what a fresh walk finds, in the same order, and a budget
// the recorded walk did not fit in must still run out.
TEST_CASE("changes: a shared walk of the final revision finds what a fresh one finds", "[verify][changes]") {
    auto objects = kBase;
    objects[3] =
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /X 12 0 R >> "
        ">> "
        "/Annots [5 0 R 7 0 R 8 0 R 9 0 R 11 0 R] >>";
    objects[12] = "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 4 >>\nstream\nq Q\nendstream";
    const std::string r1 = revision("", objects, 13);
    // r2 signs a widget; r3 swaps the Form XObject (a shadow attack); r4 signs another widget.
    const std::string r2 = revision(r1,
                                    {{7,
                                      "<< /Parent 6 0 R /T (sekreterare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] "
                                      "/P 3 0 R /V 13 0 R >>"},
                                     {13, sig_dict()}},
                                    14);
    const std::string r3 = revision(
        r2, {{12, "<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 9 >>\nstream\nBT ET q Q\nendstream"}},
        14);
    const std::string r4 = revision(r3,
                                    {{8,
                                      "<< /Parent 6 0 R /T (justerare) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] "
                                      "/P 3 0 R /V 14 0 R >>"},
                                     {14, sig_dict()}},
                                    15);
    auto last = load(r4);
    const auto fresh = [&](const std::string& before) {
        auto a = load(before);
        return verify::compare_revisions(*a, *last, 100000);
    };
    verify::RedefinedWalk walk;
    verify::ReferenceIndex refs;
    verify::XRefTables tables;  // as Revisions keeps them: `last`'s read once for every comparison
    const auto same_table = [](const verify::XRefTable& x, const verify::XRefTable& y) {
        return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const auto& p, const auto& q) {
            return p.first == q.first && p.second.getType() == q.second.getType() &&
                   (p.second.getType() == 1
                        ? p.second.getOffset() == q.second.getOffset()
                        : p.second.getType() != 2 || (p.second.getObjStreamNumber() == q.second.getObjStreamNumber() &&
                                                      p.second.getObjStreamIndex() == q.second.getObjStreamIndex()));
        });
    };
    for (const auto* before : {&r1, &r2, &r3, &r1}) {  // the first records the walk, the others replay it
        auto a = load(*before);
        const verify::Changes shared = verify::compare_revisions(*a, *last, 100000, &walk, &refs, &tables);
        const verify::Changes alone = fresh(*before);
        CHECK(walk.after == last.get());
        CHECK(shared.kinds == alone.kinds);
        CHECK(shared.details == alone.details);
        CHECK(shared.too_complex == alone.too_complex);
        CHECK(same_table(tables.of(*a), a->getXRefTable()));
        CHECK(same_table(tables.of(*last), last->getXRefTable()));
        CHECK_FALSE(same_table(tables.of(*a), tables.of(*last)));  // a later revision adds objects
        tables.forget(*a);  // before `a` goes: another QPDF may come at its address
    }
    // The shadow is found after r1 and r2 (it came later), not after r3.
    auto a1 = load(r1), a2 = load(r2), a3 = load(r3);
    CHECK_THAT(kinds(verify::compare_revisions(*a2, *last, 100000, &walk)),
               Catch::Contains("object 12 0 (page 1 /Resources /XObject /X) was redefined"));
    CHECK_FALSE(verify::compare_revisions(*a3, *last, 100000, &walk).kinds.contains(verify::ChangeKind::PageContent));
    // A budget below what the walk spent: the rule runs (and runs out) instead of replaying.
    REQUIRE(walk.nodes > 3);
    verify::Changes c;
    CHECK_FALSE(verify::find_redefined(*a1, *last, walk.nodes - 1, c, &walk));
    verify::Changes d;
    CHECK(verify::find_redefined(*a1, *last, walk.nodes, d, &walk));
}

// Comparer reads which keys of an earlier revision's dictionary have non-null values without
// resolving, in that revision, a referenced object whose bytes are the same in both (it asks the
// later revision): a font of an unchanged /Resources that sits in an object stream must not make
// qpdf parse that object stream for every earlier revision. The keys must still come out as
// QPDFObjectHandle::getKeys() gives them: a key naming a null object is absent in both revisions
// when the object is the same, and absent only before when a later revision defined it.
TEST_CASE("changes: keys naming null or later-defined objects compare as qpdf counts them", "[verify][changes]") {
    auto objects = kBase;
    objects[3] =
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 12 0 R "
        "/F2 13 0 R >> >> /Annots [5 0 R 7 0 R 8 0 R 9 0 R 11 0 R] >>";
    objects[12] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
    objects[13] = "null";
    const std::string r1 = revision("", objects, 14);
    const std::string signed_widget = sekreterare_signed(14);
    // Only a signature: 13 is null in both revisions, /F2 is absent in both.
    const std::string r2 = revision(r1, {{7, signed_widget}, {14, sig_dict()}}, 15);
    const verify::Changes same = diff(r1, r2);
    CHECK(allowed(same));
    CHECK_THAT(kinds(same), !Catch::Contains("page content"));
    // A later revision defines 13: /F2 appears (and 13 was redefined).
    const std::string r3 = revision(
        r2, {{13, "<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>"}, {7, signed_widget}, {14, sig_dict()}}, 15);
    const verify::Changes defined = diff(r1, r3);
    CHECK(defined.kinds.contains(verify::ChangeKind::PageContent));
    CHECK_THAT(kinds(defined), Catch::Contains("page 1 /Resources changed"));
    // And the other way round: a font taken away (13 becomes null) is a change too.
    const std::string r4 = revision(r3, {{13, "null"}}, 15);
    CHECK_THAT(kinds(diff(r3, r4)), Catch::Contains("page 1 /Resources changed"));
}

// The semantic comparison's references of the final revision (ReferenceIndex) are recorded by the
// first comparison and replayed by the next: each must spend the same nodes at the same depths
// and compare the same references in the same order as a comparer without it. So for every
// budget, from too small to enough, a comparison replaying the index finds exactly what a fresh
// one finds, down to the budget running out.
TEST_CASE("changes: a shared reference index gives a fresh comparison's findings at every budget",
          "[verify][changes]") {
    auto objects = kBase;
    // A structure tree with nested direct arrays and dictionaries, a form field among its
    // references (its /Kids and /Parent are not followed), and a stream with an indirect /Length.
    objects[1] =
        "<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 12 0 R /AcroForm << /Fields [5 0 R 6 0 R 10 0 R] /SigFlags 3 "
        ">> >>";
    objects[12] = "<< /Type /StructTreeRoot /K [13 0 R 14 0 R] /ParentTree << /Nums [0 [13 0 R 14 0 R]] >> >>";
    objects[13] = "<< /S /P /P 12 0 R /K [0 << /Type /OBJR /Obj 10 0 R >>] /A << /O /Layout /BBox [0 0 1 1] >> >>";
    objects[14] = "<< /S /Figure /P 12 0 R /K [1 << /Type /MCR /Stm 15 0 R /MCID 0 >>] >>";
    objects[15] = "<< /Length 16 0 R >>\nstream\nq Q\nendstream";
    objects[16] = "3";
    const std::string r1 = revision("", objects, 17);
    const std::string signed_widget = sekreterare_signed(17);
    const std::string r2 = revision(r1, {{7, signed_widget}, {17, sig_dict()}}, 18);
    // r3 changes a value deep in the structure tree (the field's text), after both.
    const std::string r3 = revision(r2, {{10, "<< /FT /Tx /T (paragraf) /Kids [11 0 R] /V (Avslås) >>"}}, 18);
    auto last = load(r3);
    for (const auto* before : {&r1, &r2}) {
        auto a = load(*before);
        verify::ReferenceIndex refs;
        const verify::Changes full = verify::compare_revisions(*a, *last, 100000, nullptr, &refs);  // records
        CHECK(full.kinds.contains(verify::ChangeKind::FormValues));
        CHECK_FALSE(full.too_complex);
        bool ran_out = false;
        for (std::size_t budget = 1; budget < 200; ++budget) {
            auto a2 = load(*before);
            const verify::Changes alone = verify::compare_revisions(*a2, *last, budget);
            const verify::Changes shared = verify::compare_revisions(*a2, *last, budget, nullptr, &refs);
            CHECK(shared.kinds == alone.kinds);
            CHECK(shared.details == alone.details);
            CHECK(shared.too_complex == alone.too_complex);
            ran_out = ran_out || alone.too_complex;
        }
        CHECK(ran_out);  // small budgets did run out
        REQUIRE(refs.after == last.get());
        CHECK(refs.runs.size() >= 4);  // 12, 13, 14, 15 at least were recorded
    }
}
