// cms/decode: detached CMS made by openssl cms -sign (tests/data/verify/make-fixtures.sh).
#include "cms/decode.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

using kansli::cms::CmsStatus;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace decode_test {

namespace {

kansli::core::Bytes load(const std::string& name) {
    return kansli::core::read_file(kansli::test::data("verify/cms/" + name));
}

kansli::cms::CmsResult check(const std::string& name, const kansli::core::Bytes& content,
                             kansli::cms::DecodeOptions opt = {}) {
    const auto der = load(name);
    std::span<const std::uint8_t> part(content);
    return kansli::cms::verify_detached(der, std::span<const std::span<const std::uint8_t>>(&part, 1), opt);
}

}  // namespace

TEST_CASE("openssl-made detached CMS: status per file", "[cms]") {
    const auto content = load("content.bin");
    struct Case {
        const char* file;
        bool require_ess;
        bool allow_repeats;
        CmsStatus want;
        const char* digest;
    };
    const Case cases[] = {
        {"rsa-sha256.der", true, false, CmsStatus::Ok, "SHA-256"},
        {"rsa-sha384.der", true, false, CmsStatus::Ok, "SHA-384"},
        {"rsa-sha512.der", false, false, CmsStatus::Ok, "SHA-512"},
        {"ecdsa-sha256.der", true, false, CmsStatus::Ok, "SHA-256"},
        {"noattrs-rsa.der", false, false, CmsStatus::Ok, "SHA-256"},
        {"rsa-sha512.der", true, false, CmsStatus::EssMissing, ""},
        {"nocerts.der", false, false, CmsStatus::NoCertificates, ""},
        {"wrongdigest.der", false, false, CmsStatus::DigestMismatch, ""},
        {"otherkey.der", false, false, CmsStatus::BadSignature, ""},
        {"otherkey-cades.der", false, false, CmsStatus::EssMismatch, ""},
        {"two-signers.der", false, false, CmsStatus::Malformed, ""},
        {"two-signers.der", false, true, CmsStatus::Malformed, ""},  // two different signers
    };
    for (const auto& c : cases) {
        kansli::cms::DecodeOptions opt;
        opt.require_ess = c.require_ess;
        opt.allow_same_signer_repeats = c.allow_repeats;
        const auto r = check(c.file, content, opt);
        INFO(c.file << ": " << r.reason);
        CHECK(r.status == c.want);
        if (c.want == CmsStatus::Ok) {
            CHECK(r.digest_algorithm == c.digest);
            REQUIRE(r.signer.has_value());
            CHECK(!r.signer->subject_dn().get_first_attribute("CN").empty());
        } else {
            CHECK(!r.reason.empty());
        }
    }
}

TEST_CASE("cms: a changed content byte is a digest mismatch; padding is allowed, garbage is not", "[cms]") {
    auto content = load("content.bin");
    REQUIRE(check("rsa-sha256.der", content).status == CmsStatus::Ok);
    auto padded = load("rsa-sha256.der");
    padded.resize(padded.size() + 100, 0);
    std::span<const std::uint8_t> part(content);
    auto parts = std::span<const std::span<const std::uint8_t>>(&part, 1);
    CHECK(kansli::cms::verify_detached(padded, parts).status == CmsStatus::Ok);
    padded.back() = 1;
    CHECK(kansli::cms::verify_detached(padded, parts).status == CmsStatus::Malformed);
    content[3] ^= 1;
    CHECK(check("rsa-sha256.der", content).status == CmsStatus::DigestMismatch);
}

TEST_CASE("cms: every truncation and many byte flips are handled without throwing", "[cms]") {
    const auto content = load("content.bin");
    const auto der = load("ecdsa-sha256.der");
    std::span<const std::uint8_t> part(content);
    auto parts = std::span<const std::span<const std::uint8_t>>(&part, 1);
    int ok = 0;
    for (std::size_t n = 0; n < der.size(); ++n) {
        auto cut = std::vector<std::uint8_t>(der.begin(), der.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK(kansli::cms::verify_detached(cut, parts).status != CmsStatus::Ok);
    }
    for (std::size_t i = 0; i < der.size(); i += 3) {
        auto flipped = der;
        flipped[i] ^= 0x41;
        if (kansli::cms::verify_detached(flipped, parts).status == CmsStatus::Ok) ++ok;
    }
    // A flip may only go unnoticed in bytes no check covers (e.g. unused certificate fields of the
    // issuing CA, which the chain check in verify/ judges); never in the signer's data.
    CHECK(ok < static_cast<int>(der.size() / 3 / 4));
}

TEST_CASE("cms: a signer key weaker than 110 bits of security is refused (RSA 1024), RSA 2048 passes", "[cms]") {
    const std::string dir = kansli::test::temp_dir("cms-weak");
    const std::string content = dir + "/content.bin";
    kansli::core::write_file_atomic(content, kansli::core::Bytes{'k', 'a', 'n', 's', 'l', 'i'});
    for (const int bits : {1024, 2048}) {
        const std::string tag = dir + "/rsa" + std::to_string(bits);
        auto r =
            kansli::test::run({"openssl", "req", "-x509", "-newkey", "rsa:" + std::to_string(bits), "-nodes", "-keyout",
                               tag + ".key", "-out", tag + ".pem", "-subj", "/CN=Weak Signer", "-days", "30"});
        REQUIRE(r.exit_code == 0);
        r = kansli::test::run({"openssl", "cms", "-sign", "-binary", "-outform", "DER", "-in", content, "-out",
                               tag + ".der", "-md", "sha256", "-nosmimecap", "-signer", tag + ".pem", "-inkey",
                               tag + ".key"});
        REQUIRE(r.exit_code == 0);
        const auto der = kansli::core::read_file(tag + ".der");
        const auto data = kansli::core::read_file(content);
        std::span<const std::uint8_t> part(data);
        const auto res = kansli::cms::verify_detached(der, std::span<const std::span<const std::uint8_t>>(&part, 1));
        INFO(bits << ": " << res.reason);
        if (bits == 1024) {
            CHECK(res.status == CmsStatus::Unsupported);
            CHECK(res.reason.find("too weak") != std::string::npos);
        } else {
            CHECK(res.status == CmsStatus::Ok);
        }
    }
}

}  // namespace decode_test
