// `kansli sign --prepare` / `--complete` as processes, with `openssl pkeyutl -sign` as the external
// key holder: the completed file against openssl cms -verify, pdfsig and kansli verify, the RSA
// completion byte-identical to a one-step kansli sign, and every tamper refused with nothing written.
#include "cms/der_reader.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace sign_external_test {

namespace {

const std::vector<std::string> kPass = {"KANSLI_PASSPHRASE=kansli-demo"};
const std::string kT1 = "2023-02-24T13:00:00Z", kT2 = "2023-02-27T09:15:00Z";

std::string key(const std::string& who) { return test::source("keys/demo/" + who + ".key.pem"); }
std::string cert(const std::string& who) { return test::source("keys/demo/" + who + ".cert.pem"); }
bool exists(const std::string& p) { return std::filesystem::exists(p); }

test::RunResult prepare(const std::string& in, const std::string& out, const std::string& who,
                        std::vector<std::string> extra) {
    std::vector<std::string> args = {"sign", in, "-o", out, "--prepare", "--cert", cert(who)};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::kansli(args);
}

test::RunResult complete(const std::string& in, const std::string& out, const std::string& sig, const std::string& who,
                         std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"sign", in, "-o", out, "--complete", sig, "--cert", cert(who)};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::kansli(args);
}

// The external key holder: openssl signs the 32-byte digest as a pre-hashed SHA-256 message.
void external_sign(const std::string& who, const std::string& digest, const std::string& sig) {
    const auto r = test::run({"openssl", "pkeyutl", "-sign", "-inkey", key(who), "-passin", "pass:kansli-demo",
                              "-pkeyopt", "digest:sha256", "-in", digest, "-out", sig});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

// Writes the last signature's CMS and signed bytes of `pdf` to files, for openssl cms -verify.
void split_last_signature(const std::string& pdf, const std::string& cms, const std::string& content) {
    const core::Bytes b = core::read_file(pdf);
    const std::string s(b.begin(), b.end());
    const auto at = s.rfind("/ByteRange [0 ");
    REQUIRE(at != std::string::npos);
    std::size_t pos = at + 14;
    const auto number = [&] {
        std::size_t end = 0;
        const auto v = std::stoull(s.substr(pos), &end);
        pos += end;
        return static_cast<std::size_t>(v);
    };
    const std::size_t a = number(), c = number(), d = number();
    const std::string hex = s.substr(a + 1, c - a - 2);
    core::Bytes padded;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) padded.push_back(std::stoi(hex.substr(i, 2), nullptr, 16));
    // /Contents is the CMS padded with zeros to its reserved size: the DER's own outer length says
    // where it ends. (Trimming trailing zeros cut an ECDSA signature whose last byte is 0, one in 256.)
    const auto outer = kansli::cms::der::Reader(padded).next("the CMS");
    core::write_file_atomic(cms, core::Bytes(outer.whole.begin(), outer.whole.end()));
    core::write_file_atomic(content, s.substr(0, a) + s.substr(c, d));
}

void check_with_outside_tools(const std::string& dir, const std::string& pdf, std::size_t signatures) {
    split_last_signature(pdf, dir + "/cms.der", dir + "/content.bin");
    const auto cms = test::run({"openssl", "cms", "-verify", "-inform", "DER", "-in", dir + "/cms.der", "-content",
                                dir + "/content.bin", "-binary", "-purpose", "any", "-CAfile",
                                test::source("keys/demo/root.cert.pem"), "-out", "/dev/null"});
    INFO(cms.err);
    CHECK(cms.exit_code == 0);
    const auto sig = test::run({"pdfsig", "-nocert", pdf});
    std::size_t valid = 0;
    for (auto p = sig.out.find("Signature is Valid."); p != std::string::npos;
         p = sig.out.find("Signature is Valid.", p + 1))
        ++valid;
    CHECK(valid == signatures);
    const auto v = test::kansli({"verify", pdf, "--trust", test::source("keys/demo/root.cert.pem"), "--crl",
                                 test::source("keys/demo/issuing.crl.pem"), "--crl",
                                 test::source("keys/demo/root.crl.pem"), "--at", "2023-03-01T00:00:00Z"});
    INFO(v.out);
    CHECK(v.exit_code == 0);
    CHECK(v.out.find(": passed (every signature passed)") != std::string::npos);
}

// An ECDSA DER signature as raw r || s (32 bytes each), as WebCrypto returns it.
core::Bytes der_to_raw(const core::Bytes& der) {
    REQUIRE(der.size() > 8);
    REQUIRE(der[0] == 0x30);
    std::size_t at = 2;
    core::Bytes raw;
    for (int i = 0; i < 2; ++i) {
        REQUIRE(der[at] == 0x02);
        std::size_t len = der[at + 1];
        std::size_t from = at + 2;
        while (len > 32) {
            ++from;
            --len;
        }
        raw.insert(raw.end(), 32 - len, 0);
        raw.insert(raw.end(), der.begin() + static_cast<std::ptrdiff_t>(from),
                   der.begin() + static_cast<std::ptrdiff_t>(from + len));
        at = from + len;
    }
    return raw;
}

}  // namespace

TEST_CASE("prepare + openssl pkeyutl + complete: RSA byte-identical to kansli sign, ECDSA DER and r||s",
          "[cli][sign][external]") {
    const std::string dir = test::temp_dir("cli-external");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");

    // RSA (the sekreterare): the digest goes to the default place, OUT.pdf.digest.
    auto r = prepare(in, dir + "/1.prep.pdf", "christian-ahren", {"--role", "sekreterare", "--date", kT1});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(core::read_file(dir + "/1.prep.pdf.digest").size() == 32);
    // A prepared file is not a valid signature.
    const auto pv = test::kansli({"verify", dir + "/1.prep.pdf", "--trust", test::source("keys/demo/root.cert.pem")});
    CHECK(pv.exit_code == 1);
    CHECK(pv.out.find("prepared for an external key, not signed") != std::string::npos);
    CHECK(pv.out.find("1.prep.pdf: failed") != std::string::npos);
    CHECK(pv.out.find("signature 1: failed") != std::string::npos);
    CHECK(test::run({"pdfsig", "-nocert", dir + "/1.prep.pdf"}).out.find("Signature is Valid.") == std::string::npos);

    external_sign("christian-ahren", dir + "/1.prep.pdf.digest", dir + "/1.sig");
    r = complete(dir + "/1.prep.pdf", dir + "/1.pdf", dir + "/1.sig", "christian-ahren");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto one_step = test::kansli({"sign", in, "-o", dir + "/1.direct.pdf", "--key", key("christian-ahren"),
                                        "--cert", cert("christian-ahren"), "--role", "sekreterare", "--date", kT1},
                                       kPass);
    REQUIRE(one_step.exit_code == 0);
    CHECK(core::read_file(dir + "/1.pdf") == core::read_file(dir + "/1.direct.pdf"));  // PKCS#1 v1.5 is deterministic
    CHECK(core::read_file(dir + "/1.pdf").size() == core::read_file(dir + "/1.prep.pdf").size());  // same revision
    check_with_outside_tools(dir, dir + "/1.pdf", 1);

    // ECDSA P-256 (the justerare), --digest-out elsewhere; openssl gives a DER signature.
    r = prepare(dir + "/1.pdf", dir + "/2.prep.pdf", "bjorn-sandal",
                {"--role", "justerare", "--date", kT2, "--digest-out", dir + "/2.digest"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK_FALSE(exists(dir + "/2.prep.pdf.digest"));
    external_sign("bjorn-sandal", dir + "/2.digest", dir + "/2.sig");
    r = complete(dir + "/2.prep.pdf", dir + "/2.pdf", dir + "/2.sig", "bjorn-sandal");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    check_with_outside_tools(dir, dir + "/2.pdf", 2);

    // The same signature as raw r || s (WebCrypto) is converted to the same DER: the same file.
    core::write_file_atomic(dir + "/2.raw", der_to_raw(core::read_file(dir + "/2.sig")));
    REQUIRE(core::read_file(dir + "/2.raw").size() == 64);
    r = complete(dir + "/2.prep.pdf", dir + "/2r.pdf", dir + "/2.raw", "bjorn-sandal");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(core::read_file(dir + "/2r.pdf") == core::read_file(dir + "/2.pdf"));

    // A second, different ECDSA signature of the same digest completes the same content: another
    // valid file (ECDSA is randomised), never another document.
    external_sign("bjorn-sandal", dir + "/2.digest", dir + "/2b.sig");
    REQUIRE(core::read_file(dir + "/2b.sig") != core::read_file(dir + "/2.sig"));
    r = complete(dir + "/2.prep.pdf", dir + "/2b.pdf", dir + "/2b.sig", "bjorn-sandal");
    REQUIRE(r.exit_code == 0);
    CHECK(core::read_file(dir + "/2b.pdf") != core::read_file(dir + "/2.pdf"));
    check_with_outside_tools(dir, dir + "/2b.pdf", 2);
}

TEST_CASE("complete refuses every tampered hand-off with exit 1 and writes nothing", "[cli][sign][external]") {
    const std::string dir = test::temp_dir("cli-external-tamper");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    const std::string prep = dir + "/prep.pdf", digest = dir + "/prep.pdf.digest", out = dir + "/out.pdf";
    REQUIRE(prepare(in, prep, "christian-ahren", {"--role", "sekreterare", "--date", kT1}).exit_code == 0);
    external_sign("christian-ahren", digest, dir + "/good.sig");
    const core::Bytes good = core::read_file(dir + "/good.sig");
    REQUIRE(good.size() == 256);

    struct Case {
        const char* name;
        std::string pdf, sig, who;
        const char* message;
    };
    std::vector<Case> cases;
    // A signature over other data: another 32-byte digest, signed by the right key.
    core::write_file_atomic(dir + "/other.digest", std::string(32, 'x'));
    external_sign("christian-ahren", dir + "/other.digest", dir + "/other.sig");
    cases.push_back({"signature over other data", prep, dir + "/other.sig", "christian-ahren", "does not verify"});
    // Another certificate: of another person, and another RSA key with the right digest.
    cases.push_back({"another person's certificate", prep, dir + "/good.sig", "katarina-nyberg-finn",
                     "prepared for Christian Åhrén, but the certificate names Katarina Nyberg Finn"});
    external_sign("katarina-nyberg-finn", digest, dir + "/katarina.sig");
    cases.push_back({"another key over the digest", prep, dir + "/katarina.sig", "christian-ahren", "does not verify"});
    // The prepared file changed after --prepare: one byte of the signed range (its binary comment).
    core::Bytes changed = core::read_file(prep);
    REQUIRE(changed[10] == 0xE2);
    changed[10] = 0xE3;
    core::write_file_atomic(dir + "/changed.pdf", changed);
    cases.push_back({"one byte changed in the signed range", dir + "/changed.pdf", dir + "/good.sig", "christian-ahren",
                     "does not verify"});
    core::Bytes appended = core::read_file(prep);
    appended.push_back('\n');
    core::write_file_atomic(dir + "/appended.pdf", appended);
    cases.push_back(
        {"bytes appended", dir + "/appended.pdf", dir + "/good.sig", "christian-ahren", "does not end the file"});
    core::write_file_atomic(dir + "/truncated.sig", core::Bytes(good.begin(), good.end() - 1));
    cases.push_back({"truncated signature", prep, dir + "/truncated.sig", "christian-ahren", "is 255 bytes"});
    core::Bytes garbage(256);
    for (std::size_t i = 0; i < garbage.size(); ++i) garbage[i] = static_cast<std::uint8_t>(i * 131 + 7);
    core::write_file_atomic(dir + "/garbage.sig", garbage);
    cases.push_back({"garbage signature", prep, dir + "/garbage.sig", "christian-ahren", "does not verify"});
    core::write_file_atomic(dir + "/empty.sig", std::string());
    cases.push_back({"empty signature", prep, dir + "/empty.sig", "christian-ahren", "is 0 bytes"});
    cases.push_back({"an unprepared PDF", in, dir + "/good.sig", "christian-ahren", "not prepared"});
    // An ECDSA certificate given garbage: neither DER nor r || s.
    cases.push_back({"RSA bytes for an ECDSA certificate", prep, dir + "/good.sig", "bjorn-sandal",
                     "prepared for Christian Åhrén"});

    for (const auto& c : cases) {
        const auto r = complete(c.pdf, out, c.sig, c.who);
        INFO(c.name << ": " << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK_FALSE(exists(out));
    }

    // The good signature completes; the completed file cannot be completed again.
    REQUIRE(complete(prep, out, dir + "/good.sig", "christian-ahren").exit_code == 0);
    const auto again = complete(out, dir + "/again.pdf", dir + "/good.sig", "christian-ahren");
    CHECK(again.exit_code == 1);
    CHECK(again.err.find("not prepared") != std::string::npos);
    CHECK_FALSE(exists(dir + "/again.pdf"));
    // Another signer cannot sign after a prepared, uncompleted field.
    const auto after = test::kansli({"sign", prep, "-o", dir + "/after.pdf", "--key", key("bjorn-sandal"), "--cert",
                                     cert("bjorn-sandal"), "--role", "justerare", "--date", kT2},
                                    kPass);
    CHECK(after.exit_code == 1);
    CHECK(after.err.find("prepared for an external key but not signed") != std::string::npos);
}

TEST_CASE("prepare makes every check of a normal signature; usage errors are exit 2", "[cli][sign][external]") {
    const std::string dir = test::temp_dir("cli-external-usage");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    const std::string out = dir + "/out.pdf";
    SECTION("signing order and identity") {
        auto r = prepare(in, out, "bjorn-sandal", {"--role", "justerare", "--date", kT2});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("must sign before") != std::string::npos);
        r = prepare(in, out, "bjorn-sandal", {"--role", "sekreterare", "--date", kT1});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("is for Christian Åhrén, but the certificate names Björn Sandal") != std::string::npos);
        r = prepare(in, out, "christian-ahren", {"--field", "Nosuch", "--date", kT1});
        CHECK(r.exit_code == 1);
        r = prepare(in, out, "expired", {"--any-order", "--field", "Justerare", "--date", kT1});
        CHECK(r.exit_code == 1);
        CHECK_FALSE(exists(out));
        CHECK_FALSE(exists(out + ".digest"));
    }
    SECTION("usage") {
        const std::vector<std::vector<std::string>> bad = {
            {"sign", in, "-o", out, "--prepare", "--cert", cert("christian-ahren"), "--key", key("christian-ahren")},
            {"sign", in, "-o", out, "--complete", "x.sig", "--cert", cert("christian-ahren"), "--key",
             key("christian-ahren")},
            {"sign", in, "-o", out, "--prepare", "--complete", "x.sig", "--cert", cert("christian-ahren")},
            {"sign", in, "-o", out, "--digest-out", "d.bin", "--key", key("christian-ahren"), "--cert",
             cert("christian-ahren")},
            {"sign", in, "-o", out, "--complete", "x.sig", "--cert", cert("christian-ahren"), "--role", "justerare"},
            {"sign", in, "-o", "-", "--prepare", "--cert", cert("christian-ahren")},
            {"sign", in, "-o", out, "--prepare", "--cert", cert("christian-ahren"), "--digest-out", in},
            {"sign", in, "-o", out, "--prepare", "--cert", cert("christian-ahren"), "--digest-out", out},
            {"sign", in, "-o", out, "--prepare"},
        };
        for (const auto& args : bad) {
            const auto r = test::kansli(args, kPass);
            INFO(args[4] << " " << args.back() << ": " << r.err);
            CHECK(r.exit_code == 2);
            CHECK_FALSE(exists(out));
        }
    }
}

}  // namespace sign_external_test
