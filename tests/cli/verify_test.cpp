// kansli verify as a process: exit codes, text and JSON output.
#include "support/tools.hpp"

#include <catch2/catch.hpp>

namespace {
std::vector<std::string> args(std::vector<std::string> files) {
    std::vector<std::string> a{"verify"};
    a.insert(a.end(), files.begin(), files.end());
    for (const char* s : {"--trust", "verify/pki/root.pem", "--cert", "verify/pki/issuing.pem", "--crl", "verify/pki/issuing.crl",
                          "--crl", "verify/pki/root.crl"}) {
        a.push_back(std::string(s).rfind("verify/", 0) == 0 ? kansli::test::data(s) : s);
    }
    a.push_back("--at");
    a.push_back("2030-01-01T00:00:00Z");
    return a;
}
}  // namespace

TEST_CASE("kansli verify: exit codes 0, 1, 2", "[cli][verify]") {
    auto ok = kansli::test::kansli(args({kansli::test::data("verify/three.pdf")}));
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("passed") != std::string::npos);
    auto bad = kansli::test::kansli(args({kansli::test::data("verify/three.pdf"), kansli::test::data("verify/revoked.pdf")}));
    CHECK(bad.exit_code == 1);
    auto none = kansli::test::kansli(args({kansli::test::data("verify/base.pdf")}));
    CHECK(none.exit_code == 1);
    auto missing = kansli::test::kansli(args({"/nonexistent.pdf"}));
    CHECK(missing.exit_code == 2);
    CHECK(kansli::test::kansli({"verify", "--bogus"}).exit_code == 2);
    CHECK(kansli::test::kansli({"verify", "--help"}).exit_code == 0);
    auto a = args({kansli::test::data("verify/three.pdf")});
    a.push_back("--json");
    auto json = kansli::test::kansli(a);
    CHECK(json.exit_code == 0);
    CHECK(json.out.find("\"verdict\": \"passed\"") != std::string::npos);
    CHECK(json.out.find("\"role\": \"justerare\"") != std::string::npos);
}
