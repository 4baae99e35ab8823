// Checking a time-stamp token (RFC 3161 §2.4.2, RFC 5816): the CMS part is cms::verify_detached
// in encapsulated mode (the same signature, ESS and key code as for PAdES signatures).
#include "cms/timestamp.hpp"

#include "core/diagnostic.hpp"

#include <botan/asn1_oid.h>
#include <botan/hash.h>
#include <botan/pkix_types.h>

#include <functional>
#include <map>

namespace kansli::cms::tsp {
namespace {

std::string hex(const core::Bytes& b) {
    static constexpr char k[] = "0123456789abcdef";
    std::string s;
    for (auto c : b) {
        s += k[c >> 4];
        s += k[c & 15];
    }
    return s;
}

}  // namespace

// RFC 3161 §2.3: the TSA certificate has exactly one extKeyUsage, id-kp-timeStamping, critical.
std::string tsa_certificate_problem(const Botan::X509_Certificate& c) {
    const Botan::OID eku("2.5.29.37");
    const auto& usages = c.extended_key_usage();
    if (usages.size() != 1 || usages.front() != Botan::OID(kTimeStamping)) {
        return "the TSA certificate's extKeyUsage is not id-kp-timeStamping alone";
    }
    if (!c.v3_extensions().critical_extension_set(eku)) return "the TSA certificate's extKeyUsage is not critical";
    return {};
}

namespace {

// `expected` gives the imprint for the token's hash algorithm (nullopt: algorithm not accepted).
TokenCheck check(const core::Bytes& token,
                 const std::function<std::optional<Imprint>(const std::string&)>& expected_for,
                 const core::Bytes& nonce, KeyCache* keys) {
    TokenCheck c;
    DecodeOptions o;
    o.require_ess = true;  // RFC 3161 §2.4.2 / RFC 5816: signing-certificate(-v2) names the TSA certificate
    o.encapsulated_type = kTstInfo;
    o.keys = keys;
    c.cms = verify_detached(token, {}, o);
    if (c.cms.status != CmsStatus::Ok) {
        c.problem = "the token's CMS signature does not check out: " + c.cms.reason;
        return c;
    }
    try {
        c.info = decode_tst_info(c.cms.econtent);
    } catch (const core::Error& e) {
        c.problem = e.diagnostics().empty() ? "the token's TSTInfo does not decode" : e.diagnostics().front().message;
        return c;
    }
    const TstInfo& t = *c.info;
    const auto expected = expected_for(t.imprint.hash_oid);
    if (!expected) {
        c.problem = "the token's imprint uses an unsupported hash algorithm " + t.imprint.hash_oid;
        return c;
    }
    if (t.imprint.hash_oid != expected->hash_oid || t.imprint.hashed != expected->hashed) {
        c.problem = "the token's message imprint (" + hex(t.imprint.hashed) +
                    ") does not match the time-stamped data (" + hex(expected->hashed) + ")";
        return c;
    }
    if (!nonce.empty() && t.nonce != nonce) {
        c.problem = "the token does not echo the request's nonce";
        return c;
    }
    const Botan::X509_Certificate& tsa = *c.cms.signer;
    if (auto p = tsa_certificate_problem(tsa); !p.empty()) {
        c.problem = p;
        return c;
    }
    const auto from = static_cast<std::int64_t>(tsa.not_before().time_since_epoch());
    const auto until = static_cast<std::int64_t>(tsa.not_after().time_since_epoch());
    if (t.gen_time.seconds < from || t.gen_time.seconds > until) {
        c.problem =
            "the token's genTime " + core::format_iso(t.gen_time) + " is outside the TSA certificate's validity";
        return c;
    }
    return c;
}

}  // namespace

TokenCheck check_token(const core::Bytes& token, const Imprint& expected, const core::Bytes& nonce, KeyCache* keys) {
    return check(
        token, [&](const std::string&) { return std::optional<Imprint>(expected); }, nonce, keys);
}

TokenCheck check_token_over(const core::Bytes& token, const core::Bytes& data, KeyCache* keys) {
    const auto imprint_for = [&](const std::string& oid) -> std::optional<Imprint> {
        static const std::map<std::string, std::string> kNames = {{"2.16.840.1.101.3.4.2.1", "SHA-256"},
                                                                  {"2.16.840.1.101.3.4.2.2", "SHA-384"},
                                                                  {"2.16.840.1.101.3.4.2.3", "SHA-512"}};
        const auto it = kNames.find(oid);
        if (it == kNames.end()) return std::nullopt;
        auto h = Botan::HashFunction::create_or_throw(it->second);
        h->update(data.data(), data.size());
        const auto d = h->final();
        return Imprint{oid, core::Bytes(d.begin(), d.end())};
    };
    return check(token, imprint_for, {}, keys);
}

}  // namespace kansli::cms::tsp
