#include "core/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace kansli::core;

TEST_CASE("diagnostics format as file:line:col: severity: message with a hint line") {
    Diagnostic d{Severity::Error,
                 "rule",
                 {"p.xml", 12, 5},
                 "§7: Björn Sandal reserverar sig but does not serve in §7",
                 "add him to <beslutande> or remove the reservation"};
    CHECK(format(d) ==
          "p.xml:12:5: error: §7: Björn Sandal reserverar sig but does not serve in §7\n"
          "  hint: add him to <beslutande> or remove the reservation");
    Diagnostic w{Severity::Warning, "io", {"k.pem", 0, 0}, "key is not encrypted", ""};
    CHECK(format(w) == "k.pem: warning: key is not encrypted");
}

TEST_CASE("DiagSink distinguishes warnings from errors") {
    DiagSink sink;
    sink.warning("x", {}, "w");
    CHECK_FALSE(sink.has_errors());
    sink.error("x", {}, "e");
    CHECK(sink.has_errors());
    CHECK(sink.diagnostics().size() == 2);
}
