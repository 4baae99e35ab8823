// `kansli verify` of a protokoll signed by its three signers, each signature time-stamped by an
// in-process TSA (PAdES B-T: three signer chains and three TSA chains), is the same report with
// one thread and with several (KANSLI_VERIFY_THREADS through the binary; VerifyOptions::threads
// in-process from cold caches, so that the threads validate the paths concurrently).
#include "support/tools.hpp"
#include "tsa/fixture.hpp"
#include "verify/chain.hpp"
#include "verify/report.hpp"
#include "verify/verify.hpp"

#include <catch2/catch.hpp>

using namespace kansli;

TEST_CASE("verify: three B-T signatures give the same report with 1 and N threads", "[tsa][verify][parallel]") {
    const std::string dir = test::temp_dir("tsa-parallel");
    test::RunningTsa tsa(dir + "/serial");
    std::string in = test::data("sign/protokoll-unsigned.pdf");
    const char* signers[][2] = {
        {"christian-ahren", "sekreterare"}, {"bjorn-sandal", "justerare"}, {"katarina-nyberg-finn", "ordförande"}};
    int i = 0;
    for (const auto& [who, role] : signers) {
        const std::string out = dir + "/s" + std::to_string(++i) + ".pdf";
        const auto r =
            test::kansli({"sign", in, "-o", out, "--key", test::key(who), "--cert", test::cert(who), "--role", role,
                          "--date", "2026-03-01T0" + std::to_string(i) + ":00:00Z", "--tsa", tsa.url()},
                         {"KANSLI_PASSPHRASE=kansli-demo"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        in = out;
    }
    const std::vector<std::string> args = {"verify",  in,
                                           "--trust", test::cert("root"),
                                           "--crl",   test::source("keys/demo/issuing.crl.pem"),
                                           "--crl",   test::source("keys/demo/root.crl.pem"),
                                           "--at",    "2026-03-02",
                                           "--json"};
    const auto one = test::kansli(args, {"KANSLI_VERIFY_THREADS=1"});
    INFO(one.out << one.err);
    REQUIRE(one.exit_code == 0);
    CHECK(one.out.find("\"level\": \"B-T\"") != std::string::npos);
    for (const char* n : {"2", "3", "8"}) {
        const auto many = test::kansli(args, {std::string("KANSLI_VERIFY_THREADS=") + n});
        CHECK(many.exit_code == 0);
        CHECK(many.out == one.out);
    }

    verify::VerifyOptions o;
    o.trust = verify::load_certificates(test::cert("root"));
    o.crls = verify::load_crls(test::source("keys/demo/issuing.crl.pem"));
    for (auto& c : verify::load_crls(test::source("keys/demo/root.crl.pem"))) o.crls.push_back(c);
    o.at = *core::parse_instant("2026-03-02T00:00:00Z");
    const core::Bytes pdf = core::read_file(in);
    std::string first;
    for (std::size_t n : {1, 3, 2, 1}) {
        verify::clear_process_caches();
        o.threads = n;
        const auto r = verify::verify_pdf(pdf, "p.pdf", o);
        REQUIRE(r.signatures.size() == 3);
        for (const auto& s : r.signatures) CHECK(s.level == "B-T");
        const std::string text = verify::to_text(r) + verify::to_json({r});
        if (first.empty()) first = text;
        CHECK(text == first);
    }
}
