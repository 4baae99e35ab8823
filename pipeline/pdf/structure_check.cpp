#include "pdf/structure_check.hpp"

#include "pdf/structure_content.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>

namespace kansli::pdf {

namespace {

constexpr std::size_t kMaxElements = 1'000'000;  // elements visited at most (hostile trees)
constexpr std::size_t kMaxNesting = 1'000;       // element nesting followed at most

constexpr std::array<std::string_view, 50> kStandard = {
    "Document",  "Part",    "Art",   "Sect",    "Div",       "BlockQuote", "Caption", "TOC",     "TOCI",  "Index",
    "NonStruct", "Private", "P",     "H",       "H1",        "H2",         "H3",      "H4",      "H5",    "H6",
    "L",         "LI",      "Lbl",   "LBody",   "Table",     "TR",         "TH",      "TD",      "THead", "TBody",
    "TFoot",     "Span",    "Quote", "Note",    "Reference", "BibEntry",   "Code",    "Link",    "Annot", "Ruby",
    "RB",        "RT",      "RP",    "Warichu", "WT",        "WP",         "Figure",  "Formula", "Form",  "Artifact"};

bool standard(const std::string& t) {
    return t != "Artifact" && std::find(kStandard.begin(), kStandard.end(), t) != kStandard.end();
}

std::string bare_name(QPDFObjectHandle h) { return h.isName() ? h.getName().substr(1) : std::string(); }

/// What walking the structure tree found.
struct Tree {
    std::map<std::pair<int, int>, QPDFObjGen> mcid_owner;  ///< (page, MCID) → element
    std::map<QPDFObjGen, QPDFObjGen> objr_owner;           ///< annotation → element
    std::map<QPDFObjGen, std::string> type;                ///< element → its standard type
};

class Checker {
public:
    explicit Checker(QPDF& pdf) : m_pdf(pdf) {
        int n = 0;
        for (auto& p : pdf.getAllPages()) m_page_no[p.getObjGen()] = ++n;
    }

    std::vector<Finding> run() {
        QPDFObjectHandle root = m_pdf.getRoot();
        catalog(root);
        QPDFObjectHandle str = root.getKey("/StructTreeRoot");
        if (str.isDictionary()) {
            m_role_map = str.getKey("/RoleMap");
            walk(str);
            m_parent_tree = read_number_tree(str.getKey("/ParentTree"));
            QPDFObjectHandle next = str.getKey("/ParentTreeNextKey");
            const long long max_key = m_parent_tree.empty() ? -1 : m_parent_tree.rbegin()->first;
            if (!m_parent_tree.empty() && (!next.isInteger() || next.getIntValue() <= max_key))
                add("ISO 32000-1 14.7.4.4, ISO 14289-1 7.1", "struct.parent-tree", 0,
                    "ParentTreeNextKey is missing or not above the parent tree's largest key " +
                        std::to_string(max_key));
        }
        pages(str.isDictionary());
        return std::move(m_out);
    }

private:
    void add(const std::string& clause, const std::string& rule, int page, const std::string& message) {
        m_out.push_back(Finding{clause, rule, page, message});
    }

    void catalog(QPDFObjectHandle root) {
        QPDFObjectHandle mi = root.getKey("/MarkInfo");
        QPDFObjectHandle marked = mi.isDictionary() ? mi.getKey("/Marked") : QPDFObjectHandle::newNull();
        if (!marked.isBool() || !marked.getBoolValue())
            add("ISO 19005-2 6.7.2.2, ISO 14289-1 7.1", "catalog.marked", 0,
                "the catalog has no /MarkInfo /Marked true");
        if (mi.isDictionary() && mi.getKey("/Suspects").isBool() && mi.getKey("/Suspects").getBoolValue())
            add("ISO 14289-1 7.1", "catalog.marked", 0, "/MarkInfo /Suspects is true");
        if (!root.getKey("/StructTreeRoot").isDictionary())
            add("ISO 19005-2 6.7.3.3, ISO 14289-1 7.1", "catalog.struct-root", 0, "the catalog has no /StructTreeRoot");
        QPDFObjectHandle lang = root.getKey("/Lang");
        if (!lang.isString() || lang.getUTF8Value().empty())
            add("ISO 19005-2 6.7.4, ISO 14289-1 7.2", "catalog.lang", 0, "the catalog has no /Lang");
        QPDFObjectHandle vp = root.getKey("/ViewerPreferences");
        QPDFObjectHandle title = vp.isDictionary() ? vp.getKey("/DisplayDocTitle") : QPDFObjectHandle::newNull();
        if (!title.isBool() || !title.getBoolValue())
            add("ISO 14289-1 7.1", "catalog.doc-title", 0, "/ViewerPreferences /DisplayDocTitle is not true");
    }

    /// The standard type an element's /S names, through the RoleMap (at most 16 steps).
    std::string resolve(std::string s) {
        for (int i = 0; i < 16 && !standard(s) && m_role_map.isDictionary(); ++i) {
            QPDFObjectHandle to = m_role_map.getKey("/" + s);
            if (!to.isName()) break;
            s = bare_name(to);
        }
        return s;
    }

    int page_of(QPDFObjectHandle pg) {
        if (!pg.isIndirect()) return 0;
        const auto it = m_page_no.find(pg.getObjGen());
        return it == m_page_no.end() ? 0 : it->second;
    }

    void walk(QPDFObjectHandle str);
    void element(QPDFObjectHandle e, int page, std::vector<std::pair<QPDFObjectHandle, int>>& todo);
    void kid(QPDFObjectHandle e, QPDFObjectHandle k, int page, std::vector<std::pair<QPDFObjectHandle, int>>& todo);
    std::map<long long, QPDFObjectHandle> read_number_tree(QPDFObjectHandle root);
    void pages(bool tagged);
    void annotations(QPDFObjectHandle page, int no);
    void mcids(QPDFObjectHandle page, int no, const std::vector<int>& list, std::set<std::pair<int, int>>& in_content);

    QPDF& m_pdf;
    std::vector<Finding> m_out;
    std::map<QPDFObjGen, int> m_page_no;
    QPDFObjectHandle m_role_map;
    Tree m_tree;
    std::map<long long, QPDFObjectHandle> m_parent_tree;
    int m_last_heading = 0;
    std::size_t m_visited = 0;
    std::set<QPDFObjGen> m_seen;
};

/// True when the attributes `a` (a dictionary or an array of them, with revision numbers) hold
/// a Layout-owned /BBox of four numbers.
bool has_bbox(QPDFObjectHandle a) {
    std::vector<QPDFObjectHandle> attrs;
    if (a.isArray()) {
        for (auto& x : a.aitems()) attrs.push_back(x);
    } else {
        attrs.push_back(a);
    }
    for (auto& x : attrs) {
        if (!x.isDictionary() || bare_name(x.getKey("/O")) != "Layout") continue;
        QPDFObjectHandle b = x.getKey("/BBox");
        if (!b.isArray() || b.getArrayNItems() != 4) continue;
        bool numbers = true;
        for (auto& v : b.aitems()) numbers = numbers && v.isNumber();
        if (numbers) return true;
    }
    return false;
}

void Checker::walk(QPDFObjectHandle str) {
    // Pre-order (document order), without recursion: (handle, inherited page).
    std::vector<std::pair<QPDFObjectHandle, int>> todo;
    std::vector<std::pair<QPDFObjectHandle, int>> kids;
    QPDFObjectHandle k = str.getKey("/K");
    if (k.isArray()) {
        for (int i = k.getArrayNItems(); i-- > 0;) todo.emplace_back(k.getArrayItem(i), 0);
    } else if (k.isDictionary()) {
        todo.emplace_back(k, 0);
    }
    while (!todo.empty() && m_visited < kMaxElements && todo.size() < kMaxNesting * 64) {
        auto [e, page] = todo.back();
        todo.pop_back();
        if (!e.isDictionary()) continue;
        if (e.isIndirect() && !m_seen.insert(e.getObjGen()).second) {
            add("ISO 32000-1 14.7.2", "struct.parent-tree", 0, "the structure tree reaches an element twice");
            continue;
        }
        ++m_visited;
        kids.clear();
        element(e, page, kids);
        for (auto it = kids.rbegin(); it != kids.rend(); ++it) todo.push_back(*it);
    }
}

void Checker::element(QPDFObjectHandle e, int inherited, std::vector<std::pair<QPDFObjectHandle, int>>& todo) {
    const std::string s = bare_name(e.getKey("/S"));
    const std::string t = resolve(s);
    const int page = e.getKey("/Pg").isDictionary() ? page_of(e.getKey("/Pg")) : inherited;
    if (!standard(t))
        add("ISO 19005-2 6.7.3.4, ISO 14289-1 7.1", "struct.types", page,
            "structure type /" + s + " is neither standard nor mapped to one by the RoleMap");
    if (e.isIndirect()) m_tree.type[e.getObjGen()] = t;
    if (t.size() == 2 && t[0] == 'H' && t[1] >= '1' && t[1] <= '6') {
        const int level = t[1] - '0';
        if (level > m_last_heading + 1)
            add("ISO 14289-1 7.4.2", "struct.headings", page,
                t + (m_last_heading == 0 ? " is the first heading (it must be H1)"
                                         : " follows H" + std::to_string(m_last_heading) + ": a level is skipped"));
        m_last_heading = level;
    }
    if (t == "Figure") {
        const bool alt = e.getKey("/Alt").isString() && !e.getKey("/Alt").getUTF8Value().empty();
        const bool actual = e.getKey("/ActualText").isString();
        if (!alt && !actual) add("ISO 14289-1 7.3", "struct.figure-alt", page, "a Figure has no /Alt");
        if (!has_bbox(e.getKey("/A")))
            add("ISO 32000-1 14.8.5.4.3", "struct.figure-bbox", page,
                "a Figure has no /BBox Layout attribute (four numbers)");
    }
    if (t == "TH") {
        bool scope = false;
        QPDFObjectHandle a = e.getKey("/A");
        std::vector<QPDFObjectHandle> attrs;
        if (a.isArray())
            for (auto& x : a.aitems()) attrs.push_back(x);
        else
            attrs.push_back(a);
        for (auto& x : attrs) scope = scope || (x.isDictionary() && x.getKey("/Scope").isName());
        if (!scope) add("ISO 14289-1 7.5", "struct.table-headers", page, "a TH has no /Scope");
    }
    QPDFObjectHandle k = e.getKey("/K");
    if (k.isArray()) {
        for (auto& x : k.aitems()) kid(e, x, page, todo);
    } else if (!k.isNull()) {
        kid(e, k, page, todo);
    }
}

void Checker::kid(QPDFObjectHandle e, QPDFObjectHandle k, int page,
                  std::vector<std::pair<QPDFObjectHandle, int>>& todo) {
    const QPDFObjGen owner = e.getObjGen();
    if (k.isInteger()) {
        m_tree.mcid_owner[{page, static_cast<int>(k.getIntValue())}] = owner;
        return;
    }
    if (!k.isDictionary()) return;
    const std::string type = bare_name(k.getKey("/Type"));
    if (type == "MCR") {
        const int p = k.getKey("/Pg").isDictionary() ? page_of(k.getKey("/Pg")) : page;
        if (k.getKey("/MCID").isInteger() && !k.getKey("/Stm").isStream())
            m_tree.mcid_owner[{p, static_cast<int>(k.getKey("/MCID").getIntValue())}] = owner;
    } else if (type == "OBJR") {
        if (k.getKey("/Obj").isIndirect()) m_tree.objr_owner[k.getKey("/Obj").getObjGen()] = owner;
    } else {
        todo.emplace_back(k, page);
    }
}

std::map<long long, QPDFObjectHandle> Checker::read_number_tree(QPDFObjectHandle root) {
    std::map<long long, QPDFObjectHandle> out;
    std::vector<std::pair<QPDFObjectHandle, int>> todo{{root, 0}};
    std::set<QPDFObjGen> seen;
    while (!todo.empty() && out.size() < kMaxElements) {
        auto [n, depth] = todo.back();
        todo.pop_back();
        if (!n.isDictionary() || depth > 32 || (n.isIndirect() && !seen.insert(n.getObjGen()).second)) continue;
        QPDFObjectHandle nums = n.getKey("/Nums");
        if (nums.isArray())
            for (int i = 0; i + 1 < nums.getArrayNItems(); i += 2)
                if (nums.getArrayItem(i).isInteger())
                    out[nums.getArrayItem(i).getIntValue()] = nums.getArrayItem(i + 1);
        QPDFObjectHandle kids = n.getKey("/Kids");
        if (kids.isArray())
            for (auto& x : kids.aitems()) todo.emplace_back(x, depth + 1);
    }
    return out;
}

void Checker::pages(bool tagged) {
    std::set<std::pair<int, int>> in_content;
    int no = 0;
    for (auto& page : m_pdf.getAllPages()) {
        ++no;
        const PageMarks m = scan_marked_content(page);
        if (!m.error.empty()) add("ISO 14289-1 7.1", "content.marked", no, "its content cannot be read: " + m.error);
        if (m.unmarked > 0)
            add("ISO 14289-1 7.1", "content.marked", no,
                std::to_string(m.unmarked) + " painting operator(s) (the first: " + m.first_unmarked +
                    ") are neither in tagged marked content nor in an /Artifact");
        if (tagged && !m.mcids.empty()) mcids(page, no, m.mcids, in_content);
        annotations(page, no);
    }
    if (!tagged) return;
    for (const auto& [at, owner] : m_tree.mcid_owner) {
        if (in_content.count(at) > 0) continue;
        add("ISO 32000-1 14.7.4.4, ISO 14289-1 7.1", "struct.parent-tree", at.first,
            at.first == 0 ? "a structure element names MCID " + std::to_string(at.second) + " but no page (/Pg)"
                          : "a structure element names MCID " + std::to_string(at.second) +
                                ", which the page's content does not have");
    }
}

void Checker::mcids(QPDFObjectHandle page, int no, const std::vector<int>& list,
                    std::set<std::pair<int, int>>& in_content) {
    const char* clause = "ISO 32000-1 14.7.4.4, ISO 14289-1 7.1";
    QPDFObjectHandle sp = page.getKey("/StructParents");
    QPDFObjectHandle arr;
    if (sp.isInteger() && m_parent_tree.count(sp.getIntValue()) > 0) arr = m_parent_tree[sp.getIntValue()];
    if (!arr.isArray()) add(clause, "struct.parent-tree", no, "the page has MCIDs but no array in the parent tree");
    for (int mcid : list) {
        if (!in_content.insert({no, mcid}).second) {
            add(clause, "struct.parent-tree", no, "MCID " + std::to_string(mcid) + " is used twice");
            continue;
        }
        const auto owner = m_tree.mcid_owner.find({no, mcid});
        if (owner == m_tree.mcid_owner.end()) {
            add(clause, "struct.parent-tree", no, "MCID " + std::to_string(mcid) + " belongs to no structure element");
            continue;
        }
        if (!arr.isArray()) continue;
        QPDFObjectHandle entry = mcid < arr.getArrayNItems() ? arr.getArrayItem(mcid) : QPDFObjectHandle::newNull();
        if (!entry.isIndirect() || entry.getObjGen() != owner->second)
            add(clause, "struct.parent-tree", no,
                "the parent tree's entry for MCID " + std::to_string(mcid) + " is not the element that holds it");
    }
}

void Checker::annotations(QPDFObjectHandle page, int no) {
    QPDFObjectHandle annots = page.getKey("/Annots");
    if (!annots.isArray()) return;
    bool any = false;
    for (auto& a : annots.aitems()) {
        if (!a.isDictionary()) continue;
        const std::string sub = bare_name(a.getKey("/Subtype"));
        const long long flags = a.getKey("/F").isInteger() ? a.getKey("/F").getIntValue() : 0;
        if (sub == "Popup" || (flags & 2) != 0) continue;  // popups and hidden annotations need no tag
        any = true;
        const auto owner = a.isIndirect() ? m_tree.objr_owner.find(a.getObjGen()) : m_tree.objr_owner.end();
        if (owner == m_tree.objr_owner.end()) {
            add("ISO 14289-1 7.18.1", "annot.tagged", no, "a " + sub + " annotation is in no structure element (OBJR)");
        } else {
            const std::string& type = m_tree.type[owner->second];
            if (sub == "Link" && type != "Link")
                add("ISO 14289-1 7.18.5", "annot.link-element", no, "a Link annotation's element is " + type);
            if (sub == "Widget" && type != "Form")
                add("ISO 14289-1 7.18.4", "annot.widget-form", no, "a widget annotation's element is " + type);
            QPDFObjectHandle sp = a.getKey("/StructParent");
            const auto entry = sp.isInteger() ? m_parent_tree.find(sp.getIntValue()) : m_parent_tree.end();
            if (entry == m_parent_tree.end() || !entry->second.isIndirect() ||
                entry->second.getObjGen() != owner->second)
                add("ISO 32000-1 14.7.4.4, ISO 14289-1 7.1", "struct.parent-tree", no,
                    "a " + sub + " annotation's /StructParent does not lead to its element");
        }
        if (sub == "Link" && !(a.getKey("/Contents").isString() && !a.getKey("/Contents").getUTF8Value().empty()))
            add("ISO 14289-1 7.18.1", "annot.description", no, "a Link annotation has no /Contents");
        if (sub == "Widget") {
            bool tu = false;
            QPDFObjectHandle f = a;
            for (int i = 0; i < 16 && f.isDictionary() && !tu; ++i, f = f.getKey("/Parent"))
                tu = f.getKey("/TU").isString() && !f.getKey("/TU").getUTF8Value().empty();
            if (!tu) add("ISO 14289-1 7.18.1", "annot.description", no, "a widget's field has no /TU");
        }
    }
    if (any && bare_name(page.getKey("/Tabs")) != "S")
        add("ISO 14289-1 7.18.3", "annot.tabs", no, "the page has annotations but no /Tabs /S");
}

}  // namespace

std::vector<Finding> check_structure(QPDF& pdf) {
    Checker c(pdf);
    return c.run();
}

}  // namespace kansli::pdf
