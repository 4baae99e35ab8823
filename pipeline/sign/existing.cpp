#include "sign/existing.hpp"

#include "cms/decode.hpp"
#include "cms/timestamp.hpp"

#include <botan/hash.h>

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

}  // namespace

std::optional<ByteRange> checked_byte_range(const core::Bytes& pdf, OH v, std::string& why) {
    OH br = v.getKey("/ByteRange");
    OH contents = v.getKey("/Contents");
    why.clear();
    if (!br.isArray() || br.getArrayNItems() != 4) why = "/ByteRange is not an array of 4 numbers";
    if (why.empty() && !contents.isString()) why = "/Contents is not a hex string";
    if (!why.empty()) return std::nullopt;
    ByteRange r{};
    for (int i = 0; i < 4; ++i) {
        OH e = br.getArrayItem(i);
        if (!e.isInteger() || e.getIntValue() < 0) {
            why = "/ByteRange holds a non-number or a negative number";
            return std::nullopt;
        }
        r[static_cast<std::size_t>(i)] = e.getIntValue();
    }
    const auto size = static_cast<std::int64_t>(pdf.size());
    if (r[0] != 0 || r[1] < 2 || r[2] <= r[1] || r[3] < 0 || r[2] > size || r[3] > size - r[2]) {
        why = "/ByteRange is out of bounds";
    } else if (pdf[static_cast<std::size_t>(r[1])] != '<' || pdf[static_cast<std::size_t>(r[2] - 1)] != '>') {
        why = "the /ByteRange hole is not the hex string /Contents";
    } else {
        // The hole must be exactly this dictionary's /Contents, written as a hex string.
        const std::string s = contents.getStringValue();
        if (!hole_matches(pdf, static_cast<std::size_t>(r[1]) + 1, static_cast<std::size_t>(r[2]) - 1,
                          core::Bytes(s.begin(), s.end()))) {
            why = "the /ByteRange hole is not this signature's hex /Contents";
        }
    }
    if (!why.empty()) return std::nullopt;
    return r;
}

core::Bytes range_digest(const core::Bytes& pdf, std::size_t hole_begin, std::size_t hole_end) {
    auto hash = Botan::HashFunction::create_or_throw("SHA-256");
    hash->update(pdf.data(), hole_begin);
    hash->update(pdf.data() + hole_end, pdf.size() - hole_end);
    const auto digest = hash->final();
    return core::Bytes(digest.begin(), digest.end());
}

bool is_prepared(OH v) {
    OH contents = detail::key_of(v, "/Contents");
    if (!contents.isString()) return false;
    const std::string s = contents.getStringValue();
    return !s.empty() && s.find_first_not_of('\0') == std::string::npos;
}

namespace {

std::string check_one(const core::Bytes& pdf, const SigField& f) {
    OH field = f.field;
    OH v = field.getKey("/V");
    if (!v.isDictionary()) return "its /V is not a signature dictionary";
    if (is_prepared(v)) return "it is prepared for an external key but not signed (kansli sign --complete)";
    std::string why;
    const auto r = checked_byte_range(pdf, v, why);
    if (!r) return why;
    const core::Bytes cms = [&] {
        const std::string s = v.getKey("/Contents").getStringValue();
        return core::Bytes(s.begin(), s.end());
    }();
    const std::span<const std::uint8_t> ranges[2] = {
        std::span<const std::uint8_t>(pdf.data(), static_cast<std::size_t>((*r)[1])),
        std::span<const std::uint8_t>(pdf.data() + (*r)[2], static_cast<std::size_t>((*r)[3]))};
    OH sub = v.getKey("/SubFilter");
    if (sub.isName() && sub.getName() == "/ETSI.RFC3161") {  // a document time-stamp over the ranges
        core::Bytes data(pdf.begin(), pdf.begin() + (*r)[1]);
        data.insert(data.end(), pdf.begin() + (*r)[2], pdf.begin() + (*r)[2] + (*r)[3]);
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
