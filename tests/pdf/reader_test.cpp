// pdf/: the hardened reader refuses each class of hostile PDF with its named reason, quickly,
// and opens ordinary files. Inputs come from tests/support/hostile_pdf.py.
#include "pdf/reader.hpp"
#include "pdf/syntax.hpp"

#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <qpdf/QPDF.hh>

#include <ctime>
#include <cstdio>
#include <string_view>

using namespace kansli;

namespace {

std::string generate(const std::string& kind, const std::string& n = "") {
    static const std::string dir = test::temp_dir("pdf-reader");
    const std::string path = dir + "/" + kind + (n.empty() ? "" : "-" + n) + ".pdf";
    std::vector<std::string> argv{"python3", test::source("tests/support/hostile_pdf.py"), kind, path};
    if (!n.empty()) argv.push_back(n);
    const auto r = test::run(argv);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return path;
}

std::span<const std::uint8_t> bytes_of(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace

TEST_CASE("pdf: the syntax scan measures nesting, container sizes and objects, skipping strings and streams") {
    const pdf::SyntaxCaps none{};
    CHECK(pdf::scan_syntax(bytes_of("<< /A [ 1 2 ] >>"), none).nesting == 2);
    CHECK(pdf::scan_syntax(bytes_of("<< /A (((<<[[[) \\( ) /B <48656C6C6F> >>"), none).nesting == 1);
    CHECK(pdf::scan_syntax(bytes_of("% [[[[[[[[\n[ ]"), none).nesting == 1);
    CHECK(pdf::scan_syntax(bytes_of("<< /Length 6 >>\nstream\n[[[[[[\nendstream"), none).nesting == 1);
    CHECK(pdf::max_nesting_depth(bytes_of("[[[[[[[[[[[["), 5) == 6);  // stops once past the cap
    const auto st = pdf::scan_syntax(
        bytes_of("1 0 obj [1 2 3 4 5 (six) <07> /eight 9 0 R] endobj 2 0 obj << /A 1 >> endobj"), none);
    CHECK(st.largest_container == 11);  // "9 0 R" counts three
    CHECK(st.objects == 2);
    const auto x = pdf::scan_syntax(bytes_of("5 0 obj << /Type /XRef /Size 3 >>\nstream\nxx\nendstream endobj"
                                             " 6 0 obj << /Type /XRefStm >>\nstream\nyy\nendstream endobj"),
                                    none);
    REQUIRE(x.xref_streams.size() == 1);
    CHECK(x.xref_streams[0].dict_begin == 8);
}

TEST_CASE("pdf: an ordinary file opens with its pages; limits are honoured at their boundary") {
    const auto path = generate("pages", "30");
    auto opened = pdf::open_file(path, pdf::default_limits());
    CHECK(opened.pages.size() == 30);
    pdf::Limits exact = pdf::default_limits();
    exact.pages = 30;
    CHECK(pdf::open_file(path, exact).pages.size() == 30);
    exact.pages = 29;
    try {
        (void)pdf::open_file(path, exact);
        FAIL("expected pdf::Refused");
    } catch (const pdf::Refused& e) {
        CHECK(e.kind() == pdf::Refusal::Pages);
    }
}

TEST_CASE("pdf: every class of hostile PDF is refused by name, in well under a second") {
    struct Case {
        std::string kind, n;
        pdf::Refusal refusal;
        std::string says;
    };
    const std::vector<Case> cases = {
        {"lying-count", "", pdf::Refusal::Pages, "claims /Count 2147483647"},
        {"missing-kid", "", pdf::Refusal::PageTree, "(object 99 0) is missing"},
        {"non-page-kid", "", pdf::Refusal::PageTree, "is a /Catalog, not a page"},
        {"self-kid", "", pdf::Refusal::PageTree, "refers to itself"},
        {"deep-tree", "30000", pdf::Refusal::PageDepth, "deeper than 64 levels"},
        {"deep-tree", "65", pdf::Refusal::PageDepth, "deeper than 64 levels"},
        {"objstm-nesting", "20000", pdf::Refusal::Nesting, "(in object stream 7) are nested more than 64"},
        {"objstm-nesting", "65", pdf::Refusal::Nesting, "(in object stream 7) are nested more than 64"},
        {"objstm-bomb", "65", pdf::Refusal::StreamBytes, "decodes to more than 64 MiB"},
        {"huge-array", "500001", pdf::Refusal::Container, "holds more than 500000 items"},
        {"many-arrays", "3", pdf::Refusal::Container, "hold more than 1000000 items together"},
        {"many-objects", "500001", pdf::Refusal::Objects, "more than 500000 objects"},
    };
    for (const auto& c : cases) {
        INFO(c.kind << " " << c.n);
        const auto path = generate(c.kind, c.n);
        // CPU time, not wall time: a hang or a quadratic walk shows in both, a loaded machine only in the second.
        const std::clock_t t0 = std::clock();
        try {
            (void)pdf::open_file(path, pdf::default_limits(), pdf::OpenOptions{true, true});
            FAIL("expected pdf::Refused");
        } catch (const pdf::Refused& e) {
            INFO(e.what());
            CHECK(e.kind() == c.refusal);
            CHECK(std::string(e.what()).find(c.says) != std::string::npos);
            CHECK(!e.hint().empty());
        }
        CHECK(static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC < 3.0);
    }
    // Just inside each limit, the same shapes open.
    CHECK(pdf::open_file(generate("deep-tree", "63"), pdf::default_limits()).pages.size() == 1);
    CHECK(pdf::open_file(generate("objstm-nesting", "60"), pdf::default_limits()).pages.size() == 1);
    CHECK(pdf::open_file(generate("objstm-bomb", "1"), pdf::default_limits()).pages.size() == 1);
    CHECK(pdf::open_file(generate("many-arrays", "2"), pdf::default_limits()).pages.size() == 1);
}

TEST_CASE("pdf: the decoded bytes of one file are capped in total, not only per stream") {
    const auto path = generate("objstm-bomb", "3");
    pdf::Limits small = pdf::default_limits();
    small.stream_decoded_bytes = 4u << 20;
    small.total_decoded_bytes = 2u << 20;
    try {
        (void)pdf::open_file(path, small);
        FAIL("expected pdf::Refused");
    } catch (const pdf::Refused& e) {
        CHECK(e.kind() == pdf::Refusal::DecodedBytes);
    }
    small.total_decoded_bytes = 8u << 20;
    CHECK_NOTHROW(pdf::open_file(path, small));
}

TEST_CASE("pdf: a stream read again from a copy is charged as decoding it again would be") {
    QPDF q;
    q.emptyPDF();
    QPDFObjectHandle s = q.newStream(std::string(100, 'x'));
    // For each limit and prior usage: read_stream's outcome and charge_decoded's are the same.
    for (std::uint64_t per_stream : {99u, 100u, 200u})
        for (std::uint64_t total : {150u, 199u, 200u, 1000u}) {
            pdf::Limits l = pdf::default_limits();
            l.stream_decoded_bytes = per_stream;
            l.total_decoded_bytes = total;
            auto outcome = [&](auto&& read) {
                pdf::Usage u;
                u.decoded = 100;
                try {
                    read(u);
                } catch (const pdf::Refused& e) {
                    return std::string("refused ") + e.what();
                }
                return "used " + std::to_string(u.decoded);
            };
            const std::string decoded = outcome([&](pdf::Usage& u) { (void)pdf::read_stream(s, l, u); });
            const std::string charged = outcome([&](pdf::Usage& u) { pdf::charge_decoded(100, l, u); });
            INFO(per_stream << " per stream, " << total << " in total");
            CHECK(decoded == charged);
        }
}

TEST_CASE("pdf: encrypted files are refused as encrypted, with or without a user password") {
    const auto plain = generate("ok");
    const std::string dir = test::temp_dir("pdf-encrypted");
    const auto rc4 = dir + "/rc4.pdf", aes = dir + "/aes.pdf";
    REQUIRE(test::run({"qpdf", "--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--", plain, rc4})
                .exit_code == 0);
    REQUIRE(test::run({"qpdf", "--encrypt", "secret", "owner", "256", "--", plain, aes}).exit_code == 0);
    for (const auto& path : {rc4, aes}) {
        INFO(path);
        try {
            (void)pdf::open_file(path, pdf::default_limits());
            FAIL("expected pdf::Refused");
        } catch (const pdf::Refused& e) {
            CHECK(e.kind() == pdf::Refusal::Encrypted);
            CHECK(e.hint().find("qpdf --decrypt") != std::string::npos);
        }
    }
}

TEST_CASE("pdf: not a PDF, too large, no pages") {
    const std::string text = "hello";
    CHECK_THROWS_AS(pdf::open(bytes_of(text), pdf::default_limits()), pdf::Refused);
    pdf::Limits tiny = pdf::default_limits();
    tiny.file_bytes = 100;
    try {
        (void)pdf::open_file(generate("ok"), tiny);
        FAIL("expected pdf::Refused");
    } catch (const pdf::Refused& e) {
        CHECK(e.kind() == pdf::Refusal::TooLarge);
    }
    std::string empty = "%PDF-1.4\n";
    const std::size_t one = empty.size();
    empty += "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n";
    const std::size_t two = empty.size();
    empty += "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n";
    const std::size_t xref = empty.size();
    char table[128];
    std::snprintf(table, sizeof table, "xref\n0 3\n0000000000 65535 f \n%010zu 00000 n \n%010zu 00000 n \n", one, two);
    empty += std::string(table) + "trailer << /Size 3 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    try {
        (void)pdf::open(bytes_of(empty), pdf::default_limits());
        FAIL("expected pdf::Refused");
    } catch (const pdf::Refused& e) {
        CHECK(e.kind() == pdf::Refusal::NoPages);
    }
    CHECK(pdf::open(bytes_of(empty), pdf::default_limits(), pdf::OpenOptions{false, false}).pages.empty());
}
