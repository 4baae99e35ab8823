// cms/merkle: RFC 6962 Merkle tree hashing against the published test vectors of Certificate
// Transparency (the eight leaves of certificate-transparency's merkle_tree_test), every inclusion
// path of trees up to 20 leaves, and paths that must not verify; the root attribute's OID and DER.
#include "cms/merkle.hpp"

#include <botan/hex.h>

#include <catch2/catch.hpp>

using namespace kansli;

namespace {

const std::vector<std::string> kLeaves = {"",
                                          std::string(1, '\x00'),
                                          "\x10",
                                          "\x20\x21",
                                          "\x30\x31",
                                          "\x40\x41\x42\x43",
                                          "\x50\x51\x52\x53\x54\x55\x56\x57",
                                          "\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f"};

// Roots of the first n leaves, n = 1..8 (RFC 6962 reference vectors).
const char* const kRoots[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                              "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                              "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                              "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                              "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                              "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                              "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

std::string hex(const cms::Hash& h) { return Botan::hex_encode(h.data(), h.size(), false); }

std::vector<cms::Hash> leaf_hashes(std::size_t n) {
    std::vector<cms::Hash> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(cms::merkle_leaf_hash(kLeaves[i % kLeaves.size()] + std::to_string(i / 8)));
    return out;
}

}  // namespace

TEST_CASE("merkle: roots equal the RFC 6962 reference vectors", "[cms][merkle]") {
    for (std::size_t n = 1; n <= 8; ++n) {
        std::vector<cms::Hash> leaves;
        for (std::size_t i = 0; i < n; ++i) leaves.push_back(cms::merkle_leaf_hash(kLeaves[i]));
        INFO("n = " << n);
        CHECK(hex(cms::merkle_root(leaves)) == kRoots[n - 1]);
    }
}

TEST_CASE("merkle: every inclusion path leads to the root, and only from its own place", "[cms][merkle]") {
    for (std::size_t n = 1; n <= 20; ++n) {
        const auto leaves = leaf_hashes(n);
        const auto root = cms::merkle_root(leaves);
        for (std::size_t i = 0; i < n; ++i) {
            INFO("n = " << n << ", i = " << i);
            const auto path = cms::merkle_path(leaves, i);
            CHECK(cms::merkle_root_from_path(i, n, leaves[i], path) == root);
            // Another leaf, another index or another size does not give the root.
            if (n > 1) {
                CHECK(cms::merkle_root_from_path(i, n, leaves[(i + 1) % n], path) != root);
                CHECK(cms::merkle_root_from_path((i + 1) % n, n, leaves[i], path) != root);
            }
            CHECK_FALSE(cms::merkle_root_from_path(n, n, leaves[i], path));
            if (!path.empty()) {
                auto forged = path;
                forged.back()[7] ^= 1;
                CHECK(cms::merkle_root_from_path(i, n, leaves[i], forged) != root);
                forged = path;
                forged.push_back(path.front());
                CHECK(cms::merkle_root_from_path(i, n, leaves[i], forged) != root);
            }
        }
    }
}

TEST_CASE("merkle: a leaf is not a node (domain separation)", "[cms][merkle]") {
    const auto a = cms::merkle_leaf_hash("a"), b = cms::merkle_leaf_hash("b");
    const auto node = cms::merkle_node_hash(a, b);
    std::string as_leaf(a.begin(), a.end());
    as_leaf.append(b.begin(), b.end());
    CHECK(cms::merkle_leaf_hash(as_leaf) != node);
}

TEST_CASE("merkle: the root attribute is 2.25.<uuid> with one 32-byte OCTET STRING", "[cms][merkle]") {
    const cms::Hash root(32, 0xAB);
    const auto der = cms::paragraph_root_attribute(root);
    // SEQUENCE { OID 2.25.120132306985079343803119048589250433791, SET { OCTET STRING } }: the OID
    // bytes are 0x69 (2*40+25) then the UUID's integer in base 128.
    const std::string h = Botan::hex_encode(der.data(), der.size(), false);
    CHECK(h.rfind("303a0614"
                  "6981b4e0d281debdf2b0819fda99c18dbad2a57f"
                  "3122"
                  "0420",
                  0) == 0);
    CHECK(cms::paragraph_root_of_value(std::vector<std::uint8_t>(der.end() - 34, der.end())) == root);
    CHECK_FALSE(cms::paragraph_root_of_value({0x04, 0x01, 0x00}));
    CHECK_THROWS(cms::paragraph_root_attribute(cms::Hash(31, 0)));
}
