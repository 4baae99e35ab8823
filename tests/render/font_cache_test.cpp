// The per-thread font cache (render/font_cache.hpp) and Flate memo (render/stream_memo.hpp):
// documents rendered one after another on one thread, with other fonts and other text in
// between, give the bytes that a thread with cold caches (as a fresh process has) gives; a font
// file that changes is read again, never served stale.
#include "core/files.hpp"
#include "render/font_cache.hpp"
#include "render/render.hpp"
#include "render/stream_memo.hpp"
#include "sample.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace kansli;

namespace {

const std::string kDejaVu = "/usr/share/fonts/truetype/dejavu/";

/// `set` rendered on a new thread: nothing cached yet, as in a fresh process.
core::Bytes render_cold(const layout::PageSet& set) {
    core::Bytes out;
    std::thread t([&] { out = render::render_pdf(set); });
    t.join();
    return out;
}

/// A page set like the sample's, with its fonts at `regular` and `bold` and some text of its own.
layout::PageSet with_fonts(const std::string& regular, const std::string& bold, const std::string& text) {
    layout::PageSet set = test::sample_pageset(false);
    set.fonts[0].path = regular;
    set.fonts[1].path = bold;
    set.pages[0].ops.push_back(test::text_run(core::pt(72), core::pt(500), 0, 11, text));
    set.pages[0].ops.push_back(test::text_run(core::pt(72), core::pt(480), 1, 11, text + " (fet)"));
    return set;
}

std::string copy_font(const std::string& from, const std::string& dir, const std::string& name) {
    const std::string to = dir + "/" + name;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing);
    return to;
}

}  // namespace

TEST_CASE("font cache: documents in one thread give the bytes of a cold cache, whatever came before") {
    const std::string dir = test::temp_dir("font-cache");
    const std::string regular = copy_font(test::kFontDir + "LiberationSans-Regular.ttf", dir, "r.ttf");
    const std::string bold = copy_font(test::kFontDir + "LiberationSans-Bold.ttf", dir, "b.ttf");
    const std::string dejavu = copy_font(kDejaVu + "DejaVuSans.ttf", dir, "d.ttf");
    // Just-written files are never kept (core::settled): let the copies settle first.
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));
    const layout::PageSet a = with_fonts(regular, bold, "Beslut om budget, ärende 12 – bifall");
    const layout::PageSet b = with_fonts(dejavu, regular, "Quizfrågor: xylofon, zebra, ÅÄÖ 0123456789 ∑");
    const layout::PageSet c = with_fonts(bold, dejavu, "Justering sker på kansliet");
    const core::Bytes a_cold = render_cold(a), b_cold = render_cold(b), c_cold = render_cold(c);
    CHECK(a_cold != b_cold);
    CHECK(b_cold != c_cold);

    const std::size_t reads = render::font_cache_stats().reads;
    const render::DeflateMemoStats memo = render::deflate_memo_stats();
    CHECK(render::render_pdf(a) == a_cold);
    CHECK(render::render_pdf(b) == b_cold);
    CHECK(render::render_pdf(c) == c_cold);
    CHECK(render::render_pdf(a) == a_cold);
    CHECK(render::render_pdf(b) == b_cold);
    // Three files, each read once on this thread however many documents used it.
    CHECK(render::font_cache_stats().reads == reads + 3);
    CHECK(render::font_cache_stats().entries >= 3);
    // The second a and b found their subsets' Flate data in the memo (and still gave cold bytes).
    CHECK(render::deflate_memo_stats().hits > memo.hits);
    CHECK(render::deflate_memo_stats().bytes <= render::kMemoMaxBytes);
}

TEST_CASE("font cache: a font file replaced or rewritten in place is read again, not served stale") {
    const std::string dir = test::temp_dir("font-cache-stale");
    const std::string font = copy_font(test::kFontDir + "LiberationSans-Regular.ttf", dir, "face.ttf");
    const std::string bold = copy_font(test::kFontDir + "LiberationSans-Bold.ttf", dir, "bold.ttf");
    const layout::PageSet set = with_fonts(font, bold, "Samma text, annan font");
    const core::Bytes liberation = render::render_pdf(set);
    REQUIRE(render::render_pdf(set) == liberation);  // now cached

    // Replaced by rename (a new inode), as a package upgrade does.
    core::write_file_atomic(font, core::read_file(kDejaVu + "DejaVuSans.ttf"));
    const core::Bytes dejavu = render::render_pdf(set);
    CHECK(dejavu != liberation);
    CHECK(dejavu == render_cold(set));

    // Rewritten in place (same inode), back to Liberation: the size, mtime and ctime move.
    {
        const core::Bytes bytes = core::read_file(test::kFontDir + "LiberationSans-Regular.ttf");
        std::ofstream out(font, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    CHECK(render::render_pdf(set) == liberation);

    // Gone: a clear error naming the file, not the bytes of before.
    fs::remove(font);
    CHECK_THROWS_AS(render::render_pdf(set), core::Error);
}

TEST_CASE("font cache: a file that is not a font is an error on every use, never cached") {
    const std::string dir = test::temp_dir("font-cache-bad");
    const std::string bad = dir + "/bad.ttf";
    core::write_file_atomic(bad, std::string(4096, 'x'));
    const std::string bold = copy_font(test::kFontDir + "LiberationSans-Bold.ttf", dir, "bold.ttf");
    const layout::PageSet set = with_fonts(bad, bold, "text");
    CHECK_THROWS_AS(render::render_pdf(set), core::Error);
    CHECK_THROWS_AS(render::render_pdf(set), core::Error);
}
