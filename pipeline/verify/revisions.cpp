#include "verify/revisions.hpp"

#include "pdf/reader.hpp"

#include <exception>

namespace kansli::verify {
namespace {

std::unique_ptr<QPDF> load_qpdf(std::span<const std::uint8_t> bytes, const pdf::Limits& limits, pdf::Usage used,
                                std::string& error, bool* has_pages = nullptr) {
    try {
        auto q = std::make_unique<QPDF>();
        q->setSuppressWarnings(true);
        q->setAttemptRecovery(false);
        q->processMemoryFile("pdf", reinterpret_cast<const char*>(bytes.data()), bytes.size());
        // The object streams are scanned under the caps before anything is resolved (pdf::open).
        const bool pages = !pdf::check_loaded(*q, limits, used, pdf::OpenOptions{false, false}).empty();
        q->getRoot();
        if (has_pages) *has_pages = pages;
        return q;
    } catch (const std::exception& e) {
        error = e.what();
    }
    return nullptr;
}

}  // namespace

bool Revisions::load_final(std::string& error) {
    m_final = load_qpdf(m_pdf.first(m_end), m_limits, m_used, error, &m_final_has_pages);
    if (!m_final) return false;
    m_final_xref = m_final->getXRefTable();
    return true;
}

QPDF* Revisions::at(std::size_t end, std::string& error) {
    if (end == m_end) return m_final.get();  // the same bytes: load them once
    auto it = m_revs.find(end);
    if (it == m_revs.end()) it = m_revs.emplace(end, load_qpdf(m_pdf.first(end), m_limits, m_used, error)).first;
    return it->second.get();
}

}  // namespace kansli::verify
