#include "sign/existing.hpp"

#include "cms/decode.hpp"
#include "cms/timestamp.hpp"

#include <span>

namespace kansli::sign::detail {
namespace {

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

std::string check_one(const core::Bytes& pdf, const SigField& f) {
    OH field = f.field;
    OH v = field.getKey("/V");
    if (!v.isDictionary()) return "its /V is not a signature dictionary";
    OH br = v.getKey("/ByteRange");
    OH contents = v.getKey("/Contents");
    if (!br.isArray() || br.getArrayNItems() != 4) return "/ByteRange is not an array of 4 numbers";
    if (!contents.isString()) return "/Contents is not a hex string";
    std::int64_t r[4];
    for (int i = 0; i < 4; ++i) {
        OH e = br.getArrayItem(i);
        if (!e.isInteger() || e.getIntValue() < 0) return "/ByteRange holds a non-number or a negative number";
        r[i] = e.getIntValue();
    }
    const auto size = static_cast<std::int64_t>(pdf.size());
    if (r[0] != 0 || r[1] < 2 || r[2] <= r[1] || r[3] < 0 || r[2] > size || r[3] > size - r[2]) {
        return "/ByteRange is out of bounds";
    }
    if (pdf[static_cast<std::size_t>(r[1])] != '<' || pdf[static_cast<std::size_t>(r[2] - 1)] != '>') {
        return "the /ByteRange hole is not the hex string /Contents";
    }
    // The hole must be exactly this dictionary's /Contents, written as a hex string.
    const std::string s = contents.getStringValue();
    const core::Bytes cms(s.begin(), s.end());
    if (!hole_matches(pdf, static_cast<std::size_t>(r[1]) + 1, static_cast<std::size_t>(r[2]) - 1, cms)) {
        return "the /ByteRange hole is not this signature's hex /Contents";
    }
    const std::span<const std::uint8_t> ranges[2] = {
        std::span<const std::uint8_t>(pdf.data(), static_cast<std::size_t>(r[1])),
        std::span<const std::uint8_t>(pdf.data() + r[2], static_cast<std::size_t>(r[3]))};
    OH sub = v.getKey("/SubFilter");
    if (sub.isName() && sub.getName() == "/ETSI.RFC3161") {  // a document time-stamp over the ranges
        core::Bytes data(pdf.begin(), pdf.begin() + r[1]);
        data.insert(data.end(), pdf.begin() + r[2], pdf.begin() + r[2] + r[3]);
        const auto tc = cms::tsp::check_token_over(cms, data);
        return tc.problem.empty() ? std::string() : "its document time-stamp does not check out: " + tc.problem;
    }
    cms::DecodeOptions options;
    options.require_ess = sub.isName() && sub.getName() == "/ETSI.CAdES.detached";
    options.allow_same_signer_repeats = true;  // integrity here; policy is verify/'s business
    const cms::CmsResult res = cms::verify_detached(cms, ranges, options);
    if (res.status != cms::CmsStatus::Ok) {
        return std::string("its CMS does not verify (") + cms::to_string(res.status) + ")" +
               (res.reason.empty() ? "" : ": " + res.reason);
    }
    return {};
}

}  // namespace

std::vector<std::string> check_existing_signatures(const core::Bytes& pdf, const std::vector<SigField>& fields) {
    std::vector<std::string> problems;
    for (const auto& f : fields) {
        if (!f.is_signed) continue;
        std::string why = check_one(pdf, f);
        if (!why.empty()) problems.push_back("signature \"" + f.name + "\": " + why);
    }
    return problems;
}

}  // namespace kansli::sign::detail
