// render/docid: the trailer /ID is the MD5 (PDF 32000-1 §14.4) of the written file with the /ID
// digits zeroed, checked against openssl's MD5, so the same content always gets the same /ID.
#include "render/render.hpp"

#include "render/sample.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>

using namespace kansli;

namespace {

/// `openssl dgst -md5` of `bytes`, upper-case hex.
std::string openssl_md5(const std::string& bytes) {
    const std::string path = test::temp_dir("docid") + "/zeroed.pdf";
    std::ofstream(path, std::ios::binary) << bytes;
    const auto r = test::run({"openssl", "dgst", "-md5", "-r", path});
    REQUIRE(r.exit_code == 0);
    std::string hex = r.out.substr(0, 32);
    std::transform(hex.begin(), hex.end(), hex.begin(), [](unsigned char c) { return std::toupper(c); });
    return hex;
}

}  // namespace

TEST_CASE("docid: /ID is the MD5 of the file with the /ID digits zeroed (as openssl computes it)") {
    for (const std::string title : {"Protokoll", "Protokoll (ändrad)"}) {
        auto ps = test::sample_pageset();
        ps.meta.title = title;
        const auto bytes = render::render_pdf(ps);
        std::string pdf(bytes.begin(), bytes.end());
        std::smatch m;
        REQUIRE(std::regex_search(pdf, m, std::regex("/ID ?\\[ ?<([0-9A-F]{32})> ?<([0-9A-F]{32})>")));
        CHECK(m[1] == m[2]);
        const std::string id = m[1];
        const auto first = static_cast<std::size_t>(m.position(1)), second = static_cast<std::size_t>(m.position(2));
        std::fill_n(pdf.begin() + static_cast<std::ptrdiff_t>(first), 32, '0');
        std::fill_n(pdf.begin() + static_cast<std::ptrdiff_t>(second), 32, '0');
        CHECK(openssl_md5(pdf) == id);
    }
}
