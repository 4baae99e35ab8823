// verify/ against the 2019–2021 "PDF insecurity" attacks (Mainka, Mladenov, Rohlmann et al.):
// shadow hide / replace / hide-and-replace, incremental saving attacks, signature wrapping,
// universal signature forgery and object stream tricks. Each attack is a later revision
// appended in memory to shadow-signed.pdf (make-shadow.sh: a document prepared the way a shadow
// attacker prepares one, signed once by `kansli sign` with the demo sekreterare key).
#include "core/files.hpp"
#include "support/tools.hpp"
#include "verify/verify.hpp"

#include <botan/compression.h>
#include <qpdf/QPDF.hh>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <functional>
#include <memory>
#include <map>
#include <regex>
#include <string>
#include <vector>

using namespace kansli;
using verify::Verdict;

namespace {

verify::VerifyOptions demo_options() {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(test::source("keys/demo/root.cert.pem"));
    o.crls = verify::load_crls(test::source("keys/demo/issuing.crl.pem"));
    o.at = *core::parse_instant("2024-01-01T00:00:00Z");
    return o;
}

std::string base() {
    auto b = core::read_file(test::data("verify/shadow-signed.pdf"));
    return std::string(b.begin(), b.end());
}

verify::VerifyReport check(const std::string& pdf) {
    return verify::verify_pdf(std::span(reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size()), "attack.pdf",
                              demo_options());
}

std::string reasons(const verify::VerifyReport& r) {
    std::string s = r.reason;
    for (const auto& p : r.problems) s += " | " + p;
    for (const auto& sig : r.signatures) s += " | " + sig.reason;
    return s;
}

std::string stream(const std::string& data, const std::string& dict = "") {
    return "<< /Length " + std::to_string(data.size()) + " " + dict + ">>\nstream\n" + data + "\nendstream";
}

long last_startxref(const std::string& pdf) { return std::stol(pdf.substr(pdf.rfind("startxref") + 9)); }

// An incremental update: plain objects, optionally objects inside a new object stream (which
// needs an xref stream), classic or stream cross-reference, with or without /Prev, another /Root,
// and extra one-entry xref subsections (duplicates) before or after the real ones.
struct Update {
    std::map<int, std::string> objects;
    std::map<int, std::string> in_objstm;
    bool xref_stream = false;
    bool prev = true;
    std::string root;
    std::vector<std::pair<int, long>> extra_before, extra_after;
    long prev_offset = -1;  ///< /Prev value when >= 0 (default: the last startxref)
};

std::string append(const std::string& pdf, const Update& u) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    auto trailer = q.getTrailer();
    int size = static_cast<int>(trailer.getKey("/Size").getIntValue());
    for (const auto& [n, b] : u.objects) size = std::max(size, n + 1);
    for (const auto& [n, b] : u.in_objstm) size = std::max(size, n + 1);
    const int objstm = size, xrefobj = size + 1;
    if (u.xref_stream || !u.in_objstm.empty()) size += 2;
    std::string out = pdf;
    std::map<int, std::pair<int, long>> entries;  // number → (type, offset or objstm index)
    for (const auto& [n, body] : u.objects) {
        entries[n] = {1, static_cast<long>(out.size())};
        out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    }
    if (!u.in_objstm.empty()) {
        std::string head, bodies;
        int idx = 0;
        for (const auto& [n, body] : u.in_objstm) {
            head += std::to_string(n) + " " + std::to_string(bodies.size()) + " ";
            bodies += body + "\n";
            entries[n] = {2, idx++};
        }
        entries[objstm] = {1, static_cast<long>(out.size())};
        out += std::to_string(objstm) + " 0 obj\n" +
               stream(head + bodies, "/Type /ObjStm /N " + std::to_string(u.in_objstm.size()) + " /First " +
                                         std::to_string(head.size())) +
               "\nendobj\n";
    }
    const std::string root = u.root.empty() ? trailer.getKey("/Root").unparse() : u.root;
    const long prev = u.prev_offset >= 0 ? u.prev_offset : last_startxref(pdf);
    std::string keys = "/Size " + std::to_string(size) + " /Root " + root +
                       (u.prev ? " /Prev " + std::to_string(prev) : std::string()) + " /ID " +
                       trailer.getKey("/ID").unparse();
    const long x = static_cast<long>(out.size());
    if (u.xref_stream || !u.in_objstm.empty()) {
        entries[xrefobj] = {1, x};
        std::string data, index;
        for (const auto& [n, e] : entries) {
            index += std::to_string(n) + " 1 ";
            // type 1: offset and generation 0; type 2: object stream number and index
            const long v = e.first == 2 ? objstm : e.second;
            const long w = e.first == 2 ? e.second : 0;
            data += static_cast<char>(e.first);
            for (int s = 24; s >= 0; s -= 8) data += static_cast<char>((v >> s) & 0xff);
            data += static_cast<char>((w >> 8) & 0xff);
            data += static_cast<char>(w & 0xff);
        }
        out += std::to_string(xrefobj) + " 0 obj\n" +
               stream(data, "/Type /XRef /W [1 4 2] /Index [" + index + "] " + keys + " ") + "\nendobj\n";
    } else {
        out += "xref\n";
        auto line = [&out](int n, long off) {
            char buf[40];
            std::snprintf(buf, sizeof buf, "%010ld 00000 n \n", off);
            out += std::to_string(n) + " 1\n" + buf;
        };
        for (const auto& [n, off] : u.extra_before) line(n, off);
        for (const auto& [n, e] : entries) line(n, e.second);
        for (const auto& [n, off] : u.extra_after) line(n, off);
        out += "trailer\n<< " + keys + " >>\n";
    }
    out += "startxref\n" + std::to_string(x) + "\n%%EOF\n";
    return out;
}

std::string append(const std::string& pdf, const std::map<int, std::string>& objects) {
    Update u;
    u.objects = objects;
    return append(pdf, u);
}

Update with(const std::map<int, std::string>& objects) {
    Update u;
    u.objects = objects;
    return u;
}

// The body of object `n` of `pdf`, resolved one level (indirect values stay references).
std::string body(const std::string& pdf, int n) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    return q.getObjectByObjGen(QPDFObjGen(n, 0)).unparseResolved();
}

long offset_of(const std::string& pdf, int n) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    return q.getXRefTable().at(QPDFObjGen(n, 0)).getOffset();
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size())) s.replace(p, from.size(), to);
    return s;
}

const std::string kText = "BT /F1 14 Tf 72 760 Td (Kommunstyrelsen beslutar att AVSLA budgeten.) Tj ET";

struct Attack {
    const char* name;
    std::string pdf;
    const char* expect;  ///< a word the reason (or a change kind) must contain
};

void expect_failed(const Attack& a, bool pdfsig_fooled = false) {
    const auto r = check(a.pdf);
    const std::string why = reasons(r);
    if (std::getenv("ATTACK_DUMP"))
        core::write_file_atomic(std::string(std::getenv("ATTACK_DUMP")) + "/" + replace_all(a.name, "/", "_") + ".pdf",
                                a.pdf);
    INFO(a.name << ": " << why);
    CHECK(r.verdict == Verdict::Failed);
    std::string all = why;
    for (const auto& s : r.signatures) {
        for (const auto& c : s.changes_after) all += " " + c;
    }
    CHECK(all.find(a.expect) != std::string::npos);
    if (pdfsig_fooled) {
        const std::string path = test::temp_dir("verify-attacks") + "/attack.pdf";
        core::write_file_atomic(path, a.pdf);
        CHECK(test::run({"pdfsig", "-nocert", path}).out.find("Signature is Valid") != std::string::npos);
    }
}

}  // namespace

TEST_CASE("attacks: the prepared base and harmless updates pass", "[verify][attacks]") {
    const std::string pdf = base();
    const auto r = check(pdf);
    INFO(reasons(r));
    REQUIRE(r.verdict == Verdict::Passed);
    // A new /Info and a /DSS stay allowed.
    const std::string info = append(pdf, std::map<int, std::string>{{40, "<< /Title (x) >>"}});
    std::string cat = body(pdf, 1);
    cat.insert(cat.size() - 2, " /DSS 41 0 R ");
    const std::string dss = append(pdf, std::map<int, std::string>{{1, cat}, {41, "<< /CRLs [] >>"}});
    CHECK(check(dss).verdict == Verdict::Passed);
    INFO(reasons(check(info)));
    CHECK(check(info).verdict == Verdict::Passed);
    // The same harmless update written with an xref stream: its /Type, /W, /Index, /Length and
    // filter keys are the xref section's, not the document's.
    Update xs = with({{40, "<< /Title (x) >>"}});
    xs.xref_stream = true;
    INFO(reasons(check(append(pdf, xs))));
    CHECK(check(append(pdf, xs)).verdict == Verdict::Passed);
}

TEST_CASE("attacks: shadow hide, replace and hide-and-replace after the signature", "[verify][attacks]") {
    const std::string pdf = base();
    const std::string hidden_annot = body(pdf, 7), xobj = body(pdf, 9), ocp = body(pdf, 21), font = body(pdf, 8);
    const std::string res = body(pdf, 4), desc = body(pdf, 18);
    const std::string form = "/Type /XObject /Subtype /Form /BBox [0 0 595 842] ";
    const Attack attacks[] = {
        // hide: what was there but invisible becomes visible
        {"annotation /F Hidden cleared", append(pdf, {{7, replace_all(hidden_annot, "/F 2", "/F 4")}}), "7 0"},
        {"optional content group switched ON", append(pdf, {{21, replace_all(ocp, "/OFF", "/ON")}}), "21 0"},
        {"Form XObject /BBox grown",
         append(pdf, {{9, stream("BT /F1 12 Tf 72 650 Td (Dold text i formularet) Tj ET",
                                 "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 4 0 R ")}}),
         "9 0"},
        // replace: objects the page references, never the page dictionary
        {"Form XObject stream", append(pdf, {{9, stream(kText, form + "/Resources 4 0 R ")}}), "9 0"},
        {"image",
         append(
             pdf,
             {{10,
               stream(
                   "\x10",
                   "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 ")}}),
         "10 0"},
        {"font /Widths", append(pdf, {{14, "[" + std::string(95 * 5, ' ').replace(0, 5, "2000 ") + "]"}}), "14 0"},
        {"font file added",
         append(pdf, {{18, replace_all(desc, "/Flags", "/FontFile2 40 0 R /Flags")}, {40, stream("fake")}}), "18 0"},
        {"font dictionary", append(pdf, {{8, replace_all(font, "/Helvetica", "/Courier")}}), "8 0"},
        {"indirect /Resources",
         append(pdf, {{4, replace_all(res, "/F1 8 0 R", "/F1 40 0 R")},
                      {40, "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>"}}),
         "4 0"},
        {"content stream of the /Contents array", append(pdf, {{6, stream(kText)}}), "6 0"},
        {"first content stream", append(pdf, {{5, stream(kText)}}), "page content"},
        {"ExtGState that says /Type /Pages", append(pdf, {{11, "<< /Type /Pages /CA 0 /ca 0 >>"}}), "11 0"},
        {"/Resources inherited from an out-of-tree /Parent",
         append(pdf, {{23, "<< /Type /Pages /Resources 40 0 R >>"},
                      {40, "<< /Font << /F2 41 0 R >> >>"},
                      {41, "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>"}}),
         "23 0"},
        {"font of an out-of-tree /Parent's /Resources",
         append(pdf,
                {{25, "<< /Font << /F2 40 0 R >> >>"}, {40, "<< /Type /Font /Subtype /Type1 /BaseFont /Symbol >>"}}),
         "25 0"},
        {"shading of a pattern", append(pdf, {{15, replace_all(body(pdf, 15), "/C1 [ 1 1 1 ]", "/C1 [ 0 0 0 ]")}}),
         "15 0"},
        {"hidden annotation's appearance", append(pdf, {{13, stream(kText, form)}}), "13 0"},
        // hide-and-replace: a new object graph three hops below the page
        {"new graph under a nested Form XObject",
         append(pdf, {{17, stream("/New Do", form + "/Resources << /XObject << /New 40 0 R >> >> ")},
                      {40, stream("/F Do", form + "/Resources << /XObject << /F 41 0 R >> >> ")},
                      {41, stream(kText, form + "/Resources << /Font << /F1 8 0 R >> >> ")}}),
         "17 0"},
        {"empty innermost XObject filled", append(pdf, {{19, stream(kText, form + "/Resources 4 0 R ")}}), "19 0"},
    };
    for (const auto& a : attacks) expect_failed(a);
    // Poppler's pdfsig checks only the signed bytes: the swapped Form XObject is "valid" to it.
    expect_failed(attacks[3], true);
}

TEST_CASE("attacks: incremental saving attacks", "[verify][attacks]") {
    const std::string pdf = base();
    const long old5 = offset_of(pdf, 5);
    // xref stream in the later revision
    Update xs = with({{5, stream(kText)}});
    xs.xref_stream = true;
    expect_failed({"xref stream", append(pdf, xs), "5 0"}, true);
    // no /Prev: the later revision stands alone (the signature's objects are gone)
    Update no_prev = with({{5, stream(kText)}});
    no_prev.prev = false;
    expect_failed({"trailer without /Prev", append(pdf, no_prev), "does not load"});
    // /Prev skips the signed revision (points at the unsigned original's xref)
    Update skip = with({{5, stream(kText)}});
    skip.prev_offset = last_startxref(pdf.substr(0, pdf.find("%%EOF") + 6));
    expect_failed({"/Prev skips the signed revision", append(pdf, skip), "signature"});
    // duplicate xref entries for one object: readers disagree on which one wins
    const std::string with5 = append(pdf, std::map<int, std::string>{{40, stream(kText)}});
    const long new5 = offset_of(with5, 40);
    std::string fake = with5;  // object 40's body renumbered as a second object 5
    fake.replace(static_cast<std::size_t>(new5), 2, "5 ");
    Update dup_first = with({{41, "<< >>"}});
    dup_first.extra_before = {{5, new5}};
    dup_first.extra_after = {{5, old5}};
    expect_failed({"duplicate xref entries (new first)", append(fake, dup_first), "twice"});
    Update dup_last = with({{41, "<< >>"}});
    dup_last.extra_before = {{5, old5}};
    dup_last.extra_after = {{5, new5}};
    expect_failed({"duplicate xref entries (old first)", append(fake, dup_last), "twice"});
    // /Root moved to a new catalog with another page tree
    std::string cat = replace_all(body(pdf, 1), "/Pages 2 0 R", "/Pages 40 0 R");
    Update moved = with({{39, cat},
                         {40, "<< /Type /Pages /Kids [41 0 R] /Count 1 >>"},
                         {41, "<< /Type /Page /Parent 40 0 R /MediaBox [0 0 595 842] /Contents 42 0 R >>"},
                         {42, stream(kText)}});
    moved.root = "39 0 R";
    expect_failed({"new catalog", append(pdf, moved), "catalog"});
}

TEST_CASE("attacks: object stream tricks", "[verify][attacks]") {
    const std::string pdf = base();
    const std::string page = body(pdf, 3);
    Update page_in_objstm = with({{40, stream(kText)}});
    page_in_objstm.in_objstm = {{3, replace_all(page, "[ 5 0 R 6 0 R ]", "[ 40 0 R ]")}};
    expect_failed({"page redefined in a later object stream", append(pdf, page_in_objstm), "page"}, true);
    Update gs_in_objstm;
    gs_in_objstm.in_objstm = {{11, "<< /CA 0 /ca 0 >>"}};
    expect_failed({"ExtGState redefined in a later object stream", append(pdf, gs_in_objstm), "11 0"});
}

namespace {

// A revision that adds signature field 40 (widget on no page) with signature dictionary `sig`
// (its text may hold "@BR@" where a /ByteRange that exactly brackets "@CONTENTS@" is filled in:
// the forged signature is then bound to its own revision as a real one would be).
// `widget` replaces the field's dictionary (it may use "41 0 R" for the signature), `extra` adds objects.
std::string add_signature(
    const std::string& pdf, std::string sig, const std::string& contents = "<00>",
    const std::string& widget = "<< /FT /Sig /T (Forged) /Subtype /Widget /Rect [0 0 0 0] /V 41 0 R >>",
    std::map<int, std::string> extra = {}) {
    std::string acro = body(pdf, 27);
    acro = replace_all(acro, "/Fields [ 28 0 R ]", "/Fields [ 28 0 R 40 0 R ]");
    const std::string placeholder = "[0 0000000000 0000000000 0000000000]";
    sig = replace_all(sig, "@BR@", placeholder);
    sig = replace_all(sig, "@CONTENTS@", contents);
    extra[27] = acro;
    extra[40] = widget;
    extra[41] = sig;
    std::string out = append(pdf, extra);
    const auto br = out.find(placeholder, pdf.size());
    if (br == std::string::npos) return out;
    auto c0 = out.find(contents, br), c1 = c0 + contents.size();
    if (sig.find(contents) == std::string::npos) c0 = c1 = br;  // no /Contents: an empty gap
    char buf[64];
    std::snprintf(buf, sizeof buf, "[0 %010zu %010zu %010zu]", c0, c1, out.size() - c1);
    out.replace(br, placeholder.size(), buf);
    return out;
}

}  // namespace

TEST_CASE("attacks: signature wrapping variants", "[verify][attacks]") {
    const std::string pdf = base();
    const auto r = check(pdf);
    REQUIRE(r.signatures.size() == 1);
    const auto* b = r.signatures[0].byte_range;
    const std::string sig = body(pdf, 29);
    const std::string hole = pdf.substr(static_cast<std::size_t>(b[1]), static_cast<std::size_t>(b[2] - b[1]));
    // /ByteRange pointing into a second copy of the signed tail (which ends with its own %%EOF)
    const std::string tail = pdf.substr(static_cast<std::size_t>(b[2]));
    std::string copy = append(pdf, {{42, stream(tail)}});
    const auto at = copy.find(tail, pdf.size());
    char br[96];
    std::snprintf(br, sizeof br, "/ByteRange [ 0 %lld %zu %lld ]", static_cast<long long>(b[1]), at,
                  static_cast<long long>(b[3]));
    const std::string moved = std::regex_replace(sig, std::regex(R"(/ByteRange \[[^\]]*\])"), br);
    expect_failed({"/ByteRange into a second copy of the signed data", append(copy, {{29, moved}}), "coverage"});
    // /Contents placed after the %%EOF of the signed revision, ranges unchanged
    const std::string later = std::regex_replace(sig, std::regex(R"(/Contents <[0-9a-fA-F]*>)"), "/Contents " + hole);
    expect_failed({"/Contents after the signed revision", append(pdf, {{29, later}}), "redefined"});
    // two /ByteRange keys (the second one wins in some readers)
    const std::string two = replace_all(sig, "/ByteRange", "/ByteRange [ 0 1 2 3 ] /ByteRange");
    expect_failed({"two /ByteRange keys", add_signature(pdf, two), "coverage"});
}

TEST_CASE("attacks: universal signature forgery", "[verify][attacks]") {
    const std::string pdf = base();
    const std::string head = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached ";
    const std::string zeros = "<" + std::string(2000, '0') + ">";
    const Attack attacks[] = {
        {"/Contents missing", add_signature(pdf, head + "/ByteRange @BR@ >>"), "/Contents"},
        {"/Contents null", add_signature(pdf, head + "/ByteRange @BR@ /Contents null >>"), "/Contents"},
        {"/Contents <>", add_signature(pdf, head + "/ByteRange @BR@ /Contents @CONTENTS@ >>", "<>"), "coverage"},
        {"/Contents all zeros", add_signature(pdf, head + "/ByteRange @BR@ /Contents @CONTENTS@ >>", zeros), "valid"},
        {"/ByteRange [0 0 0 0]", add_signature(pdf, head + "/ByteRange [0 0 0 0] /Contents <3000> >>"), "/ByteRange"},
        {"/ByteRange missing", add_signature(pdf, head + "/Contents <3000> >>"), "/ByteRange"},
        {"/V is not a /Sig dictionary",
         add_signature(pdf, "<< /Type /Annot /Subtype /Text /ByteRange @BR@ /Contents @CONTENTS@ >>", zeros),
         "not a signature dictionary"},
        {"/SubFilter adbe.x509.rsa_sha1 with /Cert",
         add_signature(pdf,
                       "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.x509.rsa_sha1 /Cert <3082> /ByteRange "
                       "@BR@ /Contents @CONTENTS@ >>",
                       zeros),
         "rsa_sha1"},
    };
    for (const auto& a : attacks) {
        const auto r = check(a.pdf);
        INFO(a.name << ": " << reasons(r));
        CHECK(r.verdict != Verdict::Passed);
        CHECK(reasons(r).find(a.expect) != std::string::npos);
        REQUIRE(r.signatures.size() == 2);
        CHECK(r.signatures[0].verdict == Verdict::Passed);  // the real one still is
        CHECK(r.signatures[1].verdict != Verdict::Passed);
    }
    // Every forged revision is also a failed document for `kansli verify` as a whole: verdict Failed,
    // except the unsupported /SubFilter, which is indeterminate (exit 1 either way).
    for (std::size_t i = 0; i + 1 < std::size(attacks); ++i) CHECK(check(attacks[i].pdf).verdict == Verdict::Failed);
}

namespace {

// A later revision with a signature widget `w` (object 40) and its appearance 41 (text on an
// opaque box over the whole page) in the form, on page 1 when `on_page`, plus `extra` objects.
std::string add_widget(const std::string& pdf, const std::string& w, bool on_page,
                       std::map<int, std::string> extra = {}) {
    std::map<int, std::string> objs = std::move(extra);
    objs[27] = replace_all(body(pdf, 27), "/Fields [ 28 0 R ]", "/Fields [ 28 0 R 40 0 R ]");
    if (on_page) objs[3] = replace_all(body(pdf, 3), "/Annots [ 7 0 R ]", "/Annots [ 7 0 R 40 0 R ]");
    objs[40] = w;
    objs[41] = stream("1 1 1 rg 0 0 595 842 re f 0 g " + kText,
                      "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 4 0 R ");
    return append(pdf, objs);
}

}  // namespace

TEST_CASE("attacks: shadow hide by a signature widget drawn over signed content", "[verify][attacks]") {
    const std::string pdf = base();
    const std::string visible = "/Type /Annot /Subtype /Widget /Rect [0 0 595 842] /F 4 /P 3 0 R /AP << /N 41 0 R >> ";
    // Harmless: invisible widgets (zero-area /Rect, /F Hidden or NoView) may be added unsigned.
    for (const std::string& w :
         {std::string("<< /FT /Sig /T (Tom) /Type /Annot /Subtype /Widget /Rect [0 0 0 0] /AP << /N 41 0 R >> >>"),
          "<< /FT /Sig /T (Dold) " + replace_all(visible, "/F 4", "/F 6") + ">>",
          "<< /FT /Sig /T (Ingen) " + replace_all(visible, "/F 4", "/F 32") + ">>"}) {
        const auto r = check(add_widget(pdf, w, true));
        INFO(w << ": " << reasons(r));
        CHECK(r.verdict == Verdict::Passed);
    }
    const std::string sig28 = body(pdf, 28);
    const auto r28 = check(append(pdf, {{28, replace_all(sig28, "/F 4", "/F 4 /AP << /N 40 0 R >>")},
                                        {40, stream(kText, "/Type /XObject /Subtype /Form /BBox [0 0 1 1] ")}}));
    INFO(reasons(r28));
    CHECK(r28.verdict == Verdict::Passed);  // the signed widget stays zero-area: nothing can be seen

    const std::string zeros = "<" + std::string(2000, '0') + ">";
    const std::string forged =
        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange @BR@ /Contents @CONTENTS@ >>";
    const std::string paint = stream("1 1 1 rg 0 0 595 842 re f 0 g " + kText,
                                     "/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 4 0 R ");
    const Attack attacks[] = {
        {"unsigned widget on the page", add_widget(pdf, "<< /FT /Sig /T (Skugga) " + visible + ">>", true),
         "unsigned signature widget 40 0 gained a visible appearance"},
        {"unsigned widget only in the form", add_widget(pdf, "<< /FT /Sig /T (Skugga) " + visible + ">>", false),
         "unsigned signature widget 40 0 gained a visible appearance"},
        {"unsigned kid widget of a new field",
         add_widget(pdf, "<< /Parent 42 0 R " + visible + ">>", true,
                    {{42, "<< /FT /Sig /T (Skugga) /Kids [40 0 R] >>"}}),
         "unsigned signature widget 40 0"},
        {"widget claiming the earlier signature as its /V",
         add_widget(pdf, "<< /FT /Sig /T (Kopia) /V 29 0 R " + visible + ">>", true),
         "signed signature widget 40 0 gained a visible appearance after this signature"},
        {"signed widget grown over the page",
         append(pdf, {{28, replace_all(replace_all(sig28, "/Rect [ 0 0 0 0 ]", "/Rect [ 0 0 595 842 ]"), "/F 4",
                                       "/F 4 /AP << /N 40 0 R >>")},
                      {40, stream("1 1 1 rg 0 0 595 842 re f", "/Type /XObject /Subtype /Form /BBox [0 0 595 842] ")}}),
         "signed signature widget 28 0 changed its visible appearance"},
        {"widget signed by a forged signature",
         add_signature(pdf, forged, zeros,
                       "<< /FT /Sig /T (Falsk) /V 41 0 R " + replace_all(visible, "41 0 R", "42 0 R") + ">>",
                       {{42, paint}}),
         "signature widget 40 0 gained a visible appearance signed by a signature that does not verify"},
        {"direct signature widget on the page",
         append(pdf,
                {{3, replace_all(body(pdf, 3), "/Annots [ 7 0 R ]", "/Annots [ 7 0 R << /FT /Sig " + visible + ">> ]")},
                 {41, stream("1 1 1 rg 0 0 595 842 re f 0 g " + kText,
                             "/Type /XObject /Subtype /Form /BBox [0 0 595 842] ")}}),
         "direct signature widget on page 1"},
    };
    for (const auto& a : attacks) expect_failed(a);
    // pdfsig checks only the signed bytes: the page painted over by an unsigned widget is "valid".
    expect_failed(attacks[0], true);
}

namespace {

// A later revision of `pdf` with object `n` redefined as `body` and an xref stream whose /Index is
// `index` (pairs "first count"); `entries` gives the (type, field 2) of each listed object in order,
// "@new" standing for the new body's offset, "@xref" for the stream's own.
std::string xref_stream_update(const std::string& pdf, int n, const std::string& body, const std::string& index,
                               const std::vector<std::pair<int, std::string>>& entries) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    const int size = static_cast<int>(q.getTrailer().getKey("/Size").getIntValue());
    const int xref_obj = size;
    std::string out = pdf;
    const long at = static_cast<long>(out.size());
    out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    const long x = static_cast<long>(out.size());
    std::string data;
    for (const auto& [type, field] : entries) {
        const long v = field == "@new" ? at : field == "@xref" ? x : std::stol(field);
        data += static_cast<char>(type);
        for (int s = 24; s >= 0; s -= 8) data += static_cast<char>((v >> s) & 0xff);
        data += std::string(2, '\0');
    }
    out += std::to_string(xref_obj) + " 0 obj\n" +
           stream(data, "/Type /XRef /W [1 4 2] /Index [" + index + "] /Size " + std::to_string(size + 1) + " /Root " +
                            q.getTrailer().getKey("/Root").unparse() + " /Prev " + std::to_string(last_startxref(pdf)) +
                            " ") +
           "\nendobj\nstartxref\n" + std::to_string(x) + "\n%%EOF\n";
    return out;
}

}  // namespace

TEST_CASE("attacks: xref stream /Index lists an object twice", "[verify][attacks]") {
    // objstm-signed.pdf (make-shadow.sh): the prepared document with object streams and an xref
    // stream, signed by `kansli sign` (which appends a full classic table).
    const auto bytes = core::read_file(test::data("verify/objstm-signed.pdf"));
    const std::string pdf(bytes.begin(), bytes.end());
    REQUIRE(check(pdf).verdict == Verdict::Passed);
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    // The page's first content stream: the object a shadow attacker swaps.
    QPDFObjectHandle page = q.getAllPages().at(0);
    QPDFObjectHandle contents = page.getKey("/Contents");
    if (contents.isArray()) contents = contents.getArrayItem(0);
    REQUIRE(contents.isIndirect());
    const int n = contents.getObjectID();
    const auto old = q.getXRefTable().at(contents.getObjGen());
    const std::string old_entry = std::to_string(old.getType() == 1 ? old.getOffset() : old.getObjStreamNumber());
    const int old_type = old.getType();
    const int xref_obj = static_cast<int>(q.getTrailer().getKey("/Size").getIntValue());
    const std::string ns = std::to_string(n), xs = std::to_string(xref_obj);
    const std::string text = stream(kText);
    // Control: the same update with a clean /Index is caught by the object rule, not as a duplicate.
    const auto clean = check(xref_stream_update(pdf, n, text, ns + " 1 " + xs + " 1", {{1, "@new"}, {1, "@xref"}}));
    CHECK(clean.verdict == Verdict::Failed);
    CHECK(reasons(clean).find("twice") == std::string::npos);
    const Attack attacks[] = {
        {"xref stream /Index lists the content stream twice (new first)",
         xref_stream_update(pdf, n, text, ns + " 1 " + ns + " 1 " + xs + " 1",
                            {{1, "@new"}, {old_type, old_entry}, {1, "@xref"}}),
         "twice"},
        {"xref stream /Index lists the content stream twice (old first)",
         xref_stream_update(pdf, n, text, ns + " 1 " + xs + " 1 " + ns + " 1",
                            {{old_type, old_entry}, {1, "@xref"}, {1, "@new"}}),
         "twice"},
        {"xref stream /Index ranges overlap",
         xref_stream_update(pdf, n, text, ns + " 1 " + std::to_string(n - 1) + " 2 " + xs + " 1",
                            {{1, "@new"}, {1, "0"}, {old_type, old_entry}, {1, "@xref"}}),
         "twice"},
        {"xref stream with two /Index keys",
         pdf + replace_all(xref_stream_update(pdf, n, text, ns + " 1 " + xs + " 1", {{1, "@new"}, {1, "@xref"}})
                               .substr(pdf.size()),
                           "/Index [", "/Index [" + ns + " 1 " + xs + " 1] /Index ["),
         "twice"},
    };
    for (const auto& a : attacks) expect_failed(a);
    // Poppler follows one of the two entries and calls the signature valid.
    expect_failed(attacks[0], true);
}

namespace {

// Positions in a hybrid update, for its entries: the new object's offset, the object stream's
// number and offset, the xref stream's number and offset.
struct HybridAt {
    long fresh = 0;
    int objstm = 0;
    long objstm_at = 0;
    int xref = 0;
    long xref_at = 0;
};
struct TableEntry {
    int n;
    long offset;
    char kind;  ///< 'n' or 'f'
};
struct StreamEntry {
    int n, type;
    long f2, f3;
};

// A hybrid-reference update (ISO 32000-1 7.5.8.4) to `pdf`: object `n` rewritten with `body`
// (none when n == 0), a new object stream holding object 40, an xref stream (named by /XRefStm,
// FlateDecode with a PNG Up predictor when `flate`) and a classic table with its trailer; `entries`
// gives the table's and the stream's entries from the positions.
std::string hybrid_update(
    const std::string& pdf, int n, const std::string& body, bool flate,
    const std::function<std::pair<std::vector<TableEntry>, std::vector<StreamEntry>>(const HybridAt&)>& entries) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    const int size = static_cast<int>(q.getTrailer().getKey("/Size").getIntValue());
    HybridAt at;
    std::string out = pdf;
    if (n != 0) {
        at.fresh = static_cast<long>(out.size());
        out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    }
    at.objstm = size;
    at.objstm_at = static_cast<long>(out.size());
    const std::string inner = "<< /Title (x) >>\n";
    out += std::to_string(size) + " 0 obj\n" + stream("40 0 " + inner, "/Type /ObjStm /N 1 /First 5 ") + "\nendobj\n";
    at.xref = size + 1;
    at.xref_at = static_cast<long>(out.size());
    const auto [table, stm] = entries(at);
    std::string rows, index;
    std::string prev(7, '\0');
    for (const auto& e : stm) {
        index += std::to_string(e.n) + " 1 ";
        std::string row(1, static_cast<char>(e.type));
        for (int s = 24; s >= 0; s -= 8) row += static_cast<char>((e.f2 >> s) & 0xff);
        row += static_cast<char>((e.f3 >> 8) & 0xff);
        row += static_cast<char>(e.f3 & 0xff);
        if (!flate) {
            rows += row;
            continue;
        }
        rows += '\x02';  // PNG "Up": each byte minus the one above it
        for (std::size_t i = 0; i < row.size(); ++i) rows += static_cast<char>(row[i] - prev[i]);
        prev = row;
    }
    std::string dict = "/Type /XRef /W [1 4 2] /Index [" + index + "] /Size " + std::to_string(size + 2) + " ";
    if (flate) {
        std::unique_ptr<Botan::Compression_Algorithm> z(Botan::make_compressor("zlib"));
        z->start();
        Botan::secure_vector<std::uint8_t> buf(rows.begin(), rows.end());
        z->finish(buf);
        rows.assign(buf.begin(), buf.end());
        dict += "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >> ";
    }
    out += std::to_string(at.xref) + " 0 obj\n" + stream(rows, dict) + "\nendobj\n";
    const long x = static_cast<long>(out.size());
    out += "xref\n";
    for (const auto& e : table) {
        char buf[48];
        std::snprintf(buf, sizeof buf, "%d 1\n%010ld 00000 %c \n", e.n, e.offset, e.kind);
        out += buf;
    }
    out += "trailer\n<< /Size " + std::to_string(size + 2) + " /Root " + q.getTrailer().getKey("/Root").unparse() +
           " /Prev " + std::to_string(last_startxref(pdf)) + " /XRefStm " + std::to_string(at.xref_at) + " /ID " +
           q.getTrailer().getKey("/ID").unparse() + " >>\nstartxref\n" + std::to_string(x) + "\n%%EOF\n";
    return out;
}

}  // namespace

TEST_CASE("attacks: a hybrid revision whose classic table and /XRefStm disagree", "[verify][attacks]") {
    const std::string pdf = base();
    const long old5 = offset_of(pdf, 5);
    // The spec's layout: object 40 lives in the object stream, so the table omits it or marks it
    // free and only the stream gives its type-2 entry; objects both list agree.
    for (const bool flate : {false, true}) {
        for (const bool listed_free : {false, true}) {
            const std::string legit = hybrid_update(pdf, 0, "", flate, [&](const HybridAt& a) {
                std::vector<TableEntry> t = {{a.objstm, a.objstm_at, 'n'}, {a.xref, a.xref_at, 'n'}};
                if (listed_free) t.push_back({40, 0, 'f'});
                return std::pair{t,
                                 std::vector<StreamEntry>{
                                     {40, 2, a.objstm, 0}, {a.objstm, 1, a.objstm_at, 0}, {a.xref, 1, a.xref_at, 0}}};
            });
            QPDF q;  // qpdf reads the update as a hybrid file: object 40 comes from the object stream
            q.setSuppressWarnings(true);
            q.processMemoryFile("x", legit.data(), legit.size());
            REQUIRE(q.getObjectByID(40, 0).unparseResolved() == "<< /Title (x) >>");
            const auto r = check(legit);
            INFO("flate " << flate << ", free " << listed_free << ": " << reasons(r));
            CHECK(r.verdict == Verdict::Passed);
        }
    }
    // The content stream: the table keeps the signed one, the stream points at a new one (or the other way round).
    auto swap = [&](bool flate, long table_at, int type, long stream_f2) {
        return hybrid_update(pdf, 5, stream(kText), flate, [&](const HybridAt& a) {
            const long f2 = stream_f2 == -1 ? a.fresh : stream_f2 == -2 ? a.objstm : stream_f2;
            return std::pair{
                std::vector<TableEntry>{{5, table_at == -1 ? a.fresh : table_at, 'n'},
                                        {a.objstm, a.objstm_at, 'n'},
                                        {a.xref, a.xref_at, 'n'}},
                std::vector<StreamEntry>{
                    {5, type, f2, 0}, {40, 2, a.objstm, 0}, {a.objstm, 1, a.objstm_at, 0}, {a.xref, 1, a.xref_at, 0}}};
        });
    };
    const Attack attacks[] = {
        {"hybrid: table keeps the signed object, /XRefStm a new one", swap(false, old5, 1, -1),
         "object 5 defined twice in one revision"},
        {"hybrid: the same, /XRefStm compressed with a predictor", swap(true, old5, 1, -1),
         "object 5 defined twice in one revision"},
        {"hybrid: table a new object, /XRefStm the signed one", swap(true, -1, 1, old5),
         "object 5 defined twice in one revision"},
        {"hybrid: table an offset, /XRefStm an object stream", swap(true, old5, 2, -2),
         "object 5 defined twice in one revision"},
    };
    for (const auto& a : attacks) expect_failed(a);
    // Poppler checks only the signed bytes and calls the signature valid.
    expect_failed(attacks[0], true);
}
