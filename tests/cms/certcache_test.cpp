// cms/pubkey: KeyCache's certificates, kept by their full DER: the same bytes are parsed once, other
// bytes are another entry, the bound empties the cache, bytes Botan refuses are never kept, and
// concurrent requests share one parse. verify_detached takes the CMS's certificates from it, with
// the same result as a fresh parse. Also the OID text of the 64-bit reader against Botan's BigInt.
#include "cms/decode.hpp"
#include "cms/pubkey.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"

#include <botan/auto_rng.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/hex.h>
#include <botan/x509self.h>

#include <catch2/catch.hpp>

#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

using kansli::cms::KeyCache;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes der_of(const char* demo_name) {
    return Botan::X509_Certificate(kansli::test::source(std::string("keys/demo/") + demo_name + ".cert.pem"))
        .BER_encode();
}

// `n` distinct self-signed certificates (one P-256 key, a CN per certificate), as DER.
std::vector<Bytes> generated(std::size_t n) {
    Botan::AutoSeeded_RNG rng;
    const Botan::ECDSA_PrivateKey key(rng, Botan::EC_Group("secp256r1"));
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < n; ++i) {
        Botan::X509_Cert_Options opts("Cache test " + std::to_string(i) + "/SE/Kansli/Test");
        out.push_back(Botan::X509::create_self_signed_cert(opts, key, "SHA-256", rng).BER_encode());
    }
    return out;
}

}  // namespace

TEST_CASE("certificate cache: the same DER is parsed once, other DER is another entry", "[cms][pubkey][cache]") {
    KeyCache cache;
    const Bytes a = der_of("bjorn-sandal"), b = der_of("christian-ahren");
    const auto first = cache.certificate(a);
    const auto again = cache.certificate(a);
    CHECK(cache.certificate_parses() == 1);
    CHECK(cache.certificates_kept() == 1);
    CHECK(first.BER_encode() == a);
    CHECK(again == first);
    CHECK(again == Botan::X509_Certificate(a));  // what a fresh parse gives
    const auto other = cache.certificate(b);
    CHECK(cache.certificate_parses() == 2);
    CHECK(cache.certificates_kept() == 2);
    CHECK(other.BER_encode() == b);
    CHECK(other.subject_dn() != first.subject_dn());
    // The same certificate with one byte more (trailing data) is other bytes: its own entry.
    Bytes longer = a;
    longer.push_back(0);
    CHECK(cache.certificate(longer).BER_encode() == a);  // Botan reads the first certificate
    CHECK(cache.certificate_parses() == 3);
    CHECK(cache.certificates_kept() == 3);
    // A key cached for a cached certificate is the one of a freshly parsed one.
    CHECK(cache.key_of(first) == cache.key_of(Botan::X509_Certificate(a)));
    cache.clear();
    CHECK(cache.certificates_kept() == 0);
    cache.certificate(a);
    CHECK(cache.certificate_parses() == 4);
}

TEST_CASE("certificate cache: bytes Botan refuses throw every time and are not kept", "[cms][pubkey][cache]") {
    KeyCache cache;
    Bytes bad = der_of("bjorn-sandal");
    bad.resize(bad.size() / 2);  // truncated
    CHECK_THROWS(cache.certificate(bad));
    CHECK_THROWS(cache.certificate(bad));
    CHECK(cache.certificate_parses() == 2);
    // Larger than kMaxCertificateBytes: parsed (and refused here) on every request, never kept.
    Bytes huge(KeyCache::kMaxCertificateBytes + 1, 0x30);
    CHECK_THROWS(cache.certificate(huge));
    CHECK_THROWS(cache.certificate(huge));
    CHECK(cache.certificate_parses() == 4);
    CHECK(cache.certificates_kept() <= 1);  // at most the refused small one's slot
}

TEST_CASE("certificate cache: at most kMaxCertificates are kept", "[cms][pubkey][cache]") {
    const auto ders = generated(KeyCache::kMaxCertificates + 1);
    KeyCache cache;
    for (std::size_t i = 0; i < KeyCache::kMaxCertificates; ++i) cache.certificate(ders[i]);
    CHECK(cache.certificates_kept() == KeyCache::kMaxCertificates);
    cache.certificate(ders[5]);
    CHECK(cache.certificate_parses() == KeyCache::kMaxCertificates);  // still kept
    cache.certificate(ders.back());                                   // one more: the cache is emptied first
    CHECK(cache.certificates_kept() == 1);
    CHECK(cache.certificate_parses() == KeyCache::kMaxCertificates + 1);
    CHECK(cache.certificate(ders[5]).BER_encode() == ders[5]);  // forgotten: parsed again
    CHECK(cache.certificate_parses() == KeyCache::kMaxCertificates + 2);
    CHECK(cache.certificates_kept() == 2);
}

TEST_CASE("certificate cache: concurrent requests share one parse per certificate", "[cms][pubkey][cache]") {
    const std::vector<Bytes> ders = {der_of("bjorn-sandal"), der_of("christian-ahren"), der_of("katarina-nyberg-finn"),
                                     der_of("issuing")};
    KeyCache cache;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            std::mt19937 pick(static_cast<unsigned>(t));
            for (int i = 0; i < 200; ++i) {
                const Bytes& d = ders[pick() % ders.size()];
                if (cache.certificate(d).BER_encode() != d) ++wrong;
                if (!cache.key_of(cache.certificate(d))->valid()) ++wrong;
            }
        });
    }
    for (auto& th : threads) th.join();
    CHECK(wrong == 0);
    CHECK(cache.certificate_parses() == ders.size());
    CHECK(cache.certificates_kept() == ders.size());
}

TEST_CASE("certificate cache: verify_detached parses a CMS's certificates once per cache", "[cms][pubkey][cache]") {
    const auto content = kansli::core::read_file(kansli::test::data("verify/cms/content.bin"));
    const std::span<const std::uint8_t> part(content);
    const std::span<const std::span<const std::uint8_t>> parts(&part, 1);
    for (const char* file : {"rsa-sha256.der", "ecdsa-sha256.der", "otherkey.der", "two-signers.der"}) {
        const auto der = kansli::core::read_file(kansli::test::data(std::string("verify/cms/") + file));
        const auto fresh = kansli::cms::verify_detached(der, parts);  // a private cache per call
        KeyCache cache;
        kansli::cms::DecodeOptions opt;
        opt.keys = &cache;
        const auto one = kansli::cms::verify_detached(der, parts, opt);
        const std::size_t parses = cache.certificate_parses();
        const auto two = kansli::cms::verify_detached(der, parts, opt);
        INFO(file);
        CHECK(parses == fresh.certificates.size());
        CHECK(cache.certificate_parses() == parses);  // the second verification parsed nothing
        for (const auto* r : {&one, &two}) {
            CHECK(r->status == fresh.status);
            CHECK(r->reason == fresh.reason);
            CHECK(r->certificates == fresh.certificates);
            CHECK(r->signer == fresh.signer);
        }
    }
}

TEST_CASE("OID text: the 64-bit reader equals Botan's BigInt one", "[cms][oid]") {
    using kansli::cms::detail::oid_text;
    std::vector<Bytes> cases = {
        {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02},  // 1.2.840.113549.1.7.2
        {0x06},
        {0x27},
        {0x28},
        {0x4F},
        {0x50},
        {0x81, 0x00},  // 2.48
        {0x55, 0x1D, 0x0E},
        {0x80, 0x01},  // not minimal
        {0x2A, 0x86},  // truncated
        {},
    };
    // 2.25.<128-bit UUID>: arcs beyond 64 bits
    Bytes uuid = {0x69};
    for (int i = 0; i < 18; ++i) uuid.push_back(static_cast<std::uint8_t>(0x80 | (i * 7 + 1)));
    uuid.push_back(0x05);
    cases.push_back(uuid);
    // arcs around 2^56, 2^57, 2^63 and 2^64
    for (int groups : {8, 9, 10}) {
        for (std::uint8_t top : {0x01, 0x7F, 0x40}) {
            Bytes b = {0x2B, static_cast<std::uint8_t>(0x80 | top)};
            for (int i = 1; i < groups; ++i) b.push_back(0xFF);
            b.push_back(0x7F);
            b.push_back(0x03);
            cases.push_back(b);
        }
    }
    std::mt19937 rng(13);
    for (int i = 0; i < 3000; ++i) {
        Bytes b(1 + rng() % 24);
        for (auto& c : b) c = static_cast<std::uint8_t>(rng() % 4 == 0 ? rng() : (rng() | 0x80));
        if (rng() % 2) b.back() &= 0x7F;
        cases.push_back(b);
    }
    std::size_t valid = 0;
    for (const auto& c : cases) {
        const auto fast = oid_text(c, false), big = oid_text(c, true);
        INFO(Botan::hex_encode(c) << " fast " << fast.value_or("-") << " big " << big.value_or("-"));
        CHECK(fast == big);
        if (big) ++valid;
    }
    CHECK(oid_text(cases[0], false) == "1.2.840.113549.1.7.2");
    CHECK(oid_text(cases[6], false) == "2.48");
    CHECK(valid > 1000);
}
