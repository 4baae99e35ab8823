#include "cms/merkle.hpp"

#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/hash.h>

#include <span>
#include <stdexcept>

namespace kansli::cms {
namespace {

Hash sha256(std::uint8_t prefix, std::span<const std::uint8_t> a, std::span<const std::uint8_t> b = {}) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(prefix);
    h->update(a.data(), a.size());
    h->update(b.data(), b.size());
    const auto out = h->final();
    return Hash(out.begin(), out.end());
}

// The largest power of two smaller than n (n >= 2).
std::size_t split_point(std::size_t n) {
    std::size_t k = 1;
    while (k * 2 < n) k *= 2;
    return k;
}

Hash root_of(const std::vector<Hash>& d, std::size_t from, std::size_t to) {
    if (to - from == 1) return d[from];
    const std::size_t k = split_point(to - from);
    return merkle_node_hash(root_of(d, from, from + k), root_of(d, from + k, to));
}

void path_of(const std::vector<Hash>& d, std::size_t m, std::size_t from, std::size_t to, std::vector<Hash>& out) {
    if (to - from <= 1) return;
    const std::size_t k = split_point(to - from);
    if (m < k) {
        path_of(d, m, from, from + k, out);
        out.push_back(root_of(d, from + k, to));
    } else {
        path_of(d, m - k, from + k, to, out);
        out.push_back(root_of(d, from, from + k));
    }
}

}  // namespace

Hash merkle_leaf_hash(const std::string& data) {
    return sha256(0x00, {reinterpret_cast<const std::uint8_t*>(data.data()), data.size()});
}

Hash merkle_node_hash(const Hash& left, const Hash& right) { return sha256(0x01, left, right); }

Hash merkle_root(const std::vector<Hash>& leaves) {
    if (leaves.empty()) throw std::invalid_argument("a Merkle tree needs at least one leaf");
    return root_of(leaves, 0, leaves.size());
}

std::vector<Hash> merkle_path(const std::vector<Hash>& leaves, std::size_t index) {
    if (index >= leaves.size()) throw std::invalid_argument("leaf index out of range");
    std::vector<Hash> out;
    path_of(leaves, index, 0, leaves.size(), out);
    return out;
}

std::optional<Hash> merkle_root_from_path(std::size_t index, std::size_t size, const Hash& leaf,
                                          const std::vector<Hash>& path) {
    if (index >= size || leaf.size() != 32) return std::nullopt;
    std::size_t fn = index, sn = size - 1;
    Hash r = leaf;
    for (const Hash& p : path) {
        if (sn == 0 || p.size() != 32) return std::nullopt;
        if ((fn & 1) == 1 || fn == sn) {
            r = merkle_node_hash(p, r);
            if ((fn & 1) == 0) {
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
        } else {
            r = merkle_node_hash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    if (sn != 0) return std::nullopt;
    return r;
}

core::Bytes paragraph_root_attribute(const Hash& root) {
    if (root.size() != 32) throw std::invalid_argument("the paragraph root must be 32 bytes");
    std::vector<std::uint8_t> out;
    // The OID's DER written out: Botan 2's OID holds 32-bit arcs only (the UUID arc has 128 bits).
    static const std::vector<std::uint8_t> kOidDer = {0x06, 0x14, 0x69, 0x81, 0xb4, 0xe0, 0xd2, 0x81, 0xde, 0xbd, 0xf2,
                                                      0xb0, 0x81, 0x9f, 0xda, 0x99, 0xc1, 0x8d, 0xba, 0xd2, 0xa5, 0x7f};
    Botan::DER_Encoder(out)
        .start_cons(Botan::SEQUENCE)
        .raw_bytes(kOidDer)
        .start_cons(Botan::SET)
        .encode(root, Botan::OCTET_STRING)
        .end_cons()
        .end_cons();
    return core::Bytes(out.begin(), out.end());
}

std::optional<Hash> paragraph_root_of_value(const std::vector<std::uint8_t>& value_der) {
    try {
        std::vector<std::uint8_t> root;
        Botan::BER_Decoder dec(value_der);
        dec.decode(root, Botan::OCTET_STRING).verify_end();
        if (root.size() != 32) return std::nullopt;
        return Hash(root.begin(), root.end());
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

}  // namespace kansli::cms
