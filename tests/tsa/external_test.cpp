// `kansli sign --prepare --tsa URL` reserves the room of a signature time-stamp, `--complete SIG
// --tsa URL` fetches it after checking the external signature: PAdES B-T with a key kansli never
// holds. A file prepared without the room is refused before any time-stamp is asked for.
#include "core/files.hpp"
#include "support/tools.hpp"
#include "tsa/fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace external_test {

namespace {

test::RunResult verify(const std::string& pdf) {
    return test::kansli({"verify", pdf, "--trust", test::source("keys/demo/root.cert.pem"), "--crl",
                         test::source("keys/demo/issuing.crl.pem"), "--crl", test::source("keys/demo/root.crl.pem"),
                         "--at", "2026-03-02T00:00:00Z"});
}

}  // namespace

TEST_CASE("prepare --tsa, openssl pkeyutl, complete --tsa: B-T with an external key", "[tsa][external]") {
    const std::string dir = test::temp_dir("tsa-external");
    test::RunningTsa tsa(dir + "/serial");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    const std::vector<std::string> who = {"--cert", test::cert("christian-ahren")};
    const auto prepare = [&](const std::string& out, bool room) {
        std::vector<std::string> a = {
            "sign", in, "-o", out, "--prepare", "--role", "sekreterare", "--date", "2026-02-24T13:00:00Z"};
        a.insert(a.end(), who.begin(), who.end());
        if (room) a.insert(a.end(), {"--tsa", tsa.url()});
        const auto r = test::kansli(a);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto s =
            test::run({"openssl", "pkeyutl", "-sign", "-inkey", test::key("christian-ahren"), "-passin",
                       "pass:kansli-demo", "-pkeyopt", "digest:sha256", "-in", out + ".digest", "-out", out + ".sig"});
        REQUIRE(s.exit_code == 0);
    };
    const auto complete = [&](const std::string& prepared, const std::string& out, bool stamp) {
        std::vector<std::string> a = {"sign", prepared, "-o", out, "--complete", prepared + ".sig"};
        a.insert(a.end(), who.begin(), who.end());
        if (stamp) a.insert(a.end(), {"--tsa", tsa.url()});
        return test::kansli(a);
    };

    prepare(dir + "/room.pdf", true);
    auto r = complete(dir + "/room.pdf", dir + "/bt.pdf", true);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto v = verify(dir + "/bt.pdf");
    INFO(v.out);
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("level          B-T") != std::string::npos);
    CHECK(test::run({"pdfsig", "-nocert", dir + "/bt.pdf"}).out.find("Signature is Valid.") != std::string::npos);

    // The room is not required to be used: without --tsa the same file completes as B-B.
    r = complete(dir + "/room.pdf", dir + "/bb.pdf", false);
    REQUIRE(r.exit_code == 0);
    v = verify(dir + "/bb.pdf");
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("level          B-B") != std::string::npos);

    // Prepared without the room: refused before the TSA is asked, nothing written.
    prepare(dir + "/tight.pdf", false);
    r = complete(dir + "/tight.pdf", dir + "/no.pdf", true);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no room for a time-stamp") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/no.pdf"));
}

}  // namespace external_test
