// The tagged structure of built documents (issue 11 item 2): the example protokoll's tree as a
// readable golden (from poppler's pdfinfo -struct-text), the examples and a signed protokoll
// pass pdf::check_structure, each rule fails on a file mutated here, and the outside tools
// (pdfinfo -struct, -struct-text, pdftotext, qpdf --check) agree.
#include "pdf/structure_check.hpp"

#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

using namespace kansli;
namespace fs = std::filesystem;
using OH = QPDFObjectHandle;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace structure_test {

namespace {

const std::string kDate = "2023-02-24T13:00:00Z";

/// Builds templates/examples/<name>.xml once per run (in a copy of the folder) → the PDF.
std::string built(const std::string& name) {
    static const std::string dir = [] {
        const std::string d = test::temp_dir("pdf-structure");
        fs::copy(test::source("templates/examples"), d, fs::copy_options::recursive);
        return d;
    }();
    static std::map<std::string, std::string> done;
    if (done.count(name)) return done[name];
    const auto r = test::kansli({"build", dir + "/" + name + ".xml", "--date", kDate});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return done[name] = dir + "/" + name + ".pdf";
}

std::unique_ptr<QPDF> open(const std::string& path) {
    auto q = std::make_unique<QPDF>();
    q->processFile(path.c_str());
    return q;
}

std::set<std::string> rules_of(const std::vector<pdf::Finding>& fs) {
    std::set<std::string> out;
    for (const auto& f : fs) out.insert(f.rule);
    return out;
}

std::string describe(const std::vector<pdf::Finding>& fs) {
    std::string out;
    for (const auto& f : fs)
        out += f.clause + " [" + f.rule + "] page " + std::to_string(f.page) + ": " + f.message + "\n";
    return out;
}

int pages_of(const std::string& pdf) {
    QPDF q;
    q.processFile(pdf.c_str());
    return static_cast<int>(q.getAllPages().size());
}

/// The structure elements in document order (pre-order), for the mutations.
std::vector<OH> elements(QPDF& q) {
    std::vector<OH> out, todo{q.getRoot().getKey("/StructTreeRoot").getKey("/K")};
    while (!todo.empty()) {
        OH e = todo.back();
        todo.pop_back();
        if (e.isArray()) {
            for (int i = e.getArrayNItems(); i-- > 0;) todo.push_back(e.getArrayItem(i));
            continue;
        }
        if (!e.isDictionary() || !e.hasKey("/S")) continue;
        out.push_back(e);
        todo.push_back(e.getKey("/K"));
    }
    return out;
}

OH first(QPDF& q, const std::string& type) {
    for (auto& e : elements(q))
        if (e.getKey("/S").getName() == type) return e;
    FAIL("no " << type << " element");
    return OH::newNull();
}

OH first_annot(QPDF& q, const std::string& subtype) {
    for (OH p : q.getAllPages()) {
        OH a = p.getKey("/Annots");
        if (!a.isArray()) continue;
        for (auto& x : a.aitems())
            if (x.getKey("/Subtype").isName() && x.getKey("/Subtype").getName() == subtype) return x;
    }
    FAIL("no " << subtype << " annotation");
    return OH::newNull();
}

/// pdfinfo -struct-text reduced to a golden: two spaces per level, the type (TH with its
/// scope), "OBJR" for an object reference, text as its first three words.
std::string golden_of(const std::string& struct_text) {
    std::istringstream in(struct_text);
    std::string line, out;
    while (std::getline(in, line)) {
        const std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string::npos) continue;
        std::string body = line.substr(indent);
        if (body.front() == '"') {
            std::istringstream words(body.substr(1, body.size() - 2));
            std::string w, text;
            for (int i = 0; i < 3 && words >> w; ++i) text += (i ? " " : "") + w;
            if (words >> w) text += " …";
            body = "\"" + text + "\"";
        } else if (body.rfind("Object ", 0) == 0) {
            body = "OBJR";
        } else if (body.front() == '/') {
            out.pop_back();  // an attribute: on its element's line
            out += " " + body + "\n";
            continue;
        } else {
            for (const char* suffix : {" (block)", " (inline)", ":"})
                if (body.size() > std::strlen(suffix) && body.ends_with(suffix))
                    body.resize(body.size() - std::strlen(suffix));
        }
        out += std::string(indent, ' ') + body + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("structure: the example protokoll's tree (golden from pdfinfo -struct-text)", "[pdf][structure]") {
    const std::string pdf = built("protokoll-2023-02-24");
    const auto r = test::run({"pdfinfo", "-struct-text", pdf});
    REQUIRE(r.exit_code == 0);
    const std::string actual = golden_of(r.out);
    const std::string path = test::data("pdf/protokoll-structure.txt");
    if (std::getenv("UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << actual;
    std::ifstream in(path, std::ios::binary);
    const std::string expected{std::istreambuf_iterator<char>(in), {}};
    INFO("golden " << path << " differs; review the change and run with UPDATE_GOLDEN=1");
    CHECK(actual == expected);
}

TEST_CASE("structure: the examples pass every structure check; outside tools agree", "[pdf][structure]") {
    for (const std::string name : {"protokoll-2023-02-24", "overenskommelse-2025"}) {
        const std::string pdf = built(name);
        auto q = open(pdf);
        const auto findings = pdf::check_structure(*q);
        INFO(name << "\n" << describe(findings));
        CHECK(findings.empty());
        CHECK(test::run({"qpdf", "--check", pdf}).exit_code == 0);
        const std::string tree = test::run({"pdfinfo", "-struct", pdf}).out;
        for (const char* t : {"Document\n", "  H1 (block)", "  H2 (block)", "P (block)", "Table (block)", "TR\n",
                              "TH:", "TD\n", "L (block)", "LI (block)", "Lbl (block)", "LBody (block)", "Form\n"})
            CHECK(tree.find(t) != std::string::npos);
        if (name == "overenskommelse-2025")
            for (const char* t : {"Figure", "Link (inline)", "Note (inline)", "THead", "TBody", "H3", "H4"})
                CHECK(tree.find(t) != std::string::npos);
        // Reading order: every text of the structure is in pdftotext's text (layout mode: row by
        // row); from the first H2 on, each after the one before. (Before it, the protokoll's
        // signature block sits at the foot of page 1 while the attendance table it follows in
        // the source may run on to page 2.)
        std::string flow = test::run({"pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"}).out;
        std::erase_if(flow, [](char c) { return c == ' ' || c == '\n' || c == '\f'; });
        std::istringstream st(test::run({"pdfinfo", "-struct-text", pdf}).out);
        std::string line;
        std::size_t at = 0;
        int texts = 0;
        bool ordered = false;
        // A Note's text is at the page's foot; a table is read cell by cell but printed row by
        // row: its texts need only come after the table's start (so the parties' signature
        // blocks, two side by side).
        const std::size_t none = std::string::npos;
        std::size_t note = none, table = none, table_at = 0, table_max = 0;  // indents, offsets
        while (std::getline(st, line)) {
            ordered = ordered || line == "  H2 (block)";
            const std::size_t q1 = line.find('"');
            const std::size_t indent = line.find_first_not_of(' ');
            if (note != none && indent <= note) note = none;
            if (line.find("Note (inline)") != none) note = indent;
            if (table != none && indent <= table) {
                table = none;
                at = std::max(at, table_max);
            }
            if (line.find("Table (block)") != none && table == none && ordered) {
                table = indent;
                table_at = table_max = at;
            }
            if (q1 == std::string::npos || line.size() < q1 + 3 || note != std::string::npos) continue;
            std::string text = line.substr(q1 + 1, line.size() - q1 - 2);
            std::erase_if(text, [](char c) { return c == ' '; });
            text = text.substr(0, 12);
            const std::size_t found = flow.find(text, !ordered ? 0 : table != none ? table_at : at);
            INFO(name << ": \"" << text << "\" after offset " << at);
            REQUIRE(found != std::string::npos);
            // The avtal's signature page sets two parties side by side: unordered from there on.
            if (ordered && table == none && text == "Underskrifte") table = 0, table_at = table_max = at;
            if (table != none)
                table_max = std::max(table_max, found);
            else if (ordered)
                at = found;
            ++texts;
        }
        CHECK(texts > 50);
    }
}

TEST_CASE("structure: a signed protokoll keeps its tree; the signed widget stays in its Form", "[pdf][structure]") {
    const std::string pdf = built("protokoll-2023-02-24");
    const std::string out = pdf + ".signed.pdf";
    const auto r =
        test::kansli({"sign", pdf, "-o", out, "--key", test::source("keys/demo/christian-ahren.key.pem"), "--cert",
                      test::source("keys/demo/christian-ahren.cert.pem"), "--role", "sekreterare", "--date", kDate},
                     {"KANSLI_PASSPHRASE=kansli-demo"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto q = open(out);
    const auto findings = pdf::check_structure(*q);
    INFO(describe(findings));
    CHECK(findings.empty());
    OH widget = first_annot(*q, "/Widget");
    CHECK(widget.getKey("/V").isDictionary());  // the signed one comes first (sekreterare)
    OH form = first(*q, "/Form");
    OH objr = form.getKey("/K");  // a single kid stands alone
    if (objr.isArray()) objr = objr.getArrayItem(0);
    CHECK(objr.getKey("/Obj").getObjGen() == widget.getObjGen());
}

TEST_CASE("structure: a kallelse with an appended PDF: findings only on the appended pages", "[pdf][structure]") {
    const int attached = pages_of(built("overenskommelse-2025"));
    const std::string pdf = built("kallelse-2025");
    const int total = pages_of(pdf);
    auto q = open(pdf);
    const auto findings = pdf::check_structure(*q);
    INFO(describe(findings));
    CHECK(test::run({"qpdf", "--check", pdf}).exit_code == 0);
    for (const auto& f : findings) CHECK(f.page > total - attached);
    for (int p = total - attached + 1; p <= total; ++p)
        CHECK_FALSE(OH(q->getAllPages()[p - 1]).hasKey("/StructParents"));
}

TEST_CASE("structure: each rule fails on a file mutated to break it", "[pdf][structure]") {
    struct Mutation {
        const char* what;
        const char* example;
        std::function<void(QPDF&)> apply;
        const char* rule;
    };
    const char* kP = "protokoll-2023-02-24";
    const char* kA = "overenskommelse-2025";
    const std::vector<Mutation> mutations = {
        {"no /MarkInfo", kP, [](QPDF& q) { q.getRoot().removeKey("/MarkInfo"); }, "catalog.marked"},
        {"no /StructTreeRoot", kP, [](QPDF& q) { q.getRoot().removeKey("/StructTreeRoot"); }, "catalog.struct-root"},
        {"no /Lang", kP, [](QPDF& q) { q.getRoot().removeKey("/Lang"); }, "catalog.lang"},
        {"no DisplayDocTitle", kP, [](QPDF& q) { q.getRoot().removeKey("/ViewerPreferences"); }, "catalog.doc-title"},
        {"a line drawn outside marked content", kP,
         [](QPDF& q) {
             QPDFPageObjectHelper(q.getAllPages()[0]).addPageContents(OH::newStream(&q, "0 0 m 9 9 l S\n"), true);
         },
         "content.marked"},
        {"a heading level skipped (H2 → H4)", kP, [](QPDF& q) { first(q, "/H2").replaceKey("/S", OH::newName("/H4")); },
         "struct.headings"},
        {"a type neither standard nor mapped", kP,
         [](QPDF& q) { first(q, "/P").replaceKey("/S", OH::newName("/Stycke")); }, "struct.types"},
        {"a TH without /Scope", kP, [](QPDF& q) { first(q, "/TH").removeKey("/A"); }, "struct.table-headers"},
        {"a Figure without /Alt", kA, [](QPDF& q) { first(q, "/Figure").removeKey("/Alt"); }, "struct.figure-alt"},
        {"parent tree entries swapped", kP,
         [](QPDF& q) {
             OH nums = q.getRoot().getKey("/StructTreeRoot").getKey("/ParentTree").getKey("/Nums");
             OH arr = nums.getArrayItem(1);
             OH a = arr.getArrayItem(0);
             arr.setArrayItem(0, arr.getArrayItem(1));
             arr.setArrayItem(1, a);
         },
         "struct.parent-tree"},
        {"ParentTreeNextKey too small", kP,
         [](QPDF& q) { q.getRoot().getKey("/StructTreeRoot").replaceKey("/ParentTreeNextKey", OH::newInteger(1)); },
         "struct.parent-tree"},
        {"an MCID no element holds", kP, [](QPDF& q) { first(q, "/H2").removeKey("/K"); }, "struct.parent-tree"},
        {"a widget without /TU", kP, [](QPDF& q) { first_annot(q, "/Widget").removeKey("/TU"); }, "annot.description"},
        {"a Link annotation without /Contents", kA, [](QPDF& q) { first_annot(q, "/Link").removeKey("/Contents"); },
         "annot.description"},
        {"a page with annotations without /Tabs /S", kP, [](QPDF& q) { OH(q.getAllPages()[0]).removeKey("/Tabs"); },
         "annot.tabs"},
        {"a widget not under a Form", kP, [](QPDF& q) { first(q, "/Form").replaceKey("/S", OH::newName("/P")); },
         "annot.widget-form"},
        {"a Link annotation not under a Link", kA,
         [](QPDF& q) { first(q, "/Link").replaceKey("/S", OH::newName("/Span")); }, "annot.link-element"},
        {"a widget in no element", kP, [](QPDF& q) { first(q, "/Form").removeKey("/K"); }, "annot.tagged"},
    };
    for (const auto& m : mutations) {
        auto q = open(built(m.example));
        const auto before = pdf::check_structure(*q);
        INFO(m.what << ": before the mutation\n" << describe(before));
        REQUIRE(rules_of(before).count(m.rule) == 0);
        m.apply(*q);
        const auto findings = pdf::check_structure(*q);
        INFO(m.what << " → expected " << m.rule << "\n" << describe(findings));
        CHECK(rules_of(findings).count(m.rule) == 1);
    }
    SECTION("a RoleMap makes a non-standard type standard") {
        auto q = open(built(kP));
        first(*q, "/P").replaceKey("/S", OH::newName("/Stycke"));
        q->getRoot().getKey("/StructTreeRoot").replaceKey("/RoleMap", OH::parse("<< /Stycke /P >>"));
        CHECK(pdf::check_structure(*q).empty());
    }
}

}  // namespace structure_test
