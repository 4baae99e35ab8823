// The registrar's printable verification page, drawn with PoDoFo (Helvetica, WinAnsi: the Swedish
// letters are in it). A summary for paper; the JSON report is the full record.
#include "portal/registrar.hpp"

#include <podofo/podofo.h>

namespace kansli::portal {
namespace {

const char* verdict_caps_sv(verify::Verdict v) {
    switch (v) {
        case verify::Verdict::Passed: return "GODKÄND";
        case verify::Verdict::Failed: return "UNDERKÄND";
        default: return "OBESTÄMD";
    }
}

class Writer {
public:
    Writer()
        : m_font(m_doc.CreateFont("Helvetica", false, PoDoFo::PdfEncodingFactory::GlobalWinAnsiEncodingInstance(),
                                  PoDoFo::PdfFontCache::eFontCreationFlags_AutoSelectBase14, false)) {
        new_page();
    }
    void line(const std::string& text, double size = 10, double gap = 4) {
        if (m_y < 60) new_page();
        m_y -= size + gap;
        m_font->SetFontSize(static_cast<float>(size));
        m_painter.SetFont(m_font);
        // Long values (hashes, DNs) are cut to the page width rather than run off it.
        std::string t = text.size() > 110 ? text.substr(0, 107) + "..." : text;
        m_painter.DrawText(56, m_y, PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(t.c_str())));
    }
    std::string finish() {
        m_painter.FinishPage();
        PoDoFo::PdfRefCountedBuffer buf;
        PoDoFo::PdfOutputDevice dev(&buf);
        m_doc.Write(&dev);
        return std::string(buf.GetBuffer(), dev.GetLength());
    }

private:
    void new_page() {
        if (m_page) m_painter.FinishPage();
        m_page = m_doc.CreatePage(PoDoFo::PdfPage::CreateStandardPageSize(PoDoFo::ePdfPageSize_A4));
        m_painter.SetPage(m_page);
        m_y = m_page->GetPageSize().GetHeight() - 56;
    }
    PoDoFo::PdfMemDocument m_doc;
    PoDoFo::PdfFont* m_font;
    PoDoFo::PdfPage* m_page = nullptr;
    PoDoFo::PdfPainter m_painter;
    double m_y = 0;
};

}  // namespace

std::string verification_pdf(const verify::VerifyReport& r, const std::string& sha256, const std::string& checked_at) {
    Writer w;
    w.line("Verifiering av underskrifter", 16, 8);
    w.line("Fil: " + r.file);
    w.line("Dokumentets SHA-256: " + sha256.substr(0, 32), 9);
    w.line("                     " + sha256.substr(32), 9);
    w.line("Kontrollerad: " + checked_at + " (kansli portal, samma kontroll som kansli verify)");
    w.line(std::string("Resultat: ") + verdict_caps_sv(r.verdict) + (r.reason.empty() ? "" : " – " + r.reason), 12, 8);
    int n = 0;
    for (const auto& s : r.signatures) {
        w.line(std::to_string(++n) + ". " + (s.signer.empty() ? "(okänd)" : s.signer) +
                   (s.role.empty() ? "" : ", " + s.role),
               11, 10);
        w.line("   Fält: " + s.field + "   Tid: " + s.signing_time +
               "   Nivå: " + (s.level.empty() ? "-" : "PAdES " + s.level));
        w.line(std::string("   Resultat: ") + verdict_caps_sv(s.verdict) + (s.reason.empty() ? "" : " – " + s.reason));
    }
    for (const auto& p : r.problems) w.line("Problem: " + p);
    return w.finish();
}

}  // namespace kansli::portal
