// Rules on models built in code: what the schema cannot reach (a Document made by a program).
#include "rules/check.hpp"
#include "rules/common_rules.hpp"
#include "rules/protokoll_rules.hpp"

#include <catch2/catch.hpp>

using namespace kansli;

TEST_CASE("a date that does not exist is reported, with where it was written") {
    model::Protokoll p;
    p.header.date = {2023, 2, 29};
    p.header.loc = {"p.xml", 3, 3};
    core::DiagSink sink;
    rules::check_header(p.header, sink);
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(core::format(sink.diagnostics()[0]) ==
          "p.xml:3:3: error: the meeting date 2023-02-29 is not a real date\n  hint: check the month and day "
          "(YYYY-MM-DD)");
    sink.clear();
    p.header.date = {2024, 2, 29};
    rules::check_header(p.header, sink);
    CHECK(sink.diagnostics().empty());
}

TEST_CASE("every rule error is collected, none stops the others") {
    model::Document doc;
    model::Protokoll p;
    p.header.date = {2023, 2, 24};
    p.header.start_minutes = 16 * 60;
    p.header.end_minutes = 13 * 60;
    model::Person m;
    m.id = "bs";
    m.name = "Björn Sandal";
    m.paragraphs = {{1, 1}};
    p.attendance.members.push_back(m);
    p.first_number = 1;
    for (int i = 1; i <= 2; ++i) {
        model::Paragraph para;
        para.number = i;
        para.loc = {"p.xml", 10 * i, 5};
        p.paragraphs.push_back(para);
    }
    p.paragraphs[1].reservations.push_back({"bs", {}, {"p.xml", 21, 7}});
    p.justering.declared_range = model::ParagraphRange{1, 3};
    doc.body = p;
    core::DiagSink sink;
    CHECK_FALSE(rules::check_document(doc, sink));
    std::vector<std::string> kinds;
    for (const auto& d : sink.diagnostics()) kinds.push_back(d.kind);
    CHECK(kinds == std::vector<std::string>{"time", "omfattar", "reservation"});
    CHECK(sink.diagnostics()[2].message == "§2: Björn Sandal reserverar sig but does not serve in §2");
}
