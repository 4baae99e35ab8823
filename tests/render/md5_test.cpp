// render/md5: RFC 1321 test vectors.
#include "render/md5.hpp"

#include <catch2/catch.hpp>

using namespace kansli;

TEST_CASE("md5: RFC 1321 test suite") {
    auto hex = [](const std::string& s) {
        auto d = render::md5(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
        std::string out;
        for (auto b : d) {
            out += "0123456789abcdef"[b >> 4];
            out += "0123456789abcdef"[b & 0xf];
        }
        return out;
    };
    CHECK(hex("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");
    CHECK(hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
}
