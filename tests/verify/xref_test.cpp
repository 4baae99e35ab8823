// check_xref_tables on small hand-built hybrid-reference files (ISO 32000-1 7.5.8.4): a classic
// table whose trailer names an xref stream in /XRefStm. The rule: an object in use in both
// sections of one revision must be at the same place in both. Hostile variants must end in a
// named problem or a clean pass, never a crash or a hang.
#include "verify/scan.hpp"
#include "verify/xref.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

using namespace kansli;

namespace {

std::optional<std::string> xref_problem(const std::string& pdf) {
    const std::span<const std::uint8_t> s(reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size());
    return verify::check_xref_tables(s, verify::find_eof_marks(s));
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
    const auto p = s.find(from);
    REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
}

// Objects 1 (catalog), 2 (pages) and 3 (the xref stream, uncompressed, /W [1 4 2]); the stream
// (dictionary `dict`, "@L" its data length) gives object 4 as type 2 in object stream 9 and its own and object 2's type-1 entries (object 2
// at `stream_two`, -1 for its real offset); the classic table lists 0..3, object 4 free.
const std::string kDict = "/Type /XRef /W [1 4 2] /Index [2 3] /Size 5 /Length @L ";
std::string hybrid(long stream_two = -1, const std::string& dict = kDict) {
    std::string out = "%PDF-1.5\n";
    const long one = static_cast<long>(out.size());
    out += "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n";
    const long two = static_cast<long>(out.size());
    out += "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
    const long three = static_cast<long>(out.size());
    std::string data;
    auto row = [&data](int type, long f2, int f3) {
        data += static_cast<char>(type);
        for (int s = 24; s >= 0; s -= 8) data += static_cast<char>((f2 >> s) & 0xff);
        data += static_cast<char>((f3 >> 8) & 0xff);
        data += static_cast<char>(f3 & 0xff);
    };
    row(1, stream_two == -1 ? two : stream_two, 0);
    row(1, three, 0);
    row(2, 9, 0);
    std::string d = dict;
    if (const auto l = d.find("@L"); l != std::string::npos) d.replace(l, 2, std::to_string(data.size()));
    out += "3 0 obj\n<< " + d + ">>\nstream\n" + data + "\nendstream\nendobj\n";
    const long x = static_cast<long>(out.size());
    out += "xref\n0 5\n0000000000 65535 f \n";
    for (const long off : {one, two, three}) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%010ld 00000 n \n", off);
        out += buf;
    }
    out += "0000000000 00000 f \ntrailer\n<< /Size 5 /Root 1 0 R /XRefStm " + std::to_string(three) +
           " >>\nstartxref\n" + std::to_string(x) + "\n%%EOF\n";
    return out;
}

}  // namespace

TEST_CASE("xref: a hybrid file's table and /XRefStm agree or disagree", "[verify][xref]") {
    const std::string good = hybrid();
    INFO(good);
    CHECK_FALSE(xref_problem(good).has_value());
    // Object 2 elsewhere in the stream than in the table.
    const auto moved = xref_problem(hybrid(1234));
    REQUIRE(moved.has_value());
    CHECK(moved->find("object 2 defined twice in one revision: classic table and /XRefStm disagree") !=
          std::string::npos);
    // Another generation in the table is another place too.
    std::string regen = good;
    const auto t = regen.find("xref\n0 5\n");
    const auto second = regen.find(" 00000 n", regen.find(" 00000 n", t) + 1);  // object 2's line
    regen.replace(second, 8, " 00001 n");
    const auto g = xref_problem(regen);
    REQUIRE(g.has_value());
    CHECK(g->find("object 2 defined twice") != std::string::npos);
    // Object 4 in use in the table (not free) while the stream puts it in an object stream.
    std::string in_use = good;
    in_use.replace(in_use.rfind("0000000000 00000 f \ntrailer"), 20, "0000000009 00000 n \n");
    const auto four = xref_problem(in_use);
    REQUIRE(four.has_value());
    CHECK(four->find("object 4 defined twice") != std::string::npos);
}

TEST_CASE("xref: hostile /XRefStm streams end in a named problem", "[verify][xref]") {
    struct Case {
        const char* name;
        std::string pdf;
        const char* expect;  ///< "" for a clean pass
    };
    const std::string good = hybrid();
    const Case cases[] = {
        {"/Length past the end: the data ends at endstream", hybrid(-1, replace(kDict, "@L", "99999999")), ""},
        {"/Length indirect", hybrid(-1, replace(kDict, "@L", "7 0 R")), ""},
        {"/W all zero", hybrid(-1, replace(kDict, "/W [1 4 2]", "/W [0 0 0]")), "malformed /W"},
        {"/W wider than 8 bytes", hybrid(-1, replace(kDict, "/W [1 4 2]", "/W [1 40 2]")), "malformed /W"},
        {"/Index odd", hybrid(-1, replace(kDict, "/Index [2 3]", "/Index [2 3 7]")), "malformed /Index"},
        {"/Index huge first object", hybrid(-1, replace(kDict, "/Index [2 3]", "/Index [99999999999999 3]")),
         "malformed /Index"},
        {"/Index huge count", hybrid(-1, replace(kDict, "/Index [2 3]", "/Index [2 999999999999]")), "fewer entries"},
        {"unknown filter", hybrid(-1, kDict + "/Filter /LZWDecode "), "does not read"},
        {"Flate on raw bytes", hybrid(-1, kDict + "/Filter /FlateDecode "), "fewer entries"},
        {"predictor on raw bytes", hybrid(-1, kDict + "/DecodeParms << /Predictor 12 /Columns 7 >> "),
         "/XRefStm stream at"},
        {"unknown predictor", hybrid(-1, kDict + "/DecodeParms << /Predictor 5 /Columns 7 >> "), "predictor"},
        {"/DecodeParms not integers", hybrid(-1, kDict + "/DecodeParms << /Predictor /X >> "), "/DecodeParms"},
        {"not an xref stream", hybrid(-1, replace(kDict, "/Type /XRef", "/Type /XObj")), "not an xref stream"},
        {"/XRefStm past the end", replace(good, "/XRefStm ", "/XRefStm 9"), "not an object"},
    };
    for (const auto& c : cases) {
        const auto p = xref_problem(c.pdf);
        INFO(c.name << ": " << p.value_or("(clean)"));
        if (*c.expect == 0) {
            CHECK_FALSE(p.has_value());
        } else {
            REQUIRE(p.has_value());
            CHECK(p->find(c.expect) != std::string::npos);
        }
    }
    // Every truncation and every byte set to 0xff, '0' or '<' ends (bounded, no crash under ASan).
    std::size_t problems = 0;
    for (std::size_t i = 0; i < good.size(); ++i) {
        problems += xref_problem(good.substr(0, i)).has_value();
        for (const char c : {'\xff', '0', '<'}) {
            std::string bad = good;
            bad[i] = c;
            problems += xref_problem(bad).has_value();
        }
    }
    CHECK(problems > 0);
}
