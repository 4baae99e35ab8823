#include "render/conformance.hpp"

#include "render/tagging.hpp"

#include "pdf/xmp.hpp"

#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <filesystem>
#include <map>

namespace kansli::render {

namespace {

using OH = QPDFObjectHandle;

constexpr const char* kSrgbProfiles[] = {
    "/usr/share/color/icc/sRGB.icc",         // icc-profiles-free
    "/usr/share/color/icc/colord/sRGB.icc",  // colord
};
constexpr std::size_t kMaxIccBytes = std::size_t{4} << 20;

/// The XMP of an attachment's catalog, read under the reader's limits; empty when it has none.
std::string attachment_xmp(Appended& a) {
    OH md = a.pdf.qpdf->getRoot().getKey("/Metadata");
    if (!md.isStream()) return {};
    pdf::Usage used;
    try {
        return pdf::read_stream(md, pdf::default_limits(), used);
    } catch (const std::exception&) {
        return {};  // unreadable metadata claims nothing
    }
}

/// Why attachment `a` cannot be part of a conformant file, or empty when it can.
std::string non_conformance(Appended& a) {
    const pdf::XmpClaims c = pdf::xmp_claims(attachment_xmp(a));
    OH root = a.pdf.qpdf->getRoot();
    OH marked = root.getKey("/MarkInfo").getKey("/Marked");
    const bool tagged = marked.isBool() && marked.getBoolValue() && root.getKey("/StructTreeRoot").isDictionary();
    if (c.pdfa_part != 2 && !tagged) return "it neither claims PDF/A-2 in its XMP nor is tagged";
    if (c.pdfa_part != 2) return "its XMP does not claim PDF/A-2";
    if (!tagged) return "it is not tagged (no /MarkInfo /Marked true and /StructTreeRoot)";
    return {};
}

/// The ICC profile at `path`, checked to be what an OutputIntent needs (ISO 19005-2 6.2.3): an
/// RGB profile of device class display (mntr) or output (prtr), whose header size is its size.
std::string read_icc(const std::string& path) {
    const core::Bytes b = core::read_file(path, kMaxIccBytes);
    auto tag = [&b](std::size_t at) { return std::string(b.begin() + at, b.begin() + at + 4); };
    const std::size_t declared =
        b.size() >= 4 ? (std::size_t{b[0]} << 24 | std::size_t{b[1]} << 16 | std::size_t{b[2]} << 8 | std::size_t{b[3]})
                      : 0;
    if (b.size() < 132 || declared != b.size() || tag(36) != "acsp" || tag(16) != "RGB " ||
        (tag(12) != "mntr" && tag(12) != "prtr")) {
        core::throw_io(path, "is not an RGB display or output ICC profile",
                       "reinstall icc-profiles-free (or colord), or build with --profile plain");
    }
    return std::string(b.begin(), b.end());
}

/// The profile stream: Flate after PNG's Sub predictor over 2-byte samples (ISO 32000-1 7.4.4.4,
/// table 8). An sRGB profile is mostly three tone curves of 1,024 16-bit steps, which Flate alone
/// barely shrinks (6,922 → 2,452 bytes) and their differences well (→ 1,266). An odd-sized
/// profile is only deflated.
OH icc_stream(QPDF& out, const std::string& icc) {
    const bool predict = icc.size() % 2 == 0;
    // Every document of a batch embeds the same profile: its Flate data is kept per thread, with the
    // profile it came from (compared whole, so another profile is compressed anew).
    thread_local std::pair<std::string, std::string> kept;  // profile, Flate data
    if (kept.first != icc || kept.second.empty()) {
        std::string data;
        data.reserve(icc.size() + 1);
        if (predict) {
            data += '\x01';  // the one row's filter type: Sub
            for (std::size_t i = 0; i < icc.size(); ++i)
                data += static_cast<char>(static_cast<unsigned char>(icc[i]) -
                                          (i >= 2 ? static_cast<unsigned char>(icc[i - 2]) : 0));
        } else {
            data = icc;
        }
        std::string packed;
        Pl_String sink("icc", nullptr, packed);
        Pl_Flate flate("icc", &sink, Pl_Flate::a_deflate);
        flate.write(reinterpret_cast<const unsigned char*>(data.data()), data.size());
        flate.finish();
        kept = {icc, std::move(packed)};
    }
    const std::string& packed = kept.second;
    OH parms = OH::newNull();
    if (predict) {
        parms = OH::newDictionary();
        parms.replaceKey("/Predictor", OH::newInteger(11));
        parms.replaceKey("/Colors", OH::newInteger(2));
        parms.replaceKey("/BitsPerComponent", OH::newInteger(8));
        parms.replaceKey("/Columns", OH::newInteger(static_cast<long long>(icc.size() / 2)));
    }
    OH profile = out.newStream();
    profile.replaceStreamData(packed, OH::newName("/FlateDecode"), parms);
    return profile;
}

void add_output_intent(QPDF& out, const std::string& icc) {
    OH profile = icc_stream(out, icc);
    profile.getDict().replaceKey("/N", OH::newInteger(3));
    OH intent = OH::newDictionary();
    intent.replaceKey("/Type", OH::newName("/OutputIntent"));
    intent.replaceKey("/S", OH::newName("/GTS_PDFA1"));
    intent.replaceKey("/OutputConditionIdentifier", OH::newString("sRGB IEC61966-2.1"));
    intent.replaceKey("/Info", OH::newString("sRGB IEC61966-2.1"));
    intent.replaceKey("/DestOutputProfile", profile);
    out.getRoot().replaceKey("/OutputIntents", OH::newArray({out.makeIndirectObject(intent)}));
}

/// An empty appearance the size of `rect` (a signature widget before it is signed: ISO 19005-2
/// 6.3.3 wants an appearance for every widget; `kansli sign` replaces it), one per size: the
/// widgets of one size share it (a stream object each would cost ~150 bytes); `kansli sign`
/// gives a widget it signs a new /AP and never changes the shared stream.
OH empty_appearance(QPDF& out, OH rect, std::map<std::string, OH>& made) {
    double w = 0, h = 0;
    if (rect.isRectangle()) {
        const auto r = rect.getArrayAsRectangle();
        w = std::abs(r.urx - r.llx);
        h = std::abs(r.ury - r.lly);
    }
    OH bbox = OH::newArray({OH::newInteger(0), OH::newInteger(0), OH::newReal(w, 3), OH::newReal(h, 3)});
    auto [it, added] = made.try_emplace(bbox.unparse());
    if (!added) return it->second;
    OH form = out.newStream(std::string("q Q\n"));  // draws nothing (qpdf would write empty data as invalid Flate)
    OH d = form.getDict();
    d.replaceKey("/Type", OH::newName("/XObject"));
    d.replaceKey("/Subtype", OH::newName("/Form"));
    d.replaceKey("/BBox", bbox);
    d.replaceKey("/Resources", OH::newDictionary());
    it->second = form;
    return form;
}

/// Every annotation printable and not hidden (6.3.2), every widget with an /AP /N (6.3.3).
void fix_annotations(QPDF& out) {
    std::map<std::string, OH> empty;  // the empty appearances made, by their /BBox
    for (OH page : out.getAllPages()) {
        OH annots = page.getKey("/Annots");
        if (!annots.isArray()) continue;
        for (OH a : annots.getArrayAsVector()) {
            if (!a.isDictionary()) continue;
            OH f = a.getKey("/F");
            const long long flags = f.isInteger() ? f.getIntValue() : 0;
            // Print on; Invisible (1), Hidden (2), NoView (32), ToggleNoView (256) off.
            const long long fixed = (flags | 4) & ~(1LL | 2LL | 32LL | 256LL);
            if (!f.isInteger() || fixed != flags) a.replaceKey("/F", OH::newInteger(fixed));
            OH st = a.getKey("/Subtype");
            if (st.isName() && st.getName() == "/Widget" && !a.getKey("/AP").isDictionary()) {
                OH ap = OH::newDictionary();
                ap.replaceKey("/N", empty_appearance(out, a.getKey("/Rect"), empty));
                a.replaceKey("/AP", ap);
            }
        }
    }
}

/// ISO 19005-2 6.2.11.4.2 allows no /CIDSet; PoDoFo's lists only the used glyphs of a subset
/// that keeps every glyph slot, which is wrong. Removed from every font descriptor.
void remove_cidsets(QPDF& out) {
    for (OH o : out.getAllObjects()) {
        if (o.isDictionaryOfType("/FontDescriptor") && o.hasKey("/CIDSet")) o.removeKey("/CIDSet");
    }
}

void make_conformant(QPDF& out, const std::string& icc) {
    add_output_intent(out, icc);
    remove_cidsets(out);
    fix_annotations(out);
    OH form = out.getRoot().getKey("/AcroForm");
    if (form.isDictionary()) form.removeKey("/NeedAppearances");  // 6.4.1
}

}  // namespace

std::string find_srgb_profile() {
    std::error_code ec;
    for (const char* p : kSrgbProfiles) {
        if (std::filesystem::is_regular_file(p, ec)) return p;
    }
    core::throw_io(kSrgbProfiles[0], "no sRGB ICC profile is installed (PDF/A needs one for its OutputIntent)",
                   "install the Debian package icc-profiles-free (or colord), or build with --profile plain");
}

Claims decide_claims(const RenderOptions& options, std::vector<Appended>& attachments,
                     std::vector<core::Diagnostic>& warnings) {
    if (options.profile != Profile::PdfA) return {};
    Claims c{true, true};
    for (auto& a : attachments) {
        // Appended pages keep their content but not their structure tree (render/foreign_structure):
        // even a tagged PDF/A-2 attachment becomes untagged pages here, which neither level A nor
        // PDF/UA allows. Never claim what is not true.
        std::string why = non_conformance(a);
        if (why.empty()) why = "its pages lose their tagging when appended (the structure trees are not merged)";
        c = {};
        warnings.push_back({core::Severity::Warning,
                            "pdfa",
                            {a.path, 0, 0},
                            "the built PDF claims neither PDF/A nor PDF/UA: the attached document " +
                                std::filesystem::path(a.path).filename().string() + " is appended as it is, and " + why,
                            "attach a PDF/A-2 tagged version of it for an archival PDF"});
    }
    return c;
}

std::string xmp_identification(const Claims& claims) {
    if (!claims.pdfa && !claims.pdfua) return {};
    // One rdf:Description, without line breaks inside the schema: the packet is written without a
    // filter (as readers that scan for XMP expect), so each byte counts, here and in every
    // signature's update, which carries the packet again.
    std::string x = "<rdf:Description rdf:about=\"\"";
    if (claims.pdfa) x += " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"";
    if (claims.pdfua) {
        x += " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\""
             " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
             " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
             " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"";
    }
    x += ">\n";
    if (claims.pdfa) x += "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>\n";
    if (claims.pdfua) {
        x += "<pdfuaid:part>1</pdfuaid:part>\n";
        // pdfuaid is not one of the schemas PDF/A predefines: it is described (6.6.2.3).
        x += "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
             "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
             "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
             "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
             "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
             "<pdfaProperty:name>part</pdfaProperty:name>"
             "<pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
             "<pdfaProperty:category>internal</pdfaProperty:category>"
             "<pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:"
             "description>"
             "</rdf:li></rdf:Seq></pdfaSchema:property>"
             "</rdf:li></rdf:Bag></pdfaExtension:schemas>\n";
    }
    x += "</rdf:Description>\n";
    return x;
}

core::Bytes rewrite_with_qpdf(const core::Bytes& rendered, std::vector<Appended>& attachments, bool pdfa,
                              const std::string& icc_profile, const Tagging* tags) {
    const std::string icc = pdfa ? read_icc(icc_profile) : std::string();
    QPDF out;
    out.setSuppressWarnings(true);
    out.setAttemptRecovery(false);
    out.processMemoryFile("kansli", reinterpret_cast<const char*>(rendered.data()), rendered.size());
    // The structure tree (~370 small objects) is made here rather than written by PoDoFo and
    // parsed again: a third of the cost of tagging (issue 11, Cost).
    if (tags) tags->write_tree(out);
    if (!attachments.empty()) merge_appended(out, attachments);
    if (pdfa) make_conformant(out, icc);
    return write_merged(out, attachments);
}

}  // namespace kansli::render
