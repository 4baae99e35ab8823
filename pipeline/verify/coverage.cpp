#include "verify/coverage.hpp"

#include "verify/pdfdate.hpp"

#include <algorithm>
#include <string>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;

std::nullopt_t fail_cov(SignatureReport& r, std::string why) {
    r.coverage = {FacetStatus::Failed, std::move(why)};
    return std::nullopt;
}

}  // namespace

std::optional<Covered> check_coverage(const QPDFObjectHandle& sig, std::span<const std::uint8_t> pdf,
                                      const std::vector<EofMark>& marks, Revisions& revisions, std::size_t max_depth,
                                      SignatureReport& r) {
    OH d = sig;
    if (!d.isDictionary()) return fail_cov(r, "/V is not a signature dictionary");
    if (!d.isIndirect()) return fail_cov(r, "the signature dictionary is not an indirect object");
    OH type = d.getKey("/Type");
    if (!type.isNull() && !(type.isName() && (type.getName() == "/Sig" || type.getName() == "/DocTimeStamp"))) {
        return fail_cov(r, "/V is not a signature dictionary (/Type is " + type.unparse() + ", not /Sig)");
    }
    if (d.getKey("/M").isString()) r.signing_time = pdf_date_to_iso(d.getKey("/M").getStringValue());
    OH sf = d.getKey("/SubFilter");
    r.sub_filter = sf.isName() ? sf.getName().substr(1) : "";
    OH br = d.getKey("/ByteRange");
    if (!br.isArray() || br.getArrayNItems() != 4)
        return fail_cov(r, "/ByteRange is missing or not an array of 4 numbers");
    for (int i = 0; i < 4; ++i) {
        OH x = br.getArrayItem(i);
        if (!x.isInteger() || x.getIntValue() < 0)
            return fail_cov(r, "/ByteRange holds a value that is not a non-negative integer");
        r.byte_range[i] = x.getIntValue();
    }
    OH contents = d.getKey("/Contents");
    if (!contents.isString() || contents.getStringValue().empty())
        return fail_cov(r, "/Contents is missing, null or empty");
    const auto* b = r.byte_range;
    const auto size = static_cast<std::int64_t>(pdf.size());
    if (b[0] != 0) return fail_cov(r, "/ByteRange does not start at 0");
    if (b[1] >= size || b[2] > size || b[3] > size || b[2] <= b[1] || b[2] + b[3] > size) {
        return fail_cov(r, "/ByteRange points outside the file or its ranges overlap");
    }
    const auto end = static_cast<std::size_t>(b[2] + b[3]);
    std::size_t rev = 0;
    for (std::size_t i = 0; i < marks.size() && rev == 0; ++i) {
        if (marks[i].after_eol == end || marks[i].after_marker == end) rev = i + 1;
    }
    if (rev == 0) return fail_cov(r, "/ByteRange does not end at the end of a revision (%%EOF)");
    r.revision = rev;
    r.covers_whole_file = marks[rev - 1].after_eol == marks.back().after_eol;
    std::string err;
    QPDF* q = revisions.at(end, err);
    if (!q) return fail_cov(r, "the revision this signature closes does not load: " + err);
    const XRefTable& xref = revisions.xrefs().of(*q);
    const QPDFObjGen og = d.getObjGen();
    auto at = xref.find(og);
    const auto& final_xref = revisions.final_xref();
    auto fin = final_xref.find(og);
    if (at == xref.end() || at->second.getType() != 1) {
        return fail_cov(r, "the signature dictionary is not an uncompressed object of its revision");
    }
    if (fin == final_xref.end() || fin->second.getType() != 1 || fin->second.getOffset() != at->second.getOffset()) {
        return fail_cov(r, "the signature dictionary was redefined by a later revision");
    }
    std::string serr;
    auto scan = scan_dict_object(pdf.first(end), static_cast<std::size_t>(at->second.getOffset()), og.getObj(),
                                 og.getGen(), {"/ByteRange", "/Contents"}, max_depth, serr);
    if (!scan) return fail_cov(r, "the signature dictionary cannot be read exactly: " + serr);
    const auto& kbr = scan->keys[0];
    const auto& kc = scan->keys[1];
    if (!kbr || !kc) return fail_cov(r, "/ByteRange or /Contents is not written in the signature dictionary itself");
    auto raw_br = parse_int_array(pdf.subspan(kbr->value_begin, kbr->value_end - kbr->value_begin), 4);
    if (!raw_br || raw_br->size() != 4 || !std::equal(raw_br->begin(), raw_br->end(), b)) {
        return fail_cov(r, "/ByteRange as written differs from its parsed value");
    }
    if (kc->kind != ValueKind::HexString) return fail_cov(r, "/Contents is not a hex string");
    if (static_cast<std::int64_t>(kc->value_begin) != b[1] || static_cast<std::int64_t>(kc->value_end) != b[2]) {
        return fail_cov(r, "the gap of /ByteRange is not exactly the /Contents of this signature dictionary");
    }
    auto cms = decode_hex_token(pdf.subspan(kc->value_begin, kc->value_end - kc->value_begin));
    const std::string parsed = contents.getStringValue();
    if (!cms || cms->size() != parsed.size() ||
        !std::equal(cms->begin(), cms->end(), parsed.begin(),
                    [](std::uint8_t x, char y) { return x == static_cast<std::uint8_t>(y); })) {
        return fail_cov(r, "/Contents as written differs from its parsed value");
    }
    r.coverage = {FacetStatus::Ok, r.covers_whole_file
                                       ? "covers the whole file except the signature value"
                                       : "covers revision " + std::to_string(rev) + " of " +
                                             std::to_string(marks.size()) + " except the signature value"};
    return Covered{std::move(*cms), end, rev, q, og};
}

}  // namespace kansli::verify
