#include "archive/digest.hpp"

#include <botan/hash.h>
#include <botan/hex.h>

namespace kansli::archive {

std::string sha256_hex(std::span<const std::uint8_t> data) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(data.data(), data.size());
    return Botan::hex_encode(h->final(), false);
}

std::string sha256_hex(std::string_view data) {
    return sha256_hex(std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(data.data()), data.size()));
}

std::string objid_from_sha256(const std::string& sha256) {
    std::string h = sha256.substr(0, 32);
    h[12] = '8';  // version 8
    static const char* kHex = "0123456789abcdef";
    const int nibble = std::stoi(h.substr(16, 1), nullptr, 16);
    h[16] = kHex[8 | (nibble & 3)];  // variant 10xx
    return "uuid-" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" +
           h.substr(20, 12);
}

unsigned shard_of(const std::string& identity_hex, unsigned n) {
    const unsigned long long v = std::stoull(identity_hex.substr(0, 15), nullptr, 16);
    return static_cast<unsigned>(v % n) + 1;
}

}  // namespace kansli::archive
