#include "sign/existing.hpp"

#include "cms/decode.hpp"

#include <span>

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
    const std::span<const std::uint8_t> ranges[2] = {
        std::span<const std::uint8_t>(pdf.data(), static_cast<std::size_t>(r[1])),
        std::span<const std::uint8_t>(pdf.data() + r[2], static_cast<std::size_t>(r[3]))};
    cms::DecodeOptions options;
    const PdfObject* sub = v->GetDictionary().GetKey("SubFilter");
    options.require_ess = sub && sub->IsName() && sub->GetName().GetName() == "ETSI.CAdES.detached";
    options.allow_same_signer_repeats = true;  // integrity here; policy is verify/'s business
    const cms::CmsResult res = cms::verify_detached(cms, ranges, options);
    if (res.status != cms::CmsStatus::Ok) {
        return std::string("its CMS does not verify (") + cms::to_string(res.status) + ")" +
               (res.reason.empty() ? "" : ": " + res.reason);
    }
    return {};
}

}  // namespace

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
