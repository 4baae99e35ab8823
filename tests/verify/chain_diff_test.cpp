// verify/chain against `openssl verify`: a corpus of certificate chains generated at test time
// (tests/data/verify/chains/make-chains.sh, written beside the test binary) is
// validated by ChainValidator and by `openssl verify -x509_strict -crl_check_all -attime T`;
// both answers are reduced to a verdict (valid / invalid / indeterminate) and a reason class, and
// must agree on every chain, except the deliberate differences listed with their reasons in
// tests/data/verify/chains/deliberate.tsv (an entry that no longer differs fails too).
#include "support/tools.hpp"
#include "verify/chain.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

using namespace kansli;
using Code = Botan::Certificate_Status_Code;

namespace {

constexpr std::int64_t kAt = 1893456000;  // 2030-01-01T00:00:00Z

// Botan's status → reason class.
std::string class_of(Code c) {
    switch (c) {
        case Code::OK: return "ok";
        case Code::NO_REVOCATION_DATA: return "no-crl";
        case Code::SIGNATURE_METHOD_TOO_WEAK:
        case Code::UNTRUSTED_HASH: return "weak";
        case Code::CERT_NOT_YET_VALID: return "not-yet-valid";
        case Code::CERT_HAS_EXPIRED: return "expired";
        case Code::CRL_NOT_YET_VALID: return "crl-not-yet-valid";
        case Code::CRL_HAS_EXPIRED: return "crl-expired";
        case Code::CERT_ISSUER_NOT_FOUND:
        case Code::CANNOT_ESTABLISH_TRUST:
        case Code::CERT_CHAIN_LOOP:
        case Code::CHAIN_LACKS_TRUST_ROOT: return "no-path";
        case Code::INVALID_USAGE:
        case Code::CA_CERT_NOT_FOR_CERT_ISSUER:
        case Code::CA_CERT_NOT_FOR_CRL_ISSUER: return "ca-usage";
        case Code::CERT_CHAIN_TOO_LONG: return "path-length";
        case Code::NAME_CONSTRAINT_ERROR: return "name-constraints";
        case Code::UNKNOWN_CRITICAL_EXTENSION: return "critical-extension";
        case Code::CERT_IS_REVOKED: return "revoked";
        case Code::CRL_BAD_SIGNATURE: return "crl-signature";
        case Code::SIGNATURE_ERROR:
        case Code::CERT_PUBKEY_INVALID: return "signature";
        default: return "botan-" + std::to_string(static_cast<int>(c));
    }
}

// OpenSSL's X509_V_ERR_* number → reason class.
std::string class_of_openssl(int e) {
    static const std::map<int, std::string> k = {
        {0, "ok"},
        {3, "no-crl"},
        {2, "no-path"},
        {18, "no-path"},
        {19, "no-path"},
        {20, "no-path"},
        {21, "no-path"},
        {10, "expired"},
        {9, "not-yet-valid"},
        {12, "crl-expired"},
        {11, "crl-not-yet-valid"},
        {23, "revoked"},
        {8, "crl-signature"},
        {7, "signature"},
        {6, "signature"},
        {24, "ca-usage"},
        {79, "ca-usage"},
        {82, "ca-usage"},
        {32, "ca-usage"},
        {35, "ca-usage"},
        {26, "ca-usage"},
        {25, "path-length"},
        {47, "name-constraints"},
        {48, "name-constraints"},
        {49, "name-constraints"},
        {51, "name-constraints"},
        {34, "critical-extension"},
        {36, "critical-extension"},
        {66, "weak"},
        {67, "weak"},
        {68, "weak"},
    };
    auto it = k.find(e);
    return it == k.end() ? "openssl-" + std::to_string(e) : it->second;
}

// The facet a class stands for, as verify/chain.cpp reads Botan's status: the signer's fault
// (invalid) or an identity left unknown (indeterminate).
std::string verdict_of(const std::string& cls) {
    if (cls == "ok") return "valid";
    for (const char* f : {"revoked", "expired", "not-yet-valid", "signature", "ca-usage", "path-length"}) {
        if (cls == f) return "invalid";
    }
    return "indeterminate";
}

std::string verdict_of(verify::FacetStatus s) {
    switch (s) {
        case verify::FacetStatus::Ok: return "valid";
        case verify::FacetStatus::Failed: return "invalid";
        default: return "indeterminate";
    }
}

bool non_empty(const std::string& path) { return std::filesystem::file_size(path) > 0; }

std::string kansli_answer(const std::string& dir, std::string& text) {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(dir + "/trust.pem");
    if (non_empty(dir + "/crls.pem")) o.crls = verify::load_crls(dir + "/crls.pem");
    o.at = core::Instant{kAt};
    std::vector<Botan::X509_Certificate> untrusted;
    if (non_empty(dir + "/untrusted.pem")) untrusted = verify::load_certificates(dir + "/untrusted.pem");
    verify::ChainValidator v(o);
    const auto r = v.validate(verify::load_certificates(dir + "/leaf.pem").front(), untrusted, {});
    text = r.text;
    // A valid path without revocation data given is what openssl calls "unable to get CRL".
    const std::string cls =
        r.code == Code::OK && r.facet.status != verify::FacetStatus::Ok ? "no-crl" : class_of(r.code);
    return verdict_of(r.facet.status) + "/" + cls;
}

std::string openssl_answer(const std::string& dir, std::string& text) {
    std::vector<std::string> argv = {"openssl",           "verify",  "-x509_strict",    "-crl_check_all", "-attime",
                                     std::to_string(kAt), "-CAfile", dir + "/trust.pem"};
    if (non_empty(dir + "/untrusted.pem")) argv.insert(argv.end(), {"-untrusted", dir + "/untrusted.pem"});
    if (non_empty(dir + "/crls.pem")) argv.insert(argv.end(), {"-CRLfile", dir + "/crls.pem"});
    argv.push_back(dir + "/leaf.pem");
    const auto r = test::run(argv);
    std::smatch m;
    const std::string all = r.out + r.err;
    static const std::regex error_line("error ([0-9]+) at ([0-9]+) depth lookup: ([^\n]*)");
    int code = 0;
    if (std::regex_search(all, m, error_line)) {
        code = std::stoi(m[1]);
        text = m[0];
    } else if (r.exit_code != 0) {
        code = -1;
        text = all;
    } else {
        text = "OK";
    }
    const std::string cls = class_of_openssl(code);
    return verdict_of(cls) + "/" + cls;
}

struct Deliberate {
    std::string kansli, openssl, reason;
};

// tests/data/verify/chains/deliberate.tsv: case, kansli's answer, openssl's, why (tab-separated).
std::map<std::string, Deliberate> deliberate() {
    std::map<std::string, Deliberate> out;
    std::ifstream in(test::data("verify/chains/deliberate.tsv"));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream f(line);
        std::string name;
        Deliberate d;
        std::getline(f, name, '\t');
        std::getline(f, d.kansli, '\t');
        std::getline(f, d.openssl, '\t');
        std::getline(f, d.reason);
        out[name] = d;
    }
    return out;
}

}  // namespace

TEST_CASE("chain: kansli's verdicts agree with openssl verify on a generated corpus", "[verify][chain][openssl]") {
    // Beside the test binary (the build folder), whatever the working directory.
    const std::string dir = (std::filesystem::canonical("/proc/self/exe").parent_path() / "verify-chains").string();
    const auto made = test::run({"bash", test::data("verify/chains/make-chains.sh"), dir});
    INFO(made.out << made.err);
    REQUIRE(made.exit_code == 0);
    std::ifstream list(dir + "/cases");
    std::vector<std::string> cases;
    for (std::string c; std::getline(list, c);) cases.push_back(c);
    REQUIRE(cases.size() >= 30);

    const auto known = deliberate();
    std::ofstream report(dir + "/report.tsv");
    report << "case\tkansli\topenssl\tagree\tkansli status\topenssl status\n";
    std::size_t agreed = 0, valid = 0, invalid = 0;
    for (const auto& c : cases) {
        std::string ours_text, theirs_text;
        const std::string ours = kansli_answer(dir + "/" + c, ours_text);
        const std::string theirs = openssl_answer(dir + "/" + c, theirs_text);
        const auto it = known.find(c);
        report << c << '\t' << ours << '\t' << theirs << '\t'
               << (ours == theirs      ? "yes"
                   : it != known.end() ? "deliberate"
                                       : "NO")
               << '\t' << ours_text << '\t' << theirs_text << '\n';
        INFO(c << ": kansli " << ours << " (" << ours_text << "), openssl " << theirs << " (" << theirs_text << ")");
        if (it == known.end()) {
            CHECK(ours == theirs);
        } else {
            INFO("listed as deliberate: " << it->second.reason);
            CHECK(ours != theirs);  // a stale entry fails
            CHECK(ours == it->second.kansli);
            CHECK(theirs == it->second.openssl);
        }
        if (ours == theirs) ++agreed;
        if (ours.starts_with("valid/")) ++valid;
        if (ours.starts_with("invalid/")) ++invalid;
    }
    for (const auto& [name, d] : known) {
        INFO("deliberate.tsv names a case the corpus lacks: " << name);
        CHECK(std::find(cases.begin(), cases.end(), name) != cases.end());
    }
    // The corpus exercises every verdict.
    CHECK(valid >= 5);
    CHECK(invalid >= 5);
    CHECK(agreed + known.size() == cases.size());
}
