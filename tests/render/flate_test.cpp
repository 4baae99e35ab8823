// The renderer's Flate streams (render/stream_memo.hpp): flate_compress() gives zlib data that
// qpdf's inflate (pdf/decode.hpp) turns back into the input, and every content stream and font
// stream of a rendered PDF is flate_compress() of its decoded data, so none went through
// PoDoFo's own zlib filter, with or without the font memo.
#include "pdf/decode.hpp"
#include "pdf/reader.hpp"
#include "render/render.hpp"
#include "render/stream_memo.hpp"
#include "sample.hpp"

#include <catch2/catch.hpp>

#include <qpdf/QPDF.hh>

#include <random>
#include <string>

using namespace kansli;

namespace {

std::string inflate(const std::string& z) {
    bool exceeded = false;
    const auto out = pdf::inflate({reinterpret_cast<const std::uint8_t*>(z.data()), z.size()}, 64u << 20, &exceeded);
    CHECK_FALSE(exceeded);
    return {out.begin(), out.end()};
}

/// The Flate streams of `pdf` that the renderer wrote (page contents, font programs, ToUnicode
/// maps), each checked against flate_compress(); returns how many there were.
int check_streams(const core::Bytes& pdf) {
    pdf::Opened o = pdf::open(pdf, pdf::default_limits());
    int n = 0;
    auto check = [&](QPDFObjectHandle s) {
        if (!s.isStream() || !s.getDict().getKey("/Filter").isNameAndEquals("/FlateDecode")) return;
        const std::string raw = s.getRawStreamData()->getBuffer() == nullptr
                                    ? std::string()
                                    : std::string(reinterpret_cast<const char*>(s.getRawStreamData()->getBuffer()),
                                                  s.getRawStreamData()->getSize());
        const auto decoded = s.getStreamData(qpdf_dl_generalized);
        const std::string plain(reinterpret_cast<const char*>(decoded->getBuffer()), decoded->getSize());
        CHECK(raw == render::flate_compress(plain));
        ++n;
    };
    for (auto& page : o.pages) {
        check(page.getKey("/Contents"));
        QPDFObjectHandle fonts = page.getKey("/Resources").getKey("/Font");
        for (const auto& k : fonts.getKeys()) {
            QPDFObjectHandle f = fonts.getKey(k);
            check(f.getKey("/ToUnicode"));
            QPDFObjectHandle d = f.getKey("/DescendantFonts").getArrayItem(0);
            check(d.getKey("/FontDescriptor").getKey("/FontFile2"));
        }
    }
    return n;
}

}  // namespace

TEST_CASE("flate: zlib data that inflates back to the input") {
    std::mt19937 rng(7);
    std::string random(1 << 20, '\0');
    for (auto& c : random) c = static_cast<char>(rng());
    std::string text;
    while (text.size() < (300u << 10)) text += "BT /F1 11 Tf 72 700 Td (Justerandes sign) Tj ET\n";
    for (const std::string& in : {std::string(), std::string("x"), random, text}) {
        const std::string z = render::flate_compress(in);
        REQUIRE(z.size() >= 2);
        CHECK((static_cast<unsigned char>(z[0]) * 256 + static_cast<unsigned char>(z[1])) % 31 == 0);  // zlib header
        CHECK(inflate(z) == in);
    }
    CHECK(render::flate_compress(text).size() < text.size() / 10);
    CHECK(render::flate_compress(text) == render::flate_compress(text));  // deterministic
}

TEST_CASE("flate: every content and font stream of a rendered PDF is libdeflate's") {
    const layout::PageSet set = test::sample_pageset(false);
    const core::Bytes first = render::render_pdf(set);
    CHECK(check_streams(first) >= 4);
    // Again on this thread: the font streams now come from the memo, with the same bytes.
    const auto hits = render::deflate_memo_stats().hits;
    const core::Bytes second = render::render_pdf(set);
    CHECK(render::deflate_memo_stats().hits > hits);
    CHECK(second == first);
    CHECK(check_streams(second) >= 4);
}
