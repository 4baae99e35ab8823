// Fidelity: every text of the source comes back from `pdftotext` (a tool we did not write), in
// reading order. The source texts are taken from the loaded model; the PDF's words must contain
// them as an ordered subsequence (running headers, labels and footers may come in between; a word
// split by hyphenation at a line end counts as the word).
#include "core/diagnostic.hpp"
#include "job/load.hpp"
#include "model/document.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace t = kansli::test;
namespace m = kansli::model;

namespace {

/// Whitespace-separated words, without parentheses (the layout adds them around parties and
/// affiliations: "Anders Häggkvist (C) (Härjedalens kommun)").
std::vector<std::string> words(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string w; in >> w;) {
        std::erase_if(w, [](char c) { return c == '(' || c == ')'; });
        if (!w.empty()) out.push_back(w);
    }
    return out;
}

void add(std::vector<std::string>& out, const std::string& text) {
    for (auto& w : words(text)) out.push_back(std::move(w));
}

void add_blocks(std::vector<std::string>& out, const m::Blocks& blocks) {
    for (const auto& b : blocks) {
        switch (b.kind) {
            case m::Block::Kind::Paragraph:
            case m::Block::Kind::Subheading: add(out, m::plain_text(b.inlines)); break;
            case m::Block::Kind::List:
                for (const auto& item : b.items) add_blocks(out, item.blocks);
                break;
            case m::Block::Kind::Table:
                for (const auto& c : b.header) add_blocks(out, c.blocks);
                for (const auto& r : b.rows)
                    for (const auto& c : r.cells) add_blocks(out, c.blocks);
                break;
            default: break;
        }
    }
}

/// Words of one §, in the order the source gives them (which is the order of the page).
std::vector<std::string> paragraph_words(const m::Paragraph& p) {
    std::vector<std::string> out;
    add(out, p.title);
    add(out, p.diarienummer);
    add_blocks(out, p.summary);
    add_blocks(out, p.proposal);
    for (const auto& mo : p.motions) add_blocks(out, mo.text);
    add_blocks(out, p.proposition);
    if (p.vote) add_blocks(out, p.vote->result);
    add_blocks(out, p.decision);
    for (const auto& r : p.reservations) add_blocks(out, r.text);
    for (const auto& a : p.attachments) add(out, a.title);
    for (const auto& r : p.recipients) add(out, r);
    return out;
}

std::vector<std::string> attendance_words(const m::Attendance& a) {
    std::vector<std::string> out;
    for (const auto* list : {&a.members, &a.substitutes, &a.others}) {
        for (const auto& p : *list) {
            add(out, p.name);
            add(out, p.represents);
            add(out, p.replaces);
        }
    }
    return out;
}

/// Matches `needle` as an ordered subsequence of `hay`, starting at `pos`. A hay word ending in
/// '-' joined with the next one (with or without the hyphen) may stand for one needle word.
/// Returns the index of the first needle word not found, or needle.size().
std::size_t match_in_order(const std::vector<std::string>& hay, const std::vector<std::string>& needle,
                           std::size_t& pos) {
    for (std::size_t i = 0; i < needle.size(); ++i) {
        const std::string& w = needle[i];
        bool found = false;
        for (std::size_t j = pos; j < hay.size() && !found; ++j) {
            if (hay[j] == w) {
                pos = j + 1;
                found = true;
            } else if (j + 1 < hay.size() && hay[j].size() > 1 && hay[j].back() == '-') {
                const std::string stem = hay[j].substr(0, hay[j].size() - 1);
                if (stem + hay[j + 1] == w || hay[j] + hay[j + 1] == w) {
                    pos = j + 2;
                    found = true;
                }
            }
        }
        if (!found) return i;
    }
    return needle.size();
}

std::string context(const std::vector<std::string>& v, std::size_t i) {
    std::string s;
    for (std::size_t k = i; k < std::min(v.size(), i + 8); ++k) s += v[k] + " ";
    return s;
}

}  // namespace

TEST_CASE("fidelity: every text of the example protokoll comes back from pdftotext in reading order") {
    const std::string xml = t::source("templates/examples/protokoll-2023-02-24.xml");
    kansli::core::DiagSink sink;
    auto doc = kansli::job::load_document(xml, t::source("schemas"), sink);
    REQUIRE(doc);
    const auto& p = std::get<m::Protokoll>(doc->body);

    const std::string pdf = t::temp_dir("fidelity") + "/protokoll.pdf";
    auto built = t::kansli({"build", xml, "-o", pdf, "--date", "2023-02-24T13:00:00Z"});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
    auto text = t::run({"pdftotext", "-enc", "UTF-8", pdf, "-"});
    REQUIRE(text.exit_code == 0);
    const auto hay = words(text.out);

    std::size_t pos = 0;
    SECTION("attendance, in order") {
        const auto needle = attendance_words(p.attendance);
        REQUIRE(needle.size() > 60);
        const std::size_t miss = match_in_order(hay, needle, pos);
        INFO("first missing: " << context(needle, miss));
        CHECK(miss == needle.size());
    }
    SECTION("every §, all of its text, in order") {
        std::vector<std::string> needle;
        for (const auto& para : p.paragraphs) {
            needle.push_back("§" + std::to_string(para.number));
            for (auto& w : paragraph_words(para)) needle.push_back(std::move(w));
        }
        REQUIRE(needle.size() > 1500);
        // The § pages follow page 1 and the ÄRENDELISTA: start after the list's last entry.
        const std::size_t list_at = match_in_order(hay, {"ÄRENDELISTA"}, pos);
        REQUIRE(list_at == 1);
        std::size_t last_title = pos;
        match_in_order(hay, words(p.paragraphs.back().title), last_title);
        pos = last_title;
        const std::size_t miss = match_in_order(hay, needle, pos);
        INFO("first missing: " << context(needle, miss) << "\nPDF from there: " << context(hay, pos));
        CHECK(miss == needle.size());
    }
    SECTION("the justering, the signatories and the anslag are there") {
        std::vector<std::string> needle;
        for (const auto& s : p.justering.signatories) add(needle, s.name);
        add(needle, p.anslag.storage);
        for (const auto& w : needle) {
            std::size_t any = 0;
            INFO(w);
            CHECK(match_in_order(hay, {w}, any) == 1);
        }
    }
}
