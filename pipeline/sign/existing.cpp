#include "sign/existing.hpp"

#include "cms/oids.hpp"

#include <botan/asn1_obj.h>
#include <botan/asn1_oid.h>
#include <botan/ber_dec.h>
#include <botan/hash.h>

namespace kansli::sign::detail {
namespace {

using namespace PoDoFo;

PdfObject* resolve(PdfMemDocument& doc, const PdfObject* o) {
    if (o && o->IsReference()) return doc.GetObjects().GetObject(o->GetReference());
    return const_cast<PdfObject*>(o);  // PoDoFo 0.9.8 hands out const keys of mutable objects
}

int hex_value(std::uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// pdf[begin, end) is hex digits (whitespace allowed) that decode to `expected`.
bool hole_matches(const core::Bytes& pdf, std::size_t begin, std::size_t end, const core::Bytes& expected) {
    std::size_t k = 0;
    int high = -1;
    for (std::size_t i = begin; i < end; ++i) {
        const std::uint8_t c = pdf[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        const int v = hex_value(c);
        if (v < 0) return false;
        if (high < 0) {
            high = v;
            continue;
        }
        if (k >= expected.size() || expected[k] != static_cast<std::uint8_t>(high << 4 | v)) return false;
        ++k;
        high = -1;
    }
    if (high >= 0) {  // odd digit count: a final 0 is implied
        if (k >= expected.size() || expected[k] != static_cast<std::uint8_t>(high << 4)) return false;
        ++k;
    }
    return k == expected.size();
}

std::string check_one(PdfMemDocument& doc, const core::Bytes& pdf, const SigField& f) {
    PdfObject* v = resolve(doc, f.field->GetDictionary().GetKey("V"));
    if (!v || !v->IsDictionary()) return "its /V is not a signature dictionary";
    PdfObject* br = resolve(doc, v->GetDictionary().GetKey("ByteRange"));
    PdfObject* contents = resolve(doc, v->GetDictionary().GetKey("Contents"));
    if (!br || !br->IsArray() || br->GetArray().size() != 4) return "/ByteRange is not an array of 4 numbers";
    if (!contents || !contents->IsHexString()) return "/Contents is not a hex string";
    std::int64_t r[4];
    for (int i = 0; i < 4; ++i) {
        const PdfObject& e = br->GetArray()[static_cast<std::size_t>(i)];
        if (!e.IsNumber() || e.GetNumber() < 0) return "/ByteRange holds a non-number or a negative number";
        r[i] = e.GetNumber();
    }
    const auto size = static_cast<std::int64_t>(pdf.size());
    if (r[0] != 0 || r[1] < 2 || r[2] <= r[1] || r[3] < 0 || r[2] > size || r[3] > size - r[2]) {
        return "/ByteRange is out of bounds";
    }
    if (pdf[static_cast<std::size_t>(r[1])] != '<' || pdf[static_cast<std::size_t>(r[2] - 1)] != '>') {
        return "the /ByteRange hole is not the hex string /Contents";
    }
    // The hole must be exactly this dictionary's /Contents, written as a hex string.
    const PdfString& s = contents->GetString();
    const auto* raw = reinterpret_cast<const std::uint8_t*>(s.GetString());
    const core::Bytes cms(raw, raw + s.GetLength());
    if (!hole_matches(pdf, static_cast<std::size_t>(r[1]) + 1, static_cast<std::size_t>(r[2]) - 1, cms)) {
        return "the /ByteRange hole is not this signature's hex /Contents";
    }
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(pdf.data(), static_cast<std::size_t>(r[1]));
    h->update(pdf.data() + r[2], static_cast<std::size_t>(r[3]));
    const auto digest = h->final();
    const core::Bytes md = cms_message_digest(cms);
    if (md.empty()) return "its CMS has no readable messageDigest";
    if (md.size() != digest.size() || !std::equal(md.begin(), md.end(), digest.begin())) {
        return "the signed bytes were changed (digest mismatch)";
    }
    return {};
}

}  // namespace

core::Bytes cms_message_digest(const core::Bytes& cms) {
    try {
        Botan::BER_Decoder top(cms.data(), cms.size());
        Botan::BER_Decoder ci = top.start_cons(Botan::SEQUENCE);
        Botan::OID ct;
        ci.decode(ct);
        if (ct != Botan::OID(cms::oid::kSignedData)) return {};
        Botan::BER_Decoder wrapped = ci.start_cons(Botan::ASN1_Tag(0), Botan::CONTEXT_SPECIFIC);
        Botan::BER_Decoder sd = wrapped.start_cons(Botan::SEQUENCE);
        std::size_t version = 0;
        sd.decode(version);
        sd.get_next_object();  // digestAlgorithms
        sd.get_next_object();  // encapContentInfo
        while (sd.more_items()) {
            const Botan::BER_Object obj = sd.get_next_object();
            if (!obj.is_a(Botan::SET, Botan::CONSTRUCTED)) continue;  // certificates [0], crls [1]
            Botan::BER_Decoder infos(obj.bits(), obj.length());
            Botan::BER_Decoder si = infos.start_cons(Botan::SEQUENCE);
            if (infos.more_items()) return {};  // PAdES: exactly one SignerInfo
            si.decode(version);
            si.get_next_object();  // sid
            si.get_next_object();  // digestAlgorithm
            const Botan::BER_Object attrs = si.get_next_object();
            if (!attrs.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) return {};
            Botan::BER_Decoder ad(attrs.bits(), attrs.length());
            core::Bytes found;
            int count = 0;
            while (ad.more_items()) {
                Botan::BER_Decoder attr = ad.start_cons(Botan::SEQUENCE);
                Botan::OID type;
                attr.decode(type);
                Botan::BER_Decoder values = attr.start_cons(Botan::SET);
                if (type == Botan::OID(cms::oid::kMessageDigest)) {
                    std::vector<std::uint8_t> v;
                    values.decode(v, Botan::OCTET_STRING);
                    found.assign(v.begin(), v.end());
                    ++count;
                } else {
                    values.discard_remaining();
                }
                values.end_cons();
                attr.discard_remaining();
                attr.end_cons();
            }
            return count == 1 ? found : core::Bytes{};
        }
    } catch (const std::exception&) {
    }
    return {};
}

std::vector<std::string> check_existing_signatures(PoDoFo::PdfMemDocument& doc, const core::Bytes& pdf,
                                                   const std::vector<SigField>& fields) {
    std::vector<std::string> problems;
    for (const auto& f : fields) {
        if (!f.is_signed) continue;
        std::string why = check_one(doc, pdf, f);
        if (!why.empty()) problems.push_back("signature \"" + f.name + "\": " + why);
    }
    return problems;
}

}  // namespace kansli::sign::detail
