#include "fixture.hpp"

#include <catch2/catch.hpp>
#include <podofo/podofo.h>

#include <cstring>

#include <fstream>

namespace kansli::test {

using namespace PoDoFo;

core::Bytes make_pdf(const std::vector<FixtureField>& fields, const std::vector<std::string>& order) {
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
    PdfMemDocument doc;
    doc.SetPdfVersion(ePdfVersion_1_7);
    PdfPage* page = doc.CreatePage(PdfRect(0, 0, 595, 842));
    {
        PdfPainter painter;
        painter.SetPage(page);
        PdfFont* font =
            doc.CreateFontSubset("LiberationSans", false, false, false, new PdfIdentityEncoding(0, 0xffff, true),
                                 "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf");
        font->SetFontSize(12);
        painter.SetFont(font);
        painter.DrawText(56, 780,
                         PdfString(reinterpret_cast<const pdf_utf8*>("Protokoll – Sociala vård och omsorgsgruppen")));
        painter.DrawText(56, 760, PdfString(reinterpret_cast<const pdf_utf8*>("§ 1 Mötets öppnande")));
        painter.FinishPage();
    }
    PdfAcroForm* form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
    page = doc.GetPage(0);
    for (const auto& f : fields) {
        PdfAnnotation* a = page->CreateAnnotation(ePdfAnnotation_Widget, PdfRect(f.x, f.y, f.w, f.h));
        PdfDictionary& d = a->GetObject()->GetDictionary();
        d.AddKey("FT", PdfName("Sig"));
        d.AddKey("T", PdfString(reinterpret_cast<const pdf_utf8*>(f.name.c_str())));
        if (!f.tooltip.empty()) d.AddKey("TU", PdfString(reinterpret_cast<const pdf_utf8*>(f.tooltip.c_str())));
        d.AddKey("F", PdfObject(static_cast<pdf_int64>(4)));
        d.AddKey("P", page->GetObject()->Reference());
        form->GetObject()->GetDictionary().GetKey("Fields")->GetArray().push_back(a->GetObject()->Reference());
    }
    if (!order.empty()) {
        PdfArray arr;
        for (const auto& n : order) arr.push_back(PdfString(reinterpret_cast<const pdf_utf8*>(n.c_str())));
        doc.GetCatalog()->GetDictionary().AddKey("KANS_SigningOrder", arr);
    }
    PdfDictionary& info = doc.GetInfo()->GetObject()->GetDictionary();
    info.AddKey("CreationDate", PdfString("D:20230224130000Z"));
    info.AddKey("ModDate", PdfString("D:20230224130000Z"));
    PdfRefCountedBuffer buffer;
    PdfOutputDevice dev(&buffer);
    doc.Write(&dev);
    const auto* p = reinterpret_cast<const std::uint8_t*>(buffer.GetBuffer());
    return core::Bytes(p, p + dev.GetLength());
}

core::Bytes protokoll_pdf() { return protokoll_pdf("Christian Åhrén", "Björn Sandal", "Katarina Nyberg Finn"); }

core::Bytes protokoll_pdf(const std::string& sekreterare, const std::string& justerare, const std::string& ordforande) {
    return make_pdf({{"Sekreterare", "Sekreterare: " + sekreterare, 56, 100, 150, 40},
                     {"Justerare", "Justerare: " + justerare, 222, 100, 150, 40},
                     {"Ordförande", "Ordförande: " + ordforande, 388, 100, 150, 40}},
                    {"Sekreterare", "Justerare", "Ordförande"});
}

void write(const std::string& path, const core::Bytes& bytes) {
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

int sign_mutants(const core::Bytes& signed_pdf, std::size_t from, std::uint32_t seed, const SignOptions& options) {
    REQUIRE(from < signed_pdf.size());
    const std::size_t span = signed_pdf.size() - from;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };  // fixed seed: the same mutants every run
    SignOptions opts = options;
    opts.any_order = true;
    int refused = 0;
    for (int i = 0; i < 60; ++i) {
        core::Bytes m = signed_pdf;
        if (i % 4 == 0) {
            m.resize(from + next() % span);
        } else {
            for (int k = 0; k < 1 + i % 6; ++k) m[from + next() % span] = static_cast<std::uint8_t>(next());
        }
        try {
            const core::Bytes out = sign_as(m, "bjorn-sandal", sign::Role::Justerare, kT2, opts);
            CHECK((out.size() > m.size() && std::memcmp(out.data(), m.data(), m.size()) == 0));
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Invalid);
            ++refused;
        }
    }
    return refused;
}

}  // namespace kansli::test
