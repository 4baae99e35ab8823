#include "verify/changes.hpp"
#include "verify/anslag.hpp"
#include "verify/compare.hpp"
#include "verify/sigfields.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <exception>
#include <map>
#include <memory>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;

// A form field (or its widget) has a field type, its own or inherited through /Parent.
bool is_form_field(OH f) {
    for (int i = 0; i < 32 && f.isDictionary(); ++i) {
        if (f.getKey("/FT").isName()) return true;
        f = f.getKey("/Parent");
    }
    return false;
}

// Pages in order with their effective (inherited) attributes; bounded walk.
struct PageView {
    OH page;
    std::map<std::string, OH> inherited;
};
void collect_pages(OH node, std::vector<PageView>& out, std::set<QPDFObjGen>& seen, std::map<std::string, OH> inh,
                   int depth) {
    if (depth > 64 || out.size() > 100000 || !node.isDictionary()) throw TooComplex{};
    if (node.isIndirect() && !seen.insert(node.getObjGen()).second) throw TooComplex{};
    for (const char* k : {"/Resources", "/MediaBox", "/CropBox", "/Rotate"}) {
        if (node.hasKey(k)) inh[k] = node.getKey(k);
    }
    OH kids = node.getKey("/Kids");
    OH type = node.getKey("/Type");
    if (kids.isArray() && !(type.isName() && type.getName() == "/Page")) {
        for (int i = 0; i < kids.getArrayNItems(); ++i) collect_pages(kids.getArrayItem(i), out, seen, inh, depth + 1);
        return;
    }
    out.push_back({node, std::move(inh)});
}

void collect_fields(OH node, std::map<QPDFObjGen, OH>& out, std::set<QPDFObjGen>& seen, int depth) {
    if (depth > 32 || out.size() > 100000) throw TooComplex{};
    if (!node.isDictionary() || !node.isIndirect() || !seen.insert(node.getObjGen()).second) return;
    out.emplace(node.getObjGen(), node);
    OH kids = node.getKey("/Kids");
    if (kids.isArray()) {
        for (int i = 0; i < kids.getArrayNItems(); ++i) collect_fields(kids.getArrayItem(i), out, seen, depth + 1);
    }
}

// Trailer keys that describe the cross-reference section itself (a classic trailer's, or an xref
// stream's dictionary, which qpdf returns as the trailer), not the document.
bool is_xref_key(const std::string& k) {
    return k == "/Size" || k == "/Prev" || k == "/XRefStm" || k == "/Type" || k == "/W" || k == "/Index" ||
           k == "/Length" || k == "/Filter" || k == "/DecodeParms";
}

class Analysis {
public:
    Analysis(QPDF& a, QPDF& b, std::size_t budget, ReferenceIndex* refs, XRefTables* tables)
        : m_a(a), m_b(b), m_cmp(budget) {
        m_cmp.set_revisions(a, b, tables);
        m_cmp.set_index(refs);
    }

    void note(ChangeKind kind, const std::string& detail) {
        m_out.kinds.insert(kind);
        if (m_out.details.size() < 50) m_out.details.push_back(std::string(to_string(kind)) + ": " + detail);
    }

    void run() {
        OH ta = m_a.getTrailer(), tb = m_b.getTrailer();
        for (const auto& k : ta.getKeys()) {
            if (is_xref_key(k)) continue;
            if (!tb.hasKey(k))
                note(k == "/Info" ? ChangeKind::DocumentInfo : ChangeKind::Catalog, "trailer key " + k + " removed");
        }
        for (const auto& k : tb.getKeys()) {
            if (k == "/ID" || k == "/Root" || is_xref_key(k)) continue;
            if (k == "/Info") {
                if (!ta.hasKey(k) || !m_cmp.same(ta.getKey(k), tb.getKey(k)))
                    note(ChangeKind::DocumentInfo, "/Info changed");
                continue;
            }
            if (!ta.hasKey(k) || !m_cmp.same(ta.getKey(k), tb.getKey(k)))
                note(ChangeKind::Catalog, "trailer " + k + " changed");
        }
        OH ca = m_a.getRoot(), cb = m_b.getRoot();
        if (ca.getObjGen() != cb.getObjGen()) note(ChangeKind::Catalog, "the trailer points to another catalog object");
        std::vector<PageView> va, vb;
        std::set<QPDFObjGen> sa, sb;
        collect_pages(ca.getKey("/Pages"), va, sa, {}, 0);
        collect_pages(cb.getKey("/Pages"), vb, sb, {}, 0);
        std::set<QPDFObjGen> both;
        for (const auto& p : va) {
            if (p.page.isIndirect() && sb.contains(p.page.getObjGen())) both.insert(p.page.getObjGen());
        }
        std::set<QPDFObjGen> annots;  // of pages in both revisions, in both /Annots
        for (const auto& p : va) {
            if (!both.contains(p.page.getObjGen())) continue;
            OH aa = OH(p.page).getKey("/Annots"), ab = m_b.getObjectByObjGen(p.page.getObjGen()).getKey("/Annots");
            if (!aa.isArray() || !ab.isArray()) continue;
            std::set<QPDFObjGen> in_b;
            for (int i = 0; i < ab.getArrayNItems() && i < 100000; ++i)
                if (ab.getArrayItem(i).isIndirect()) in_b.insert(ab.getArrayItem(i).getObjGen());
            for (int i = 0; i < aa.getArrayNItems() && i < 100000; ++i)
                if (aa.getArrayItem(i).isIndirect() && in_b.contains(aa.getArrayItem(i).getObjGen()))
                    annots.insert(aa.getArrayItem(i).getObjGen());
        }
        m_cmp.set_pages(std::move(both));
        m_cmp.set_annotations(std::move(annots));
        catalog(ca, cb);
        pages(va, vb);
        fields(ca.getKey("/AcroForm"), cb.getKey("/AcroForm"));
    }

    Changes result() { return std::move(m_out); }

private:
    // Validation data may be added after a signature, never taken away: fewer /Certs, /CRLs or
    // /VRI entries than the earlier revision had (or no /DSS at all).
    static bool dss_stripped(OH a, OH b) {
        if (!a.isDictionary()) return false;
        if (!b.isDictionary()) return true;
        for (const char* key : {"/Certs", "/CRLs", "/OCSPs"}) {
            OH x = a.getKey(key), y = b.getKey(key);
            if (x.isArray() && (!y.isArray() || y.getArrayNItems() < x.getArrayNItems())) return true;
        }
        OH x = a.getKey("/VRI"), y = b.getKey("/VRI");
        return x.isDictionary() && (!y.isDictionary() || y.getKeys().size() < x.getKeys().size());
    }

    void catalog(OH ca, OH cb) {
        std::set<std::string> keys = ca.getKeys();
        for (const auto& k : cb.getKeys()) keys.insert(k);
        for (const auto& k : keys) {
            if (k == "/AcroForm" || k == "/Pages" || k == "/Version" || k == "/Extensions") continue;
            if (k == "/DSS") {
                if (dss_stripped(ca.getKey(k), cb.getKey(k))) {
                    note(ChangeKind::Catalog, "/DSS removed or validation data taken out of it");
                } else if (!ca.hasKey(k) || !m_cmp.same(ca.getKey(k), cb.getKey(k)))
                    note(ChangeKind::Dss, "/DSS added or updated");
                continue;
            }
            if (ca.hasKey(k) && cb.hasKey(k) && m_cmp.same(ca.getKey(k), cb.getKey(k))) continue;
            if (k == "/Metadata" && ca.getKey(k).isStream() && cb.getKey(k).isStream()) {
                note(ChangeKind::DocumentInfo, "XMP metadata changed");  // like /Info: never drawn
                continue;
            }
            note(k == "/OpenAction" || k == "/AA" ? ChangeKind::Actions : ChangeKind::Catalog,
                 "catalog " + k + " changed");
        }
    }

    void pages(const std::vector<PageView>& va, const std::vector<PageView>& vb) {
        if (va.size() != vb.size()) {
            note(ChangeKind::Pages, "page count " + std::to_string(va.size()) + " → " + std::to_string(vb.size()));
        }
        for (std::size_t i = 0; i < va.size() && i < vb.size(); ++i) page(i + 1, va[i], vb[i]);
    }

    void page(std::size_t n, PageView a, PageView b) {
        const std::string where = "page " + std::to_string(n);
        if (a.page.getObjGen() != b.page.getObjGen()) note(ChangeKind::Pages, where + " replaced by another object");
        std::set<std::string> keys = a.page.getKeys();
        for (const auto& k : b.page.getKeys()) keys.insert(k);
        for (const auto& [k, v] : a.inherited) keys.insert(k);
        for (const auto& [k, v] : b.inherited) keys.insert(k);
        for (const char* k : {"/Resources", "/MediaBox", "/CropBox", "/Rotate"}) keys.insert(k);
        for (const auto& k : keys) {
            if (k == "/Annots" || k == "/Parent") continue;
            auto get = [&k](PageView& p) {
                if (p.page.hasKey(k)) return p.page.getKey(k);
                auto it = p.inherited.find(k);
                return it == p.inherited.end() ? OH::newNull() : it->second;
            };
            // Inherited through the /Parent chain too (pdf.js follows /Parent, others the tree).
            auto up = [&k](const PageView& p) {
                OH node = p.page;
                for (int i = 0; i < 64 && node.isDictionary(); ++i, node = node.getKey("/Parent")) {
                    if (node.hasKey(k)) return node.getKey(k);
                }
                return OH::newNull();
            };
            if (m_cmp.same(get(a), get(b)) && m_cmp.same(up(a), up(b))) continue;
            if (k == "/Contents" || k == "/Resources")
                note(ChangeKind::PageContent, where + " " + k + " changed");
            else if (k == "/AA")
                note(ChangeKind::Actions, where + " /AA changed");
            else
                note(ChangeKind::Pages, where + " " + k + " changed");
        }
        annots(where, a.page.getKey("/Annots"), b.page.getKey("/Annots"));
    }

    void annots(const std::string& where, OH aa, OH ab) {
        std::map<QPDFObjGen, OH> ma, mb;
        auto list = [](OH arr, std::map<QPDFObjGen, OH>& m) {
            if (!arr.isArray()) return;
            for (int i = 0; i < arr.getArrayNItems() && i < 100000; ++i) {
                OH x = arr.getArrayItem(i);
                m.emplace(x.isIndirect() ? x.getObjGen() : QPDFObjGen(-1 - i, 0), x);
            }
        };
        list(aa, ma);
        list(ab, mb);
        for (const auto& [og, a] : ma) {
            auto it = mb.find(og);
            if (it == mb.end()) {
                note(ChangeKind::Annotations, where + ": an annotation was removed");
            } else if (!m_cmp.same(a, it->second)) {
                widget_or_annot_changed(where, a, it->second);
            }
        }
        for (const auto& [og, b] : mb) {
            if (ma.contains(og)) continue;
            OH st = OH(b).getKey("/Subtype");
            if (is_sig_field(b) && st.isName() && st.getName() == "/Widget")
                note(ChangeKind::Signatures, where + ": signature widget added");
            else
                note(ChangeKind::Annotations, where + ": annotation added");
        }
    }

    // A changed field or widget: a signature field may get its first /V; anything else is named.
    void widget_or_annot_changed(const std::string& where, OH a, OH b) {
        if (is_sig_field(a) && is_sig_field(b)) {
            OH va = a.getKey("/V");
            if (va.isNull()) {
                // Signing an empty field may set /V, its appearance and page link (/P, as pdfsig does); nothing else.
                std::set<std::string> keys = a.getKeys();
                for (const auto& k : b.getKeys()) keys.insert(k);
                for (const auto& k : keys) {
                    if (m_cmp.same_value(k, a.getKey(k), b.getKey(k), true)) continue;
                    if (k == "/A" || k == "/AA")
                        note(ChangeKind::Actions, where + ": signature field " + k + " changed");
                    else if (k != "/V" && k != "/AP" && k != "/AS" && k != "/F" && k != "/DA" && k != "/MK" &&
                             k != "/P") {
                        note(ChangeKind::Annotations, where + ": unsigned signature field " + k + " changed");
                    }
                }
                note(ChangeKind::Signatures, where + (b.getKey("/V").isNull() ? ": signature field appearance updated"
                                                                              : ": signature field signed"));
            } else if (!m_cmp.same(va, b.getKey("/V"))) {
                note(ChangeKind::SignatureChanged, where + ": an existing signature value was replaced");
            } else {
                // A signed field keeps its place, flags and actions; only its appearance may change.
                std::set<std::string> keys = a.getKeys();
                for (const auto& k : b.getKeys()) keys.insert(k);
                for (const auto& k : keys) {
                    if (k == "/AP" || k == "/AS" || k == "/MK" || k == "/DA" || k == "/P" ||
                        m_cmp.same_value(k, a.getKey(k), b.getKey(k), true))
                        continue;
                    note(k == "/A" || k == "/AA" ? ChangeKind::Actions : ChangeKind::Annotations,
                         where + ": signed signature field " + k + " changed");
                }
                note(ChangeKind::Signatures, where + ": signed signature field appearance updated");
            }
            return;
        }
        if (anslag_date_filled(where, a, b)) return;
        std::set<std::string> keys = a.getKeys();
        for (const auto& k : b.getKeys()) keys.insert(k);
        bool values_only = true, actions = false;
        const bool field = a.hasKey("/FT") || a.hasKey("/T");
        for (const auto& k : keys) {
            if (m_cmp.same_value(k, a.getKey(k), b.getKey(k), field)) continue;
            if (k == "/A" || k == "/AA")
                actions = true;
            else if (k != "/V" && k != "/AS" && k != "/AP")
                values_only = false;
        }
        if (actions) note(ChangeKind::Actions, where + ": annotation or field action changed");
        if (values_only && is_form_field(a))
            note(ChangeKind::FormValues, where + ": form field value changed");
        else if (!actions || !values_only)
            note(ChangeKind::Annotations, where + ": annotation changed");
    }

    // `kansli anslag`: an empty ANSLAG field given a date and its appearance, nothing else.
    bool anslag_date_filled(const std::string& where, OH a, OH b) {
        const auto fill = anslag_fill(a, b);
        if (!fill) return false;
        std::set<std::string> keys = a.getKeys();
        for (const auto& k : b.getKeys()) keys.insert(k);
        for (const auto& k : keys)
            if (k != "/V" && k != "/AP" && !m_cmp.same_value(k, a.getKey(k), b.getKey(k), true)) return false;
        note(ChangeKind::AnslagDates, where + ": " + *fill);
        return true;
    }

    void fields(OH fa, OH fb) {
        if (!fa.isDictionary() && !fb.isDictionary()) return;
        if (fa.isDictionary() && fb.isDictionary()) {
            std::set<std::string> keys = fa.getKeys();
            for (const auto& k : fb.getKeys()) keys.insert(k);
            for (const auto& k : keys) {
                if (k == "/Fields" || k == "/SigFlags" || k == "/DR" || k == "/DA") continue;
                if (!m_cmp.same(fa.getKey(k), fb.getKey(k))) note(ChangeKind::Catalog, "/AcroForm " + k + " changed");
            }
        }
        std::map<QPDFObjGen, OH> ma, mb;
        std::set<QPDFObjGen> sa, sb;
        auto walk = [](OH form, std::map<QPDFObjGen, OH>& m, std::set<QPDFObjGen>& s) {
            if (!form.isDictionary()) return;
            OH list = form.getKey("/Fields");
            if (!list.isArray()) return;
            for (int i = 0; i < list.getArrayNItems() && i < 100000; ++i) collect_fields(list.getArrayItem(i), m, s, 0);
        };
        walk(fa, ma, sa);
        walk(fb, mb, sb);
        for (const auto& [og, a] : ma) {
            auto it = mb.find(og);
            if (it == mb.end())
                note(is_sig_field(a) ? ChangeKind::SignatureChanged : ChangeKind::FormValues,
                     "a form field was removed");
            else if (!m_cmp.same(a, it->second))
                widget_or_annot_changed("form", a, it->second);
        }
        for (const auto& [og, b] : mb) {
            if (ma.contains(og)) continue;
            note(is_sig_field(b) ? ChangeKind::Signatures : ChangeKind::FormValues, "form field added");
        }
    }

    QPDF& m_a;
    QPDF& m_b;
    Comparer m_cmp;
    Changes m_out;
};

}  // namespace

const char* to_string(ChangeKind kind) {
    switch (kind) {
        case ChangeKind::Signatures: return "signatures";
        case ChangeKind::Dss: return "dss";
        case ChangeKind::DocumentInfo: return "document info";
        case ChangeKind::SignatureChanged: return "signature changed";
        case ChangeKind::PageContent: return "page content";
        case ChangeKind::Pages: return "pages";
        case ChangeKind::Annotations: return "annotations";
        case ChangeKind::FormValues: return "form values";
        case ChangeKind::Actions: return "actions";
        case ChangeKind::Catalog: return "catalog";
        case ChangeKind::AnslagDates: return "ANSLAG dates filled";
    }
    return "catalog";
}

bool is_allowed_change(ChangeKind kind) {
    return kind == ChangeKind::Signatures || kind == ChangeKind::Dss || kind == ChangeKind::DocumentInfo;
}

Changes compare_revisions(QPDF& before, QPDF& after, std::size_t budget, RedefinedWalk* walk, ReferenceIndex* refs,
                          XRefTables* tables) {
    XRefTables own;  // without the caller's: read once for both rules
    if (tables == nullptr) tables = &own;
    Analysis an(before, after, budget, refs, tables);
    bool complete = true;
    std::string error;
    try {
        an.run();
    } catch (const TooComplex&) {
        complete = false;
    } catch (const std::exception& e) {
        error = e.what();
    }
    Changes c = an.result();
    if (complete && error.empty()) {
        try {
            complete = find_redefined(before, after, budget, c, walk, tables);
        } catch (const std::exception& e) {
            error = e.what();
        }
    }
    if (!complete) {
        c.too_complex = true;
        c.kinds.insert(ChangeKind::Catalog);
        c.details.push_back("catalog: the document structure is too deep, cyclic or large to compare");
    } else if (!error.empty()) {
        c.kinds.insert(ChangeKind::Catalog);
        c.details.push_back("catalog: the revisions could not be compared: " + error);
    }
    return c;
}

}  // namespace kansli::verify
