// The message digests of a document's signatures, each file byte hashed once per hash function.
// Signature k covers pdf[0, b1) and pdf[b2, end) of its revision, and every later signature's
// first range contains all of it: hashing each range apart hashed a three-signature protokoll
// about three times over. Here one hash runs over the file in order of b1, and at each signature's
// b1 a copy of its state (Botan HashFunction::copy_state) goes on with that signature's second
// range. The digests are Botan's, of exactly the bytes the signature covers (tests compare them
// with a separate hash of each range); cms::verify_detached compares them with the message-digest
// attribute as before (DecodeOptions::content_digest).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kansli::verify {

class RangeDigests {
public:
    /// pdf[0, prefix) followed by pdf[tail, end); requires prefix <= tail <= end <= pdf.size().
    struct Range {
        std::size_t prefix = 0;
        std::size_t tail = 0;
        std::size_t end = 0;
    };

    /// `pdf` is not copied: it must outlive this. Ranges that break the requirement are left out
    /// (digest() gives nullopt for them).
    RangeDigests(std::span<const std::uint8_t> pdf, const std::vector<Range>& ranges);

    /// The digest with Botan hash `name` ("SHA-256", ...) of ranges[i]; nullopt when Botan does
    /// not know the name or the range was left out (the caller then hashes itself). The first
    /// request for a name computes that hash of every range; thread-safe (others wait for it).
    std::optional<std::vector<std::uint8_t>> digest(std::size_t i, const std::string& name);

private:
    std::span<const std::uint8_t> m_pdf;
    std::vector<std::optional<Range>> m_ranges;
    std::mutex m_mutex;
    std::map<std::string, std::vector<std::vector<std::uint8_t>>> m_digests;  ///< by hash name, per range
};

}  // namespace kansli::verify
