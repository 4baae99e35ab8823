#include "sign/identity.hpp"

#include "cms/pki_files.hpp"

#include <botan/system_rng.h>
#include <botan/data_src.h>
#include <botan/ecdsa.h>
#include <botan/pk_keys.h>
#include <botan/pkcs8.h>
#include <botan/pubkey.h>
#include <botan/pkix_types.h>
#include <botan/x509cert.h>

#include <string_view>

namespace kansli::sign {
namespace {

constexpr const char* kP256 = "1.2.840.10045.3.1.7";  // secp256r1
constexpr std::string_view kEncryptedLabel = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

[[noreturn]] void fail(const std::string& file, const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, "key", core::SourceLoc{file, 0, 0}, message, std::move(hint));
}

std::string_view as_text(const core::Bytes& b) {
    return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

core::Bytes der_of(const Botan::X509_Certificate& c) {
    const auto v = c.BER_encode();
    return core::Bytes(v.begin(), v.end());
}

}  // namespace

// Outside the anonymous namespace: Identity::Impl, which has external linkage, holds it.
struct KeyType {
    cms::SignatureAlgorithm algorithm = cms::SignatureAlgorithm::Unknown;
    std::size_t max_sig = 0;
};

namespace {

// The signature algorithm and size of a key kansli signs with: RSA of 2048 bits or more, ECDSA P-256.
KeyType key_type(const Botan::Public_Key& key, const std::string& path) {
    const std::string algo = key.algo_name();
    if (algo == "RSA") {
        if (key.key_length() < 2048) fail(path, "RSA keys shorter than 2048 bits are refused");
        return {cms::SignatureAlgorithm::RsaPkcs1Sha256, (key.key_length() + 7) / 8};
    }
    if (algo == "ECDSA") {
        const auto* ec = dynamic_cast<const Botan::ECDSA_PublicKey*>(&key);
        if (!ec || ec->domain().get_curve_oid() != Botan::OID(kP256)) {
            fail(path, "only the ECDSA curve P-256 is supported");
        }
        return {cms::SignatureAlgorithm::EcdsaP256Sha256, 72};  // SEQUENCE { INTEGER r, INTEGER s }, each <= 33 bytes
    }
    fail(path, "unsupported key type " + algo, "use an RSA (2048 bits or more) or an ECDSA P-256 key");
}

}  // namespace

// Outside the anonymous namespace: Identity::Impl, which has external linkage, holds it.
struct CertFacts {
    core::Bytes cert;
    std::vector<core::Bytes> chain;
    std::string cn;
    std::string organization;
    core::Instant not_before;
    core::Instant not_after;
};

namespace {

// The signer certificate (first) and its chain (no self-signed root), and what is read from it.
CertFacts cert_facts(const std::vector<Botan::X509_Certificate>& certs) {
    const auto& leaf = certs.front();
    CertFacts f;
    f.cert = der_of(leaf);
    for (std::size_t i = 1; i < certs.size(); ++i) {
        if (!certs[i].is_self_signed()) f.chain.push_back(der_of(certs[i]));
    }
    f.cn = leaf.subject_dn().get_first_attribute("CN");
    f.organization = leaf.subject_dn().get_first_attribute("O");
    f.not_before = core::Instant{static_cast<std::int64_t>(leaf.not_before().time_since_epoch())};
    f.not_after = core::Instant{static_cast<std::int64_t>(leaf.not_after().time_since_epoch())};
    return f;
}

}  // namespace

bool is_encrypted_key_pem(const core::Bytes& key_pem) {
    return as_text(key_pem).find(kEncryptedLabel) != std::string_view::npos;
}

struct Identity::Impl {
    Botan::System_RNG rng;  // the kernel RNG: no DRBG seeding cost per process
    std::unique_ptr<Botan::Private_Key> key;
    std::unique_ptr<Botan::PK_Signer> signer;
    KeyType type;
    CertFacts facts;
};

Identity::Identity(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Identity::Identity(Identity&&) noexcept = default;
Identity& Identity::operator=(Identity&&) noexcept = default;
Identity::~Identity() = default;

Identity Identity::certificate_only(const core::Bytes& cert_pem, const std::string& cert_path) {
    auto impl = std::make_unique<Impl>();
    auto certs = cms::parse_certificates(
        cert_pem, cert_path, {core::ExitCode::Invalid, "key", "give the signer certificate first, then its chain"});
    std::unique_ptr<Botan::Public_Key> key;
    try {
        key = certs.front().load_subject_public_key();
    } catch (const std::exception& e) {
        fail(cert_path, std::string("cannot read the certificate's public key: ") + e.what());
    }
    impl->type = key_type(*key, cert_path);
    impl->facts = cert_facts(certs);
    return Identity(std::move(impl));
}

Identity Identity::load(const core::Bytes& key_pem, const core::Bytes& cert_pem,
                        const std::optional<std::string>& passphrase, core::DiagSink& diags,
                        const std::string& key_path, const std::string& cert_path) {
    auto impl = std::make_unique<Impl>();
    const bool encrypted = is_encrypted_key_pem(key_pem);
    try {
        Botan::DataSource_Memory src(key_pem.data(), key_pem.size());
        if (encrypted) {
            if (!passphrase)
                fail(key_path, "the private key is encrypted and no passphrase was given",
                     "use --passphrase-file FILE or set KANSLI_PASSPHRASE");
            impl->key = Botan::PKCS8::load_key(src, *passphrase);
        } else {
            impl->key = Botan::PKCS8::load_key(src);
        }
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {
        if (encrypted) {
            fail(key_path, "cannot decrypt the private key (wrong passphrase?)", e.what());
        }
        fail(key_path, std::string("cannot read the private key: ") + e.what(),
             "expected a PKCS#8 PEM key (BEGIN ENCRYPTED PRIVATE KEY or BEGIN PRIVATE KEY)");
    }
    if (!impl->key) fail(key_path, "cannot read the private key");
    if (!encrypted) {
        diags.warning("key", core::SourceLoc{key_path, 0, 0}, "the private key is not encrypted",
                      "protect it: openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }

    const std::string algo = impl->key->algo_name();
    impl->type = key_type(*impl->key, key_path);
    if (algo == "RSA") {
        impl->signer = std::make_unique<Botan::PK_Signer>(*impl->key, impl->rng, "EMSA3(Raw,SHA-256)");
    } else {
        // "Raw": the input is already the SHA-256 digest; the nonce is RFC 6979 (deterministic).
        impl->signer = std::make_unique<Botan::PK_Signer>(*impl->key, impl->rng, "Raw", Botan::DER_SEQUENCE);
    }

    auto certs = cms::parse_certificates(
        cert_pem, cert_path, {core::ExitCode::Invalid, "key", "give the signer certificate first, then its chain"});
    const auto& leaf = certs.front();
    try {
        // The certificate's key bits as they stand equal the private key's public half in the usual
        // case; comparing bytes spares parsing the key (for RSA a constant-time Montgomery set-up,
        // ~0.4 ms of every `kansli sign`). Otherwise (e.g. a compressed EC point) parse and compare.
        const auto own_bits = impl->key->public_key_bits();
        const bool same_bytes =
            leaf.subject_public_key_algo().get_oid() == impl->key->algorithm_identifier().get_oid() &&
            leaf.subject_public_key_bitstring() == own_bits;
        const auto cert_key = same_bytes ? nullptr : leaf.load_subject_public_key();
        if (!same_bytes && (cert_key->algo_name() != algo || cert_key->public_key_bits() != own_bits)) {
            fail(key_path, "the private key does not match the certificate " + cert_path,
                 "give the key and certificate of the same signer");
        }
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {
        fail(cert_path, std::string("cannot read the certificate's public key: ") + e.what());
    }
    impl->facts = cert_facts(certs);
    return Identity(std::move(impl));
}

cms::SignatureAlgorithm Identity::algorithm() const { return m_impl->type.algorithm; }
std::size_t Identity::max_signature_size() const { return m_impl->type.max_sig; }
const core::Bytes& Identity::certificate() const { return m_impl->facts.cert; }
const std::vector<core::Bytes>& Identity::chain() const { return m_impl->facts.chain; }
const std::string& Identity::common_name() const { return m_impl->facts.cn; }
const std::string& Identity::organization() const { return m_impl->facts.organization; }
core::Instant Identity::not_before() const { return m_impl->facts.not_before; }
core::Instant Identity::not_after() const { return m_impl->facts.not_after; }

core::Bytes Identity::sign_digest(const core::Bytes& digest) {
    if (!m_impl->signer) {
        throw core::Error(core::ExitCode::Invalid, "key", {},
                          "no private key: the certificate of " + m_impl->facts.cn + " was given without its key",
                          "an external key signs the digest of kansli sign --prepare; then kansli sign --complete");
    }
    try {
        const auto sig = m_impl->signer->sign_message(digest.data(), digest.size(), m_impl->rng);
        return core::Bytes(sig.begin(), sig.end());
    } catch (const std::exception& e) {
        throw core::Error(core::ExitCode::Invalid, "key", {}, std::string("signing failed: ") + e.what());
    }
}

void Identity::check_valid_at(core::Instant t) const {
    if (t < m_impl->facts.not_before || t > m_impl->facts.not_after) {
        throw core::Error(core::ExitCode::Invalid, "certificate", {},
                          "the certificate of " + m_impl->facts.cn + " is not valid at " + core::format_iso(t) +
                              " (valid " + core::format_iso(m_impl->facts.not_before) + " to " +
                              core::format_iso(m_impl->facts.not_after) + ")",
                          "use a certificate valid at the signing time, or a --date inside its validity");
    }
}

}  // namespace kansli::sign
