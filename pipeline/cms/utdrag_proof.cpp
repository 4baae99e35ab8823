#include "cms/utdrag_proof.hpp"

#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/der_enc.h>

namespace kansli::cms {

core::Bytes encode_utdrag_proof(const UtdragProof& p) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder der(out);
    der.start_cons(Botan::SEQUENCE)
        .encode(static_cast<std::size_t>(1))
        .encode(static_cast<std::size_t>(p.tree_size))
        .encode(p.root, Botan::OCTET_STRING)
        .start_cons(Botan::SEQUENCE);
    for (const auto& leaf : p.leaves) {
        der.start_cons(Botan::SEQUENCE)
            .encode(static_cast<std::size_t>(leaf.index))
            .encode(std::vector<std::uint8_t>(leaf.data.begin(), leaf.data.end()), Botan::OCTET_STRING)
            .start_cons(Botan::SEQUENCE);
        for (const auto& h : leaf.path) der.encode(h, Botan::OCTET_STRING);
        der.end_cons().end_cons();
    }
    der.end_cons().start_cons(Botan::SEQUENCE);
    for (const auto& s : p.signatures) der.encode(s, Botan::OCTET_STRING);
    der.end_cons().end_cons();
    return core::Bytes(out.begin(), out.end());
}

namespace {

std::uint64_t small_integer(Botan::BER_Decoder& d) {
    Botan::BigInt n;
    d.decode(n);
    if (n.is_negative() || n.bits() > 32) throw std::invalid_argument("an integer out of range");
    return n.to_u32bit();
}

std::vector<std::uint8_t> octets(Botan::BER_Decoder& d) {
    std::vector<std::uint8_t> v;
    d.decode(v, Botan::OCTET_STRING);
    return v;
}

}  // namespace

std::optional<UtdragProof> decode_utdrag_proof(const std::string& der, std::string& why) {
    try {
        UtdragProof p;
        Botan::BER_Decoder top(reinterpret_cast<const std::uint8_t*>(der.data()), der.size());
        Botan::BER_Decoder seq = top.start_cons(Botan::SEQUENCE);
        top.verify_end();
        if (small_integer(seq) != 1) throw std::invalid_argument("unknown version");
        p.tree_size = small_integer(seq);
        p.root = octets(seq);
        Botan::BER_Decoder leaves = seq.start_cons(Botan::SEQUENCE);
        while (leaves.more_items()) {
            if (p.leaves.size() >= kMaxProofLeaves) throw std::invalid_argument("too many leaves");
            Botan::BER_Decoder l = leaves.start_cons(Botan::SEQUENCE);
            ProofLeaf leaf;
            leaf.index = small_integer(l);
            const auto data = octets(l);
            leaf.data.assign(data.begin(), data.end());
            Botan::BER_Decoder path = l.start_cons(Botan::SEQUENCE);
            while (path.more_items()) {
                if (leaf.path.size() >= kMaxProofPath) throw std::invalid_argument("an inclusion path too long");
                leaf.path.push_back(octets(path));
            }
            path.end_cons();
            l.end_cons();
            p.leaves.push_back(std::move(leaf));
        }
        leaves.end_cons();
        Botan::BER_Decoder sigs = seq.start_cons(Botan::SEQUENCE);
        while (sigs.more_items()) {
            if (p.signatures.size() >= kMaxProofSignatures) throw std::invalid_argument("too many signatures");
            p.signatures.push_back(octets(sigs));
        }
        sigs.end_cons();
        seq.end_cons();
        return p;
    } catch (const std::exception& e) {
        why = std::string("the extract's proof is malformed: ") + e.what();
        return std::nullopt;
    }
}

}  // namespace kansli::cms
