// pdf::content_lexer (issue 13): every token it reads without being unsure has the type, value and
// end that qpdf's QPDFTokenizer gives, on fragments chosen for the tokenizer's corner cases (signs,
// dots, true/false/null, names with '#', '\v', bytes above 127, braces, stray ')' and '>', comments
// at the end) joined at random; and it reads kansli's own content without being unsure.
#include "pdf/content_lexer.hpp"

#include <catch2/catch.hpp>
#include <qpdf/Buffer.hh>
#include <qpdf/BufferInputSource.hh>

#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace kansli;
namespace lexer = pdf::content_lexer;

namespace {

/// Tokenizes `content` with both; returns how many tokens the lexer read before it was unsure.
std::size_t compare(const std::string& content) {
    Buffer data(content.size());
    if (!content.empty()) std::memcpy(data.getBuffer(), content.data(), content.size());
    const pdf::lexical::Span bytes(data.getBuffer(), data.getSize());
    auto input = std::make_shared<BufferInputSource>("t", &data);
    QPDFTokenizer tokenizer;
    tokenizer.allowEOF();
    std::size_t at = 0, read = 0;
    for (int i = 0; i < 10000; ++i) {
        const lexer::Token mine = lexer::next(bytes, at);
        if (mine.unsure) return read;
        const QPDFTokenizer::Token t = tokenizer.readToken(input, "t", true);
        INFO("content: [" << content << "] token " << i << " at " << at);
        CHECK(t.getErrorMessage().empty());
        CHECK(static_cast<int>(mine.type) == static_cast<int>(t.getType()));
        if (mine.type != QPDFTokenizer::tt_string) CHECK(std::string(mine.value) == t.getValue());
        CHECK(mine.end == static_cast<std::size_t>(input->tell()));
        if (mine.type == QPDFTokenizer::tt_eof || t.getType() == QPDFTokenizer::tt_eof) return read;
        at = mine.end;
        input->seek(static_cast<qpdf_offset_t>(at), SEEK_SET);
        ++read;
    }
    return read;
}

const std::vector<std::string> kFragments = {"0",
                                             "12",
                                             "+",
                                             "-",
                                             ".",
                                             "+5",
                                             "-7",
                                             "5.",
                                             ".5",
                                             "-.5",
                                             "+.",
                                             "1.2.3",
                                             "5a",
                                             "+-5",
                                             "--",
                                             "1e5",
                                             "007",
                                             "true",
                                             "false",
                                             "null",
                                             "truex",
                                             "nul",
                                             "BDC",
                                             "EMC",
                                             "Tj",
                                             "'",
                                             "\"",
                                             "f*",
                                             "T*",
                                             "a#b",
                                             "ID",
                                             "/",
                                             "/P",
                                             "/MCID",
                                             "/A#42",
                                             "/A#",
                                             "/x\xc3\xa5",
                                             "[",
                                             "]",
                                             "<<",
                                             ">>",
                                             ">",
                                             ")",
                                             "{",
                                             "}",
                                             "(s)",
                                             "(a\\)b)",
                                             "(a(b)c)",
                                             "<4142>",
                                             "<41 4>",
                                             "<4G>",
                                             "(unterminated",
                                             "%c\n",
                                             "%end",
                                             " ",
                                             "\n",
                                             "\r\n",
                                             "\t",
                                             "\f",
                                             "\v",
                                             std::string(1, '\0'),
                                             "\x80",
                                             "x\x01"};

}  // namespace

TEST_CASE("content lexer: the tokens it reads are QPDFTokenizer's", "[pdf][marked]") {
    for (const auto& f : kFragments) compare(f);
    std::size_t read = 0;
    for (std::uint32_t seed = 1; seed <= 4000; ++seed) {
        std::mt19937 rng(seed);
        std::string content;
        const int n = 1 + static_cast<int>(rng() % 12);
        for (int i = 0; i < n; ++i) {
            content += kFragments[rng() % kFragments.size()];
            if (rng() % 3 != 0) content += rng() % 2 ? " " : "\n";
        }
        read += compare(content);
    }
    CHECK(read > 5000);  // thousands of tokens compared before a fragment it is unsure of
}

TEST_CASE("content lexer: kansli's page content is read without QPDFTokenizer", "[pdf][marked]") {
    const std::string page =
        "/Artifact <</Type /Pagination>> BDC\nq 0.5 0.5 0.5 rg 56.7 40 481.9 0.5 re f Q\nEMC\n"
        "/P <</MCID 0 /Lang (sv-SE)>> BDC\nBT /F1 10.5 Tf 1 0 0 1 56.69 770.1 Tm [(Pr) -12 (otokoll) 5.5 (\\(1\\))] "
        "TJ ET\nEMC\n/Span /MC0 BDC BT /F2 9 Tf 0 -12 Td <0041 0042> Tj T* (a) ' 1 2 (b) \" ET EMC\n";
    std::size_t at = 0, n = 0;
    for (;; ++n) {
        const lexer::Token t =
            lexer::next(pdf::lexical::Span(reinterpret_cast<const std::uint8_t*>(page.data()), page.size()), at);
        REQUIRE_FALSE(t.unsure);
        if (t.type == QPDFTokenizer::tt_eof) break;
        at = t.end;
    }
    CHECK(n == compare(page));
}
