// The Document Security Store revision: /DSS with /Certs, /CRLs and /VRI (ETSI EN 319 142-1 §5.4.2,
// ISO 32000-2 §12.8.4.3), merged with the one the file has, appended by the update writer.
#include "sign/ltv.hpp"

#include "sign/fields.hpp"
#include "sign/font_embed.hpp"
#include "sign/ltv_parts.hpp"
#include "sign/refuse.hpp"
#include "sign/serialize.hpp"

#include <botan/hash.h>
#include <botan/hex.h>
#include <qpdf/Buffer.hh>

#include <algorithm>
#include <cstring>
#include <set>

namespace kansli::sign {
namespace {

using detail::OH;

constexpr int kMaxDssItems = 10000;  // streams per DSS array read back (a hostile file may claim more)

std::string str(const core::Bytes& b) { return std::string(b.begin(), b.end()); }

core::Bytes stream_bytes(OH s) {
    auto data = s.getStreamData(qpdf_dl_generalized);
    return core::Bytes(data->getBuffer(), data->getBuffer() + data->getSize());
}

// One DSS array (/Certs, /CRLs or /OCSPs): each stream's DER and its reference text ("12 0 R").
struct Pool {
    std::vector<core::Bytes> der;
    std::vector<std::string> refs;
    [[nodiscard]] std::string ref_of(const core::Bytes& b) const {
        const auto it = std::find(der.begin(), der.end(), b);
        return it == der.end() ? std::string() : refs[static_cast<std::size_t>(it - der.begin())];
    }
    void read(OH dss, const char* key) {
        OH list = dss.isDictionary() ? dss.getKey(key) : OH::newNull();
        if (!list.isArray()) return;
        for (int i = 0; i < list.getArrayNItems() && i < kMaxDssItems; ++i) {
            OH s = list.getArrayItem(i);
            if (!s.isStream() || !s.isIndirect()) continue;
            try {
                der.push_back(stream_bytes(s));
                refs.push_back(s.unparse());
            } catch (const std::exception&) {}  // an undecodable stream is kept by reference only
        }
    }
    // Adds `b` as a new stream object unless an equal one is there; returns its reference.
    std::string add(QPDF& q, detail::UpdateWriter& w, const core::Bytes& b) {
        if (auto r = ref_of(b); !r.empty()) return r;
        OH o = detail::new_object(q);
        w.add(o.getObjectID(), 0, detail::stream_text("", str(b), false));
        der.push_back(b);
        refs.push_back(o.unparse());
        return refs.back();
    }
    [[nodiscard]] std::string array(OH old_list) const {
        std::set<std::string> seen;
        std::string s = "[";
        if (old_list.isArray()) {  // existing items first, in their order (undecodable ones too)
            for (int i = 0; i < old_list.getArrayNItems() && i < kMaxDssItems; ++i) {
                OH item = old_list.getArrayItem(i);
                if (!item.isIndirect() || !seen.insert(item.unparse()).second) continue;
                s += (s.size() > 1 ? " " : "") + item.unparse();
            }
        }
        for (const auto& r : refs) {
            if (seen.insert(r).second) s += (s.size() > 1 ? " " : "") + r;
        }
        return s + "]";
    }
};

// The references of an existing VRI entry's array `key`.
void old_refs(OH entry, const char* key, std::vector<std::string>& out) {
    OH a = entry.isDictionary() ? entry.getKey(key) : OH::newNull();
    if (!a.isArray()) return;
    for (int i = 0; i < a.getArrayNItems() && i < kMaxDssItems; ++i) {
        if (a.getArrayItem(i).isIndirect()) out.push_back(a.getArrayItem(i).unparse());
    }
}

std::string ref_array(std::vector<std::string> refs) {
    std::string s = "[";
    std::set<std::string> seen;
    for (const auto& r : refs) {
        if (seen.insert(r).second) s += (s.size() > 1 ? " " : "") + r;
    }
    return s + "]";
}

// The /VRI dictionary: existing entries kept (merged when `add` names the same key), new ones added.
std::string vri_text(OH old_vri, const DssAddition& add, const Pool& certs, const Pool& crls, core::Instant time) {
    std::map<std::string, std::string> entries;
    if (old_vri.isDictionary()) {
        for (const auto& k : old_vri.getKeys()) {
            if (entries.size() >= static_cast<std::size_t>(kMaxDssItems)) break;
            OH v = old_vri.getKey(k);
            entries[k.substr(1)] = v.isIndirect() ? v.unparse() : detail::pdf_text(v);
        }
    }
    for (const auto& [key, vri] : add.vri) {
        std::vector<std::string> c, r;
        OH old = old_vri.isDictionary() ? old_vri.getKey("/" + key) : OH::newNull();
        old_refs(old, "/Cert", c);
        old_refs(old, "/CRL", r);
        for (const auto& b : vri.certs) c.push_back(certs.ref_of(b));
        for (const auto& b : vri.crls) r.push_back(crls.ref_of(b));
        std::string e = "<< /Cert " + ref_array(c) + " /CRL " + ref_array(r);
        if (OH ocsp = old.isDictionary() ? old.getKey("/OCSP") : OH::newNull(); ocsp.isArray()) {
            e += " /OCSP " + detail::pdf_text(ocsp);
        }
        entries[key] = e + " /TU (" + core::format_pdf_date(time) + ") >>";
    }
    std::string s = "<<";
    for (const auto& [k, v] : entries) s += " /" + k + " " + v;
    return s + " >>";
}

// /Extensions with the ESIC developer extension (PAdES on PDF 1.7), other entries kept. Returns
// the object to rewrite: the /Extensions dictionary when indirect, else the catalog.
OH add_esic(QPDF& q, OH root) {
    if (q.getPDFVersion() >= "2.0") return OH::newNull();
    OH ext = root.getKey("/Extensions");
    if (!ext.isDictionary()) {
        ext = OH::newDictionary();
        root.replaceKey("/Extensions", ext);
    }
    if (ext.hasKey("/ESIC")) return OH::newNull();
    ext.replaceKey("/ESIC", OH::parse("<< /BaseVersion /1.7 /ExtensionLevel 1 >>"));
    return ext.isIndirect() ? ext : root;
}

}  // namespace

std::string vri_key(const core::Bytes& contents) {
    auto h = Botan::HashFunction::create_or_throw("SHA-1");
    h->update(contents.data(), contents.size());
    const auto d = h->final();
    return Botan::hex_encode(d);  // uppercase, as the VRI keys are written
}

std::vector<EmbeddedSignature> embedded_signatures(const core::Bytes& pdf) {
    detail::Document doc = detail::open_document(pdf);
    std::vector<EmbeddedSignature> out;
    for (auto f : detail::signature_fields(*doc.qpdf)) {
        if (!f.is_signed) continue;
        OH v = f.field.getKey("/V");
        if (!v.isDictionary()) continue;
        EmbeddedSignature e;
        e.field = f.name;
        if (OH sf = v.getKey("/SubFilter"); sf.isName()) e.sub_filter = sf.getName().substr(1);
        if (OH c = v.getKey("/Contents"); c.isString()) {
            const std::string bytes = c.getStringValue();
            e.contents.assign(bytes.begin(), bytes.end());
        }
        OH br = v.getKey("/ByteRange");
        for (int i = 0; i < 4 && br.isArray() && i < br.getArrayNItems(); ++i) {
            if (br.getArrayItem(i).isInteger())
                e.byte_range[static_cast<std::size_t>(i)] = br.getArrayItem(i).getIntValue();
        }
        out.push_back(std::move(e));
    }
    return out;
}

DssContent read_dss(const core::Bytes& pdf) {
    detail::Document doc = detail::open_document(pdf);
    OH dss = doc.qpdf->getRoot().getKey("/DSS");
    Pool certs, crls;
    certs.read(dss, "/Certs");
    crls.read(dss, "/CRLs");
    DssContent c{certs.der, crls.der, {}};
    if (OH vri = dss.isDictionary() ? dss.getKey("/VRI") : OH::newNull(); vri.isDictionary()) {
        for (const auto& k : vri.getKeys()) c.vri_keys.push_back(k.substr(1));
    }
    return c;
}

core::Bytes append_dss(const core::Bytes& pdf, const DssAddition& add, core::Instant time) {
    detail::Document doc = detail::open_document(pdf);
    QPDF& q = *doc.qpdf;
    detail::TrailerInfo ti = detail::trailer_info(doc);
    OH root = q.getRoot();
    OH old = root.getKey("/DSS");
    if (!old.isDictionary()) old = OH::newNull();
    detail::UpdateWriter writer;
    Pool certs, crls;
    certs.read(old, "/Certs");
    crls.read(old, "/CRLs");
    for (const auto& b : add.certs) certs.add(q, writer, b);
    for (const auto& b : add.crls) crls.add(q, writer, b);
    for (const auto& [key, vri] : add.vri) {
        for (const auto& b : vri.certs) certs.add(q, writer, b);
        for (const auto& b : vri.crls) crls.add(q, writer, b);
    }
    std::string text = "<< /Type /DSS /Certs " + certs.array(old.isNull() ? old : old.getKey("/Certs")) + " /CRLs " +
                       crls.array(old.isNull() ? old : old.getKey("/CRLs"));
    if (!old.isNull() && old.getKey("/OCSPs").isArray()) text += " /OCSPs " + detail::pdf_text(old.getKey("/OCSPs"));
    text += " /VRI " + vri_text(old.isNull() ? old : old.getKey("/VRI"), add, certs, crls, time) + " >>";

    OH dss = old.isIndirect() ? old : detail::new_object(q);
    writer.add(dss.getObjectID(), dss.getGeneration(), text);
    const OH ext = add_esic(q, root);  // null, an indirect /Extensions, or the catalog
    const bool root_changed = !old.isIndirect() || (ext.isIndirect() && ext.getObjGen() == root.getObjGen());
    if (!old.isIndirect()) root.replaceKey("/DSS", dss);
    if (ext.isIndirect() && ext.getObjGen() != root.getObjGen()) {
        writer.add(ext.getObjectID(), ext.getGeneration(), detail::pdf_text(ext));
    }
    if (root_changed) writer.add(root.getObjectID(), root.getGeneration(), detail::pdf_text(root));
    if (ti.xref_stream) ti.xref_stream_number = detail::new_object(q).getObjectID();
    std::map<int, std::size_t> offsets;
    core::Bytes out = writer.finish(pdf, ti, offsets);
    if (out.size() <= pdf.size() || std::memcmp(out.data(), pdf.data(), pdf.size()) != 0) {
        refuse("internal error: the update changed bytes of the original file", {}, "ltv");
    }
    return out;
}

}  // namespace kansli::sign
