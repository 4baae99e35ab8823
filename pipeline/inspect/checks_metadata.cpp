// Metadata (ISO 19005-2 6.6, ISO 14289-1 5 and 7.1) and colour (ISO 19005-2 6.2.3, 6.2.4.3).
#include "core/time.hpp"
#include "core/utf8.hpp"
#include "inspect/doc.hpp"
#include "inspect/walk.hpp"
#include "pdf/xmp.hpp"
#include "verify/pdfdate.hpp"

#include <string_view>

namespace kansli::inspect {

namespace {

using detail::object_name;

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto d = core::decode_at(s, i);
        if (!d.valid) return false;
        i += d.length;
    }
    return true;
}

std::vector<Finding> metadata_stream(const Doc& d) {
    std::vector<Finding> out;
    OH md = d.pdf().getRoot().getKey("/Metadata");
    if (!md.isStream()) {
        add(out, "the catalog has no /Metadata stream");
        return out;
    }
    OH dict = md.getDict();
    if (!dict.getKey("/Type").isName() || dict.getKey("/Type").getName() != "/Metadata" ||
        !dict.getKey("/Subtype").isName() || dict.getKey("/Subtype").getName() != "/XML")
        add(out, "the metadata stream is not /Type /Metadata /Subtype /XML");
    if (d.xmp.empty()) {
        add(out, "the metadata stream cannot be read or is empty");
        return out;
    }
    if (!valid_utf8(d.xmp)) add(out, "the XMP packet is not UTF-8");
    const std::size_t begin = d.xmp.find("<?xpacket begin=");
    if (begin == std::string::npos || d.xmp.find("<?xpacket end=") == std::string::npos) {
        add(out, "the XMP has no xpacket header and trailer");
    } else {
        const std::string head = d.xmp.substr(begin, d.xmp.find("?>", begin) - begin);
        if (head.find("bytes=") != std::string::npos || head.find("encoding=") != std::string::npos)
            add(out, "the xpacket header has a bytes or encoding attribute");
    }
    if (d.xmp.find("<rdf:RDF") == std::string::npos) add(out, "the XMP has no rdf:RDF element");
    return out;
}

std::vector<Finding> identification(const Doc& d) {
    std::vector<Finding> out;
    if (d.claims.pdfa_part == 0) {
        add(out, "the XMP has no pdfaid:part");
    } else if (d.claims.pdfa_part != 2) {
        add(out, "pdfaid:part is " + std::to_string(d.claims.pdfa_part) + "; kansli checks PDF/A-2 only");
    }
    const std::string& c = d.claims.pdfa_conformance;
    if (c != "A" && c != "B" && c != "U") add(out, "pdfaid:conformance is \"" + c + "\", not A, B or U");
    return out;
}

std::vector<Finding> extension_schema(const Doc& d) {
    std::vector<Finding> out;
    if (d.xmp.find("xmlns:pdfuaid") == std::string::npos) return out;
    auto has = [&d](std::string_view name, std::string_view value) {
        const auto v = pdf::xmp_property(d.xmp, name);
        return v && *v == value;
    };
    if (!has("pdfaSchema:namespaceURI", "http://www.aiim.org/pdfua/ns/id/") || !has("pdfaSchema:prefix", "pdfuaid") ||
        !has("pdfaProperty:name", "part"))
        add(out, "pdfuaid is used but no pdfaExtension schema describes it (namespaceURI, prefix, property part)");
    return out;
}

std::string iso_of_pdf_date(OH v) { return v.isString() ? verify::pdf_date_to_iso(v.getStringValue()) : ""; }

std::string iso_of_xmp_date(const std::optional<std::string>& v) {
    if (!v) return {};
    const auto t = core::parse_instant(*v);
    return t ? core::format_iso(*t) : *v;
}

/// Info entries with an XMP equivalent must agree (the dates, the producer, title, author).
std::vector<Finding> info_agrees(const Doc& d) {
    std::vector<Finding> out;
    OH info = d.pdf().getTrailer().getKey("/Info");
    if (!info.isDictionary() || d.xmp.empty()) return out;
    auto date = [&](const char* key, const char* prop) {
        if (!info.hasKey(key)) return;
        const std::string a = iso_of_pdf_date(info.getKey(key));
        const std::string b = iso_of_xmp_date(pdf::xmp_property(d.xmp, prop));
        if (a != b)
            add(out, std::string("Info ") + key + " " + core::escape_for_display(a) + " differs from " + prop + " " +
                         (b.empty() ? "(absent)" : core::escape_for_display(b)));
    };
    date("/CreationDate", "xmp:CreateDate");
    date("/ModDate", "xmp:ModifyDate");
    auto text = [&](const char* key, const char* prop) {
        OH v = info.getKey(key);
        if (!v.isString()) return;
        const auto x = pdf::xmp_property(d.xmp, prop);
        if (!x || *x != v.getUTF8Value())
            add(out, std::string("Info ") + key + " differs from " + prop + (x ? "" : " (absent)"));
    };
    text("/Producer", "pdf:Producer");
    text("/Creator", "xmp:CreatorTool");
    text("/Keywords", "pdf:Keywords");
    return out;
}

std::vector<Finding> ua_identification(const Doc& d) {
    std::vector<Finding> out;
    if (d.claims.pdfua_part != 1) add(out, "pdfuaid:part is not 1");
    return out;
}

std::vector<Finding> ua_title(const Doc& d) {
    std::vector<Finding> out;
    if (d.xmp.find("<dc:title>") == std::string::npos) add(out, "the XMP has no dc:title");
    return out;
}

/// 6.2.3: GTS_PDFA1 output intents with a display or output ICC profile, all the same; 6.2.4.3:
/// device colour only with such an intent of as many components (or any intent for gray).
std::vector<Finding> output_intent(const Doc& d) {
    std::vector<Finding> out;
    OH intents = d.pdf().getRoot().getKey("/OutputIntents");
    int components = 0;
    QPDFObjGen profile_og;
    if (intents.isArray()) {
        for (OH oi : intents.getArrayAsVector()) {
            OH s = oi.getKey("/S");
            if (!s.isName() || s.getName() != "/GTS_PDFA1") continue;
            OH p = oi.getKey("/DestOutputProfile");
            if (!p.isStream()) {
                add(out, "the PDF/A output intent has no /DestOutputProfile stream");
                continue;
            }
            if (components != 0 && p.getObjGen() != profile_og) add(out, "two output intents name different profiles");
            profile_og = p.getObjGen();
            std::string icc;
            try {
                icc = d.read_recurring(p);
            } catch (const std::exception&) {
                add(out, "the output intent's ICC profile (" + object_name(p) + ") cannot be read");
                continue;
            }
            const std::string cls = icc.size() >= 132 ? icc.substr(12, 4) : "",
                              space = icc.size() >= 132 ? icc.substr(16, 4) : "";
            if (icc.size() < 132 || icc.substr(36, 4) != "acsp")
                add(out, "the output intent's profile (" + object_name(p) + ") is not an ICC profile");
            else if (cls != "mntr" && cls != "prtr")
                add(out, "the output intent's profile is of class '" + core::escape_for_display(cls) +
                             "', not mntr or prtr");
            components = space == "RGB " ? 3 : space == "CMYK" ? 4 : space == "GRAY" ? 1 : -1;
        }
    }
    bool rgb = false, cmyk = false, gray = false;
    for (const auto& dr : detail::drawn_streams(d)) {
        std::string content;
        try {
            content = d.read(dr.stream);
        } catch (const std::exception&) {
            continue;
        }
        // Device colour operators as tokens: rg RG (RGB), k K (CMYK), g G (gray).
        for (std::size_t i = 0; i + 1 < content.size() && !(rgb && cmyk && gray); ++i) {
            const char c = content[i];
            if (c != 'r' && c != 'R' && c != 'k' && c != 'K' && c != 'g' && c != 'G') continue;
            const char p = i == 0 ? ' ' : content[i - 1];
            if (p != ' ' && p != '\n' && p != '\r' && p != '\t') continue;
            auto word = [&](std::string_view w) {
                return content.compare(i, w.size(), w) == 0 &&
                       (i + w.size() == content.size() ||
                        std::string_view(" \n\r\t[/<(").find(content[i + w.size()]) != std::string_view::npos);
            };
            if (c == 'r' || c == 'R') rgb = rgb || word(c == 'r' ? "rg" : "RG");
            if (c == 'k' || c == 'K') cmyk = cmyk || word(c == 'k' ? "k" : "K");
            if (c == 'g' || c == 'G') gray = gray || word(c == 'g' ? "g" : "G");
        }
    }
    if (rgb && components != 3) add(out, "DeviceRGB is drawn without an RGB PDF/A output intent");
    if (cmyk && components != 4) add(out, "DeviceCMYK is drawn without a CMYK PDF/A output intent");
    if (gray && components == 0) add(out, "DeviceGray is drawn without a PDF/A output intent");
    return out;
}

}  // namespace

std::vector<Check> metadata_checks() {
    return {
        {"ISO 19005-2 6.2.3, 6.2.4.3", "output intent GTS_PDFA1 with an ICC profile; device colour only under it", PdfA,
         output_intent},
        {"ISO 19005-2 6.6.2.1", "an XMP metadata stream in the catalog, UTF-8, xpacket without bytes/encoding", PdfA,
         metadata_stream},
        {"ISO 19005-2 6.6.2.3.1", "an extension schema for every non-predefined schema used (pdfuaid)", PdfA,
         extension_schema},
        {"ISO 19005-2 6.6.4", "pdfaid:part 2 and pdfaid:conformance A, B or U", PdfA, identification},
        {"ISO 32000-1 14.3.3 (kansli)", "Info dates, producer, creator tool, keywords equal their XMP properties",
         PdfA | PdfUA, info_agrees},
        {"ISO 14289-1 5", "pdfuaid:part 1", PdfUA, ua_identification},
        {"ISO 14289-1 7.1", "dc:title in the XMP", PdfUA, ua_title},
    };
}

}  // namespace kansli::inspect
