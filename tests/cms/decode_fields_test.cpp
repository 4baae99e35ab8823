// cms/decode: the SignedData fields no signature covers (the versions, digestAlgorithms) are
// checked against what they describe (RFC 5652 §5.1, §5.3): a flipped byte there must fail.
#include "cms/decode.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <utility>

using kansli::cms::CmsStatus;

namespace {

using Bytes = kansli::core::Bytes;

Bytes load(const std::string& name) { return kansli::core::read_file(kansli::test::data("verify/cms/" + name)); }

kansli::cms::CmsResult check(const Bytes& der) {
    static const Bytes content = load("content.bin");
    std::span<const std::uint8_t> part(content);
    return kansli::cms::verify_detached(der, std::span<const std::span<const std::uint8_t>>(&part, 1));
}

// A DER element at `at`: {offset of its contents, offset after it}.
std::pair<std::size_t, std::size_t> tlv(const Bytes& der, std::size_t at) {
    REQUIRE(at + 2 <= der.size());
    std::size_t len = der[at + 1], head = 2;
    if (len & 0x80) {
        const std::size_t n = len & 0x7F;
        len = 0;
        for (std::size_t i = 0; i < n; ++i) len = len << 8 | der[at + 2 + i];
        head += n;
    }
    return {at + head, at + head + len};
}

struct Fields {
    std::pair<std::size_t, std::size_t> version, digest_algorithms, signer_info_version;  ///< [begin, end) whole TLVs
};

// ContentInfo { OID, [0] { SignedData { version, digestAlgorithms, encap, [0] certs, signerInfos } } }
Fields locate(const Bytes& der) {
    const auto ci = tlv(der, 0);
    const auto wrap = tlv(der, tlv(der, ci.first).second);  // after the contentType OID
    const auto sd = tlv(der, wrap.first);
    Fields f;
    f.version = {sd.first, tlv(der, sd.first).second};
    f.digest_algorithms = {f.version.second, tlv(der, f.version.second).second};
    std::size_t at = f.digest_algorithms.second, last = at;
    while (at < sd.second) {
        last = at;
        at = tlv(der, at).second;
    }
    const auto infos = tlv(der, last);              // signerInfos SET
    const auto first_info = tlv(der, infos.first);  // SignerInfo SEQUENCE
    f.signer_info_version = {first_info.first, tlv(der, first_info.first).second};
    return f;
}

}  // namespace

TEST_CASE("cms: every flipped byte of the versions and of digestAlgorithms fails", "[cms]") {
    for (const char* name : {"rsa-sha256.der", "ecdsa-sha256.der", "rsa-sha384.der"}) {
        const Bytes der = load(name);
        REQUIRE(check(der).status == CmsStatus::Ok);
        const Fields f = locate(der);
        REQUIRE(der[f.version.first] == 0x02);
        REQUIRE(der[f.digest_algorithms.first] == 0x31);
        REQUIRE(der[f.signer_info_version.first] == 0x02);
        std::size_t tried = 0;
        for (const auto& [begin, end] : {f.version, f.digest_algorithms, f.signer_info_version}) {
            for (std::size_t i = begin; i < end; ++i) {
                for (const std::uint8_t mask : {0x01, 0x02, 0x80, 0xFF}) {
                    Bytes bad = der;
                    bad[i] ^= mask;
                    const auto r = check(bad);
                    INFO(name << ": byte " << i << " ^ " << int(mask) << ": " << r.reason);
                    CHECK(r.status != CmsStatus::Ok);
                    ++tried;
                }
            }
        }
        CHECK(tried >= 4 * (3 + 13 + 3));
    }
}

TEST_CASE("cms: a well-formed but wrong version or digest list names the rule", "[cms]") {
    const Bytes der = load("rsa-sha256.der");
    const Fields f = locate(der);
    SECTION("SignedData version 3 for a detached id-data signature by issuerAndSerialNumber") {
        Bytes bad = der;
        bad[f.version.second - 1] = 3;
        const auto r = check(bad);
        CHECK(r.status == CmsStatus::Malformed);
        CHECK(r.reason.find("SignedData version 3 where RFC 5652 §5.1 requires 1") != std::string::npos);
    }
    SECTION("SignerInfo version 3 with an issuerAndSerialNumber") {
        Bytes bad = der;
        bad[f.signer_info_version.second - 1] = 3;
        const auto r = check(bad);
        CHECK(r.status == CmsStatus::Malformed);
        CHECK(r.reason.find("SignerInfo version 3") != std::string::npos);
    }
    SECTION("digestAlgorithms lists SHA-384 where the SignerInfo uses SHA-256") {
        Bytes bad = der;
        // id-sha256 ends in ...04 02 01; id-sha384 in ...04 02 02 (still valid DER).
        std::size_t oid_last = 0;
        for (std::size_t i = f.digest_algorithms.first; i < f.digest_algorithms.second; ++i) {
            if (bad[i] == 0x04 && bad[i + 1] == 0x02 && bad[i + 2] == 0x01) oid_last = i + 2;
        }
        REQUIRE(oid_last != 0);
        bad[oid_last] = 0x02;
        const auto r = check(bad);
        CHECK(r.status == CmsStatus::Malformed);
        CHECK(r.reason.find("digestAlgorithms does not list the SignerInfo's SHA-256") != std::string::npos);
    }
}
