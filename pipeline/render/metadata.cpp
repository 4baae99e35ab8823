#include "render/metadata.hpp"

#include "core/time.hpp"
#include "pdf/xmp.hpp"
#include "render/conformance.hpp"
#include "render/pdf_text.hpp"

namespace kansli::render {

using pdf::xml_escape;

std::string producer() {
#ifdef KANSLI_VERSION
    return std::string("kansli ") + KANSLI_VERSION + " (PoDoFo 0.9.8)";
#else
    return "kansli (PoDoFo 0.9.8)";
#endif
}

std::string xmp_packet(const layout::Metadata& meta, const Claims& claims) {
    const std::string when = core::format_iso(meta.created);
    std::string x;
    x.reserve(2048);
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
         " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    x += "<dc:format>application/pdf</dc:format>\n";
    x += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
    if (!meta.author.empty()) {
        x += "<dc:creator><rdf:Seq><rdf:li>" + xml_escape(meta.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    }
    if (!meta.subject.empty()) {
        x += "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escape(meta.subject) +
             "</rdf:li></rdf:Alt></dc:description>\n";
    }
    x += "<dc:language><rdf:Bag><rdf:li>" + xml_escape(meta.language) + "</rdf:li></rdf:Bag></dc:language>\n";
    x += "<xmp:CreateDate>" + when + "</xmp:CreateDate>\n";
    x += "<xmp:ModifyDate>" + when + "</xmp:ModifyDate>\n";
    x += "<xmp:MetadataDate>" + when + "</xmp:MetadataDate>\n";
    x += "<xmp:CreatorTool>kansli</xmp:CreatorTool>\n";
    x += "<pdf:Producer>" + xml_escape(producer()) + "</pdf:Producer>\n";
    if (!meta.keywords.empty()) x += "<pdf:Keywords>" + xml_escape(meta.keywords) + "</pdf:Keywords>\n";
    x += "</rdf:Description>\n";
    x += xmp_identification(claims);
    x += "</rdf:RDF>\n</x:xmpmeta>\n";
    // Padding lets a later editor update the packet in place (XMP spec part 1, 7.3.2).
    for (int i = 0; i < 8; ++i) x += std::string(99, ' ') + "\n";
    x += "<?xpacket end=\"w\"?>";
    return x;
}

void add_metadata(PoDoFo::PdfMemDocument& doc, const layout::Metadata& meta, const Claims& claims) {
    const PoDoFo::PdfString date(core::format_pdf_date(meta.created));
    auto& info = doc.GetInfo()->GetObject()->GetDictionary();
    info.Clear();
    if (!meta.title.empty()) info.AddKey("Title", text_string(meta.title));
    if (!meta.author.empty()) info.AddKey("Author", text_string(meta.author));
    if (!meta.subject.empty()) info.AddKey("Subject", text_string(meta.subject));
    if (!meta.keywords.empty()) info.AddKey("Keywords", text_string(meta.keywords));
    info.AddKey("Creator", PoDoFo::PdfString("kansli"));
    info.AddKey("Producer", text_string(producer()));
    info.AddKey("CreationDate", date);
    info.AddKey("ModDate", date);

    const std::string xmp = xmp_packet(meta, claims);
    PoDoFo::PdfObject* stream = doc.GetObjects().CreateObject("Metadata");
    stream->GetDictionary().AddKey("Subtype", PoDoFo::PdfName("XML"));
    stream->GetStream()->Set(xmp.data(), static_cast<PoDoFo::pdf_long>(xmp.size()), PoDoFo::TVecFilters());

    auto& catalog = doc.GetCatalog()->GetDictionary();
    catalog.AddKey("Metadata", stream->Reference());
    catalog.AddKey("Lang", text_string(meta.language.empty() ? std::string("sv-SE") : meta.language));
    PoDoFo::PdfDictionary prefs;
    prefs.AddKey("DisplayDocTitle", PoDoFo::PdfVariant(true));
    catalog.AddKey("ViewerPreferences", prefs);
}

}  // namespace kansli::render
