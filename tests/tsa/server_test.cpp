// kansli's TSA over HTTP, witnessed by openssl ts: requests made by `openssl ts -query`, replies
// parsed by `openssl ts -reply -text` and verified by `openssl ts -verify` against the demo root.
#include "cms/timestamp.hpp"
#include "core/diagnostic.hpp"
#include "support/tools.hpp"
#include "tsa/fixture.hpp"
#include "tsa/serials.hpp"

#include <catch2/catch.hpp>

#include <httplib.h>

#include <set>
#include <thread>

using namespace kansli;

namespace {

std::string query(const std::string& dir, const std::string& name, std::vector<std::string> extra) {
    core::write_file_atomic(dir + "/data.txt", std::string("protokoll §1\n"));
    std::vector<std::string> argv = {"openssl", "ts", "-query", "-data", dir + "/data.txt", "-out", dir + "/" + name};
    argv.insert(argv.end(), extra.begin(), extra.end());
    const auto r = test::run(argv);
    REQUIRE(r.exit_code == 0);
    return dir + "/" + name;
}

std::string reply_text(const std::string& tsr) {
    const auto r = test::run({"openssl", "ts", "-reply", "-in", tsr, "-text"});
    REQUIRE(r.exit_code == 0);
    return r.out;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("tsa: openssl ts -query → granted reply that openssl ts -verify accepts, nonce echoed", "[tsa]") {
    const std::string dir = test::temp_dir("tsa-ok");
    test::RunningTsa tsa(dir + "/serial");
    CHECK(tsa.url().rfind("http://127.0.0.1:", 0) == 0);
    for (const char* hash : {"-sha256", "-sha512"}) {
        INFO(hash);
        const std::string q = query(dir, "q.tsq", {hash, "-cert"});
        CHECK(test::post_file(tsa.url() + "any/path", q, dir + "/r.tsr") == "200 application/timestamp-reply");
        const std::string text = reply_text(dir + "/r.tsr");
        INFO(text);
        CHECK(has(text, "Status: Granted."));
        CHECK(has(text, "Policy OID: tsa_policy1"));  // 1.2.3.4.1, the demo policy
        CHECK(has(text, "Accuracy: 0x01 seconds"));
        CHECK(has(text, "Time stamp: Mar  1 10:00:00 2026 GMT"));
        // The nonce openssl put into the query comes back.
        const auto qtext = test::run({"openssl", "ts", "-query", "-in", q, "-text"}).out;
        const auto nonce_at = qtext.find("Nonce: ");
        REQUIRE(nonce_at != std::string::npos);
        CHECK(has(text, qtext.substr(nonce_at, qtext.find('\n', nonce_at) - nonce_at)));
        const auto v = test::run({"openssl", "ts", "-verify", "-in", dir + "/r.tsr", "-queryfile", q, "-CAfile",
                                  test::cert("root"), "-untrusted", test::cert("tsa")});
        INFO(v.out << v.err);
        CHECK(v.exit_code == 0);
        CHECK(has(v.out, "Verification: OK"));
    }
    // Without -cert (certReq absent) the token carries no certificate; openssl still verifies it
    // with the TSA certificate given as untrusted.
    const std::string q = query(dir, "q2.tsq", {"-sha256"});
    test::post_file(tsa.url(), q, dir + "/r2.tsr");
    const auto v = test::run({"openssl", "ts", "-verify", "-in", dir + "/r2.tsr", "-queryfile", q, "-CAfile",
                              test::cert("root"), "-untrusted", test::cert("tsa")});
    CHECK(v.exit_code == 0);
}

TEST_CASE("tsa: malformed and unsupported requests are rejected with the right failure info", "[tsa]") {
    const std::string dir = test::temp_dir("tsa-reject");
    test::RunningTsa tsa(dir + "/serial");
    const std::string good = query(dir, "good.tsq", {"-sha256", "-cert"});
    const core::Bytes good_bytes = core::read_file(good);

    struct Case {
        std::string name;
        core::Bytes body;
        std::string content_type;
        std::string failure;  // openssl's text for the PKIFailureInfo bit
    };
    std::vector<Case> cases;
    cases.push_back({"not DER", core::Bytes{'h', 'e', 'l', 'l', 'o'}, "application/timestamp-query", "wrong format"});
    cases.push_back({"empty", core::Bytes{}, "application/timestamp-query", "wrong format"});
    core::Bytes truncated(good_bytes.begin(), good_bytes.end() - 3);
    cases.push_back({"truncated", truncated, "application/timestamp-query", "wrong format"});
    core::Bytes trailing = good_bytes;
    trailing.push_back(0);
    cases.push_back({"trailing byte", trailing, "application/timestamp-query", "wrong format"});
    core::Bytes v2 = good_bytes;  // 30 LL 02 01 01: the version INTEGER's value is byte 4
    REQUIRE(v2.at(2) == 0x02);
    v2.at(4) = 2;
    cases.push_back({"version 2", v2, "application/timestamp-query", "transaction not permitted or supported"});
    cases.push_back({"wrong content type", good_bytes, "text/plain", "transaction not permitted or supported"});
    cases.push_back({"SHA-1", core::read_file(query(dir, "sha1.tsq", {"-sha1"})), "application/timestamp-query",
                     "unrecognized or unsupported algorithm identifier"});
    cases.push_back({"MD5", core::read_file(query(dir, "md5.tsq", {"-md5"})), "application/timestamp-query",
                     "unrecognized or unsupported algorithm identifier"});
    cases.push_back({"policy", core::read_file(query(dir, "pol.tsq", {"-sha256", "-tspolicy", "1.2.3.4.99"})),
                     "application/timestamp-query", "requested TSA policy is not supported"});
    cases.push_back({"too large", core::Bytes(20000, 0x30), "application/timestamp-query", "wrong format"});
    std::vector<test::Post> posts;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const std::string body = dir + "/bad" + std::to_string(i) + ".tsq";
        core::write_file_atomic(body, cases[i].body);
        posts.push_back({body, dir + "/bad" + std::to_string(i) + ".tsr", cases[i].content_type});
    }
    const auto statuses = test::post_files(tsa.url(), posts);
    for (std::size_t i = 0; i < cases.size(); ++i) {
        INFO(cases[i].name);
        CHECK(statuses[i] == "200 application/timestamp-reply");
        const std::string text = reply_text(posts[i].reply_file);
        INFO(text);
        CHECK(has(text, "Status: Rejected."));
        CHECK(has(text, cases[i].failure));
        CHECK(has(text, "TST info:\nNot included."));
    }
    // The server still answers after all of that.
    test::post_file(tsa.url(), good, dir + "/after.tsr");
    CHECK(has(reply_text(dir + "/after.tsr"), "Status: Granted."));
}

TEST_CASE("tsa: serial numbers unique across a restart and across two servers on one state file", "[tsa]") {
    const std::string dir = test::temp_dir("tsa-serial");
    const std::string q = query(dir, "q.tsq", {"-sha256"});
    std::set<std::string> serials;
    const auto collect = [&](const std::string& url, const std::string& tag) {
        std::vector<test::Post> posts;
        for (int i = 0; i < 3; ++i) posts.push_back({q, dir + "/" + tag + std::to_string(i) + ".tsr"});
        test::post_files(url, posts);
        for (const auto& p : posts) {
            const std::string text = reply_text(p.reply_file);
            const auto at = text.find("Serial number: ");
            REQUIRE(at != std::string::npos);
            CHECK(serials.insert(text.substr(at, text.find('\n', at) - at)).second);
        }
    };
    {
        test::RunningTsa a(dir + "/serial");
        collect(a.url(), "a");
    }
    {
        test::RunningTsa b(dir + "/serial");  // restart on the same state
        test::RunningTsa c(dir + "/serial");  // and a second server at the same time
        collect(b.url(), "b");
        collect(c.url(), "c");
    }
    CHECK(serials.size() == 9);
    // The store itself: blocks never overlap, whoever holds the file.
    tsa::SerialStore s1(dir + "/store", 2), s2(dir + "/store", 2);
    std::set<std::uint64_t> seen;
    for (int i = 0; i < 6; ++i) {
        CHECK(seen.insert(s1.next()).second);
        CHECK(seen.insert(s2.next()).second);
    }
    core::write_file_atomic(dir + "/bad-state", std::string("next twelve\n"));
    CHECK_THROWS_AS(tsa::SerialStore(dir + "/bad-state"), core::Error);
}

TEST_CASE("tsa: concurrent keep-alive clients get distinct serials and their own nonces back", "[tsa]") {
    const std::string dir = test::temp_dir("tsa-conc");
    test::RunningTsa tsa(dir + "/serial");
    const auto port = tsa.server().port();
    constexpr int kThreads = 6, kEach = 40;
    std::vector<std::vector<std::string>> serials(kThreads);  // as strings: GCC 12 warns on set<vector<uint8_t>>
    std::vector<int> failures(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            for (int i = 0; i < kEach; ++i) {
                cms::tsp::Request req;
                req.imprint =
                    cms::tsp::sha256_imprint(core::Bytes{static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(i)});
                req.nonce = {0x01, static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(i)};
                req.cert_req = true;
                const auto body = cms::tsp::encode_request(req);
                auto res = client.Post("/", std::string(body.begin(), body.end()), "application/timestamp-query");
                if (!res || res->status != 200) {
                    ++failures[t];
                    continue;
                }
                const auto r = cms::tsp::decode_response(core::Bytes(res->body.begin(), res->body.end()));
                const auto check = cms::tsp::check_token(r.token, req.imprint, req.nonce);
                if (r.status != 0 || !check.problem.empty()) {
                    ++failures[t];
                    continue;
                }
                serials[t].emplace_back(check.info->serial.begin(), check.info->serial.end());
            }
        });
    }
    for (auto& th : threads) th.join();
    std::set<std::string> all;
    for (int t = 0; t < kThreads; ++t) {
        CHECK(failures[t] == 0);
        all.insert(serials[t].begin(), serials[t].end());
    }
    CHECK(all.size() == std::size_t{kThreads} * kEach);
}

TEST_CASE("tsa: refuses to start with a certificate that may not sign time-stamps", "[tsa]") {
    const std::string dir = test::temp_dir("tsa-refuse");
    // A signer certificate (no extKeyUsage) as TSA certificate.
    CHECK_THROWS_AS(test::RunningTsa(dir + "/serial", test::key("christian-ahren"), test::cert("christian-ahren")),
                    core::Error);
    tsa::ServerConfig cfg;
    cfg.key_path = test::key("tsa");
    cfg.cert_path = test::cert("tsa");
    cfg.passphrase = "kansli-demo";
    cfg.listen = "127.0.0.1:99999";
    cfg.serial_file = dir + "/serial";
    cfg.clock = [] { return core::Instant{1772359200}; };
    CHECK_THROWS_AS(tsa::Server(cfg), core::Error);
}

TEST_CASE("tsa: mutated requests and tokens never crash: always a reply, always a verdict", "[tsa]") {
    const std::string dir = test::temp_dir("tsa-mutate");
    test::RunningTsa tsa(dir + "/serial");
    cms::tsp::Request req;
    req.imprint = cms::tsp::sha256_imprint(core::Bytes{1, 2, 3});
    req.nonce = {0x01, 0x02, 0x03, 0x04};
    req.cert_req = true;
    req.policy = cms::tsp::kDemoPolicy;
    const core::Bytes good = cms::tsp::encode_request(req);
    const auto reply = cms::tsp::decode_response(tsa.server().respond("application/timestamp-query", good));
    REQUIRE(reply.status == 0);
    const core::Bytes token = reply.token;
    std::uint32_t seed = 12345;
    const auto rnd = [&] { return seed = seed * 1664525u + 1013904223u; };
    std::size_t granted = 0, rejected = 0, token_ok = 0;
    for (int i = 0; i < 1500; ++i) {
        core::Bytes q = good;
        for (int k = 0, n = 1 + static_cast<int>(rnd() % 3); k < n; ++k) {
            const std::size_t at = rnd() % q.size();
            switch (rnd() % 3) {
                case 0: q[at] = static_cast<std::uint8_t>(rnd()); break;
                case 1: q.erase(q.begin() + static_cast<std::ptrdiff_t>(at)); break;
                default: q.insert(q.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(rnd())); break;
            }
            if (q.empty()) q.push_back(0x30);
        }
        const auto r = cms::tsp::decode_response(tsa.server().respond("application/timestamp-query", q));
        (r.status == 0 ? granted : rejected) += 1;
        if (r.status == 0) {  // a granted mutant still answers exactly what it asked
            const auto back = cms::tsp::decode_request(q);
            CHECK(cms::tsp::check_token(r.token, back.imprint, back.nonce).problem.empty());
        } else {
            CHECK(r.status == 2);
            CHECK(r.fail_bits != 0);
        }
        core::Bytes t = token;
        t[rnd() % t.size()] ^= static_cast<std::uint8_t>(1 + rnd() % 255);
        if (cms::tsp::check_token(t, req.imprint, req.nonce).problem.empty()) ++token_ok;
    }
    INFO("granted " << granted << ", rejected " << rejected << ", mutated tokens accepted " << token_ok);
    CHECK(rejected > 1000);
    // Only flips in bytes nothing signs and cms/decode does not check pass: SignedData and
    // SignerInfo version numbers, the digestAlgorithms SET, and the unused-bits octet of the
    // certificate's signature BIT STRING (Botan re-encodes the certificate before the ESS hash).
    // Measured: 15 of the 1,433 offsets of the demo token; here 19 of 1,500 random flips.
    CHECK(token_ok < 50);
}
