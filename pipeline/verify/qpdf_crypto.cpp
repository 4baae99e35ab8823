#include "verify/qpdf_crypto.hpp"

#include <botan/block_cipher.h>
#include <botan/hash.h>
#include <botan/stream_cipher.h>
#include <botan/system_rng.h>
#include <qpdf/QPDFCryptoImpl.hh>
#include <qpdf/QPDFCryptoProvider.hh>

#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

// The stand-in for libqpdf's GnuTLS provider (see qpdf_crypto.hpp). Its constructor is the only
// symbol of QPDFCrypto_gnutls.o that the rest of libqpdf.a refers to (checked with nm). It is never
// run: install_qpdf_crypto() makes "botan" the default before any QPDF object exists.
class QPDFCrypto_gnutls : public QPDFCryptoImpl {
public:
    QPDFCrypto_gnutls();
};

QPDFCrypto_gnutls::QPDFCrypto_gnutls() {
    throw std::logic_error("kansli: qpdf's GnuTLS crypto provider is not linked; call install_qpdf_crypto() first");
}

namespace kansli::verify {

// Not in an anonymous namespace: it names the registerImpl specialisation below.
class BotanCrypto final : public QPDFCryptoImpl {
public:
    void provideRandomData(unsigned char* data, size_t len) override { Botan::system_rng().randomize(data, len); }

    void MD5_init() override { m_md5 = Botan::HashFunction::create_or_throw("MD5"); }
    void MD5_update(unsigned char const* data, size_t len) override { md5().update(data, len); }
    void MD5_finalize() override {
        if (m_md5) md5().final(m_md5_digest);
    }
    void MD5_digest(MD5_Digest out) override { std::memcpy(out, m_md5_digest, sizeof(m_md5_digest)); }

    void SHA2_init(int bits) override {
        if (bits != 256 && bits != 384 && bits != 512) throw std::logic_error("qpdf asked for SHA-" + std::to_string(bits));
        m_sha2 = Botan::HashFunction::create_or_throw("SHA-" + std::to_string(bits));
    }
    void SHA2_update(unsigned char const* data, size_t len) override { sha2().update(data, len); }
    void SHA2_finalize() override { m_sha2_digest = Botan::unlock(sha2().final()); }
    std::string SHA2_digest() override { return std::string(m_sha2_digest.begin(), m_sha2_digest.end()); }

    void RC4_init(unsigned char const* key_data, int key_len) override {
        const std::size_t n = key_len < 0 ? std::strlen(reinterpret_cast<const char*>(key_data))
                                          : static_cast<std::size_t>(key_len);
        m_rc4 = Botan::StreamCipher::create_or_throw("RC4");
        m_rc4->set_key(key_data, n);
    }
    void RC4_process(unsigned char const* in, size_t len, unsigned char* out) override {
        if (!m_rc4) throw std::logic_error("RC4_process before RC4_init");
        // qpdf passes out = nullptr to mean "in place".
        unsigned char* dst = out ? out : const_cast<unsigned char*>(in);
        if (dst != in) std::memcpy(dst, in, len);
        m_rc4->cipher1(dst, len);
    }
    void RC4_finalize() override { m_rc4.reset(); }

    // One 16-byte block per rijndael_process call. In CBC mode qpdf hands us its IV buffer and
    // expects the chaining value kept there (as qpdf's own native provider does).
    void rijndael_init(bool encrypt, unsigned char const* key, size_t key_len, bool cbc_mode,
                       unsigned char* cbc_block) override {
        if (key_len != 16 && key_len != 24 && key_len != 32) throw std::logic_error("AES key of a wrong length");
        m_aes = Botan::BlockCipher::create_or_throw("AES-" + std::to_string(key_len * 8));
        m_aes->set_key(key, key_len);
        m_encrypt = encrypt;
        m_cbc = cbc_mode;
        m_cbc_block = cbc_block;
    }
    void rijndael_process(unsigned char* in, unsigned char* out) override {
        if (!m_aes) throw std::logic_error("rijndael_process before rijndael_init");
        constexpr std::size_t n = rijndael_buf_size;
        unsigned char block[n];
        std::memcpy(block, in, n);
        if (m_encrypt) {
            if (m_cbc) {
                for (std::size_t i = 0; i < n; ++i) block[i] ^= m_cbc_block[i];
            }
            m_aes->encrypt(block);
            if (m_cbc) std::memcpy(m_cbc_block, block, n);
            std::memcpy(out, block, n);
        } else {
            unsigned char cipher[n];
            std::memcpy(cipher, block, n);
            m_aes->decrypt(block);
            if (m_cbc) {
                for (std::size_t i = 0; i < n; ++i) block[i] ^= m_cbc_block[i];
                std::memcpy(m_cbc_block, cipher, n);
            }
            std::memcpy(out, block, n);
        }
    }
    void rijndael_finalize() override { m_aes.reset(); }

private:
    Botan::HashFunction& md5() {
        if (!m_md5) throw std::logic_error("MD5 used before MD5_init");
        return *m_md5;
    }
    Botan::HashFunction& sha2() {
        if (!m_sha2) throw std::logic_error("SHA-2 used before SHA2_init");
        return *m_sha2;
    }

    std::unique_ptr<Botan::HashFunction> m_md5, m_sha2;
    unsigned char m_md5_digest[16] = {};
    std::vector<std::uint8_t> m_sha2_digest;
    std::unique_ptr<Botan::StreamCipher> m_rc4;
    std::unique_ptr<Botan::BlockCipher> m_aes;
    bool m_encrypt = false, m_cbc = false;
    unsigned char* m_cbc_block = nullptr;
};

}  // namespace kansli::verify

// libqpdf declares registerImpl<T> in its header but defines it only in its .cc, for its own
// providers: an explicit specialisation for ours, written as qpdf's own definition is (a member,
// so it may use the registry).
template <>
void QPDFCryptoProvider::registerImpl<kansli::verify::BotanCrypto>(std::string const& name) {
    getInstance().m->providers[name] = [] { return std::make_shared<kansli::verify::BotanCrypto>(); };
}

namespace kansli::verify {

void install_qpdf_crypto() {
    static std::once_flag once;  // qpdf's registry is process-wide; so is this registration
    std::call_once(once, [] {
        QPDFCryptoProvider::registerImpl<BotanCrypto>("botan");
        QPDFCryptoProvider::setDefaultProvider("botan");
    });
}

}  // namespace kansli::verify
