// verify/digests: the one-pass digests of overlapping signature ranges equal a separate Botan hash
// of each range's bytes (random files and ranges: nested like successive signatures, equal,
// empty, out of order, refused), for SHA-256/384/512, from several threads at once.
#include "verify/digests.hpp"

#include <botan/hash.h>

#include <catch2/catch.hpp>

#include <random>
#include <thread>
#include <vector>

using kansli::verify::RangeDigests;
using Bytes = std::vector<std::uint8_t>;

namespace {

Bytes separately(const Bytes& pdf, const RangeDigests::Range& r, const std::string& name) {
    auto h = Botan::HashFunction::create_or_throw(name);
    h->update(pdf.data(), r.prefix);
    h->update(pdf.data() + r.tail, r.end - r.tail);
    const auto d = h->final();
    return Bytes(d.begin(), d.end());
}

}  // namespace

TEST_CASE("range digests: one pass gives each range's own digest", "[verify][digests]") {
    std::mt19937 rng(13);
    std::size_t compared = 0, refused = 0;
    for (int round = 0; round < 200; ++round) {
        Bytes pdf(1 + rng() % 5000);
        for (auto& b : pdf) b = static_cast<std::uint8_t>(rng());
        std::vector<RangeDigests::Range> ranges;
        const std::size_t n = 1 + rng() % 6;
        for (std::size_t i = 0; i < n; ++i) {
            RangeDigests::Range r;
            r.end = rng() % (pdf.size() + 1);
            r.tail = rng() % (r.end + 1);
            r.prefix = rng() % (r.tail + 1);
            if (rng() % 10 == 0) r.prefix = r.tail + 1 + rng() % 3;  // prefix after the tail: refused
            if (rng() % 10 == 0) r.end = pdf.size() + 1;             // beyond the file: refused
            if (i > 0 && rng() % 4 == 0) r = ranges[rng() % i];      // the same range twice
            ranges.push_back(r);
        }
        RangeDigests digests(pdf, ranges);
        for (const std::string name : {"SHA-256", "SHA-384", "SHA-512"}) {
            for (std::size_t i = 0; i < n; ++i) {
                const auto& r = ranges[i];
                const auto got = digests.digest(i, name);
                if (r.prefix > r.tail || r.tail > r.end || r.end > pdf.size()) {
                    CHECK_FALSE(got.has_value());
                    ++refused;
                    continue;
                }
                REQUIRE(got.has_value());
                CHECK(*got == separately(pdf, r, name));
                ++compared;
            }
        }
        CHECK_FALSE(digests.digest(0, "No-Such-Hash").has_value());
        CHECK_FALSE(digests.digest(n, "SHA-256").has_value());
    }
    CHECK(compared > 1000);
    CHECK(refused > 50);
}

TEST_CASE("range digests: successive signatures, concurrent requests", "[verify][digests]") {
    // Like a three-signature protokoll: each signature covers everything before its /Contents.
    Bytes pdf(300000);
    std::mt19937 rng(7);
    for (auto& b : pdf) b = static_cast<std::uint8_t>(rng());
    const std::vector<RangeDigests::Range> ranges = {
        {200000, 210000, 215000}, {100000, 110000, 120000}, {280000, 290000, 300000}};
    for (int round = 0; round < 20; ++round) {
        RangeDigests digests(pdf, ranges);
        std::vector<std::thread> threads;
        std::vector<int> wrong(6, 0);
        for (int t = 0; t < 6; ++t) {
            threads.emplace_back([&, t] {
                const std::string name = t % 2 ? "SHA-256" : "SHA-512";
                for (std::size_t i = 0; i < ranges.size(); ++i) {
                    const std::size_t k = (i + static_cast<std::size_t>(t)) % ranges.size();
                    if (digests.digest(k, name) != separately(pdf, ranges[k], name)) ++wrong[t];
                }
            });
        }
        for (auto& th : threads) th.join();
        for (int w : wrong) CHECK(w == 0);
    }
}
