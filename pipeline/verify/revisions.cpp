#include "verify/revisions.hpp"

#include "pdf/reader.hpp"

#include <exception>
#include <map>
#include <set>

namespace kansli::verify {
namespace {

/// `final_objstms`: object streams the final revision's load scanned (number → offset) that are
/// the same bytes wherever a revision's cross-reference table puts them at that offset.
/// The revision's cross-reference table is read once and kept in `xrefs`.
std::unique_ptr<QPDF> load_qpdf(std::span<const std::uint8_t> bytes, const pdf::Limits& limits, pdf::Usage used,
                                XRefTables& xrefs, std::string& error, bool* has_pages = nullptr,
                                const std::map<int, qpdf_offset_t>* final_objstms = nullptr) {
    std::unique_ptr<QPDF> q;
    try {
        q = std::make_unique<QPDF>();
        q->setSuppressWarnings(true);
        q->setAttemptRecovery(false);
        q->processMemoryFile("pdf", reinterpret_cast<const char*>(bytes.data()), bytes.size());
        // An earlier revision is a prefix of the file: an object stream at the offset the final
        // revision has it at is the same bytes (its dictionary holds no reference: the same
        // length and filters), so it decodes to what the final revision's scan already passed.
        const XRefTable& xref = xrefs.put(*q, q->getXRefTable());
        std::set<int> scanned;
        if (final_objstms != nullptr) {
            for (const auto& [og, e] : xref) {
                const auto f = og.getGen() == 0 ? final_objstms->find(og.getObj()) : final_objstms->end();
                if (f != final_objstms->end() && e.getType() == 1 && e.getOffset() == f->second)
                    scanned.insert(f->first);
            }
        }
        // The object streams are scanned under the caps before anything is resolved (pdf::open).
        const bool pages =
            !pdf::check_loaded(*q, limits, used, pdf::OpenOptions{false, false}, &scanned, &xref).empty();
        q->getRoot();
        if (has_pages) *has_pages = pages;
        return q;
    } catch (const std::exception& e) {
        error = e.what();
    }
    if (q) xrefs.forget(*q);
    return nullptr;
}

}  // namespace

bool Revisions::load_final(std::string& error) {
    m_final = load_qpdf(m_pdf.first(m_end), m_limits, m_used, m_xrefs, error, &m_final_has_pages);
    if (!m_final) return false;
    const XRefTable& final_xref = m_xrefs.of(*m_final);
    std::set<int> objstms;
    for (const auto& [og, e] : final_xref)
        if (e.getType() == 2) objstms.insert(e.getObjStreamNumber());
    for (int n : objstms) {
        const auto e = final_xref.find(QPDFObjGen(n, 0));
        if (e == final_xref.end() || e->second.getType() != 1) continue;
        try {
            QPDFObjectHandle s = m_final->getObjectByObjGen(QPDFObjGen(n, 0));
            if (!s.isStream()) continue;
            QPDFObjectHandle d = s.getDict();
            bool direct = true;
            for (const auto& k : d.getKeys()) direct = direct && !d.getKey(k).isIndirect();
            if (direct) m_final_objstms.emplace(n, e->second.getOffset());
        } catch (const std::exception&) {}  // scanned again in each revision, as before
    }
    return true;
}

QPDF* Revisions::at(std::size_t end, std::string& error) {
    if (end == m_end) return m_final.get();  // the same bytes: load them once
    auto it = m_revs.find(end);
    if (it == m_revs.end())
        it = m_revs
                 .emplace(end, load_qpdf(m_pdf.first(end), m_limits, m_used, m_xrefs, error, nullptr, &m_final_objstms))
                 .first;
    return it->second.get();
}

}  // namespace kansli::verify
