// kansli utdrag and the self-proving extract (issue 12), end to end: a protokoll built, signed by
// its three justering signers, extracts made, certified and verified; then each tamper case
// (a glyph on a page, the carried § text, a § of another meeting, a forged inclusion path, a byte
// of an original SignerInfo) must fail. Checked with qpdf, pdftotext, pdfsig and openssl too.
#include "cms/decode.hpp"
#include "cms/utdrag_proof.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"
#include "verify/verify.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace utdrag_test {

namespace {

const std::vector<std::string> kPass = {"KANSLI_PASSPHRASE=kansli-demo"};
std::string keys(const std::string& f) { return test::source("keys/demo/" + f); }
std::vector<std::string> trust_args() {
    return {"--trust", keys("root.cert.pem"), "--crl", keys("issuing.crl.pem"), "--crl", keys("root.crl.pem")};
}

std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void run_ok(const std::vector<std::string>& args) {
    const auto r = test::kansli(args, kPass);
    INFO(r.err << r.out);
    REQUIRE(r.exit_code == 0);
}

void sign(const std::string& in, const std::string& out, const std::string& who, const std::string& role,
          const std::string& date) {
    run_ok({"sign", in, "-o", out, "--key", keys(who + ".key.pem"), "--cert", keys(who + ".cert.pem"), "--role", role,
            "--date", date});
}

/// The example protokoll with its date replaced by `date`, built and signed by its three signers.
std::string signed_protokoll(const std::string& dir, const std::string& date, int signers = 3) {
    std::string xml = slurp(test::source("templates/examples/protokoll-2023-02-24.xml"));
    const auto at = xml.find("<datum>2023-02-24</datum>");
    REQUIRE(at != std::string::npos);
    xml.replace(at, 25, "<datum>" + date + "</datum>");
    const std::string src = dir + "/protokoll-" + date + ".xml";
    std::ofstream(src) << xml;
    run_ok({"build", src, "--date", "2023-03-01T08:00:00Z"});
    const std::string stem = dir + "/protokoll-" + date;
    sign(stem + ".pdf", stem + ".s1.pdf", "christian-ahren", "sekreterare", "2023-03-01T09:00:00Z");
    if (signers < 2) return stem + ".s1.pdf";
    sign(stem + ".s1.pdf", stem + ".s2.pdf", "bjorn-sandal", "justerare", "2023-03-01T10:00:00Z");
    if (signers < 3) return stem + ".s2.pdf";
    sign(stem + ".s2.pdf", stem + ".signed.pdf", "katarina-nyberg-finn", "ordförande", "2023-03-01T11:00:00Z");
    return stem + ".signed.pdf";
}

verify::VerifyReport verify_file(const std::string& path) {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(keys("root.cert.pem"));
    for (const char* c : {"issuing.crl.pem", "root.crl.pem"})
        for (auto& crl : verify::load_crls(keys(c))) o.crls.push_back(crl);
    o.at = *core::parse_instant("2023-03-02T12:00:00Z");
    const core::Bytes b = core::read_file(path);
    return verify::verify_pdf(b, path, o);
}

std::string stream_bytes(QPDFObjectHandle s) {
    auto b = s.getStreamData(qpdf_dl_all);
    return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
}

/// Rewrites `in` into `out` with the extract's proof passed through `mutate`.
void mutate_proof(const std::string& in, const std::string& out, const std::function<void(cms::UtdragProof&)>& mutate) {
    QPDF q;
    q.processFile(in.c_str());
    QPDFObjectHandle s = q.getRoot().getKey("/KANS_Data").getKey("/UtdragProof");
    std::string why;
    auto p = cms::decode_utdrag_proof(stream_bytes(s), why);
    REQUIRE(p);
    mutate(*p);
    const core::Bytes der = cms::encode_utdrag_proof(*p);
    s.replaceStreamData(std::string(der.begin(), der.end()), QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
    QPDFWriter w(q, out.c_str());
    w.setStaticID(true);
    w.write();
}

cms::UtdragProof proof_of(const std::string& pdf) {
    QPDF q;
    q.processFile(pdf.c_str());
    std::string why;
    auto p = cms::decode_utdrag_proof(stream_bytes(q.getRoot().getKey("/KANS_Data").getKey("/UtdragProof")), why);
    REQUIRE(p);
    return *p;
}

struct Fixture {
    std::string dir = test::temp_dir("utdrag");
    std::string protokoll = signed_protokoll(dir, "2023-02-24");
    std::string extract = dir + "/utdrag.pdf";
    Fixture() {
        run_ok({"utdrag", protokoll, "--paragrafer", "5,7", "-o", extract, "--date", "2023-03-02T08:00:00Z",
                trust_args()[0], trust_args()[1], trust_args()[2], trust_args()[3], trust_args()[4], trust_args()[5]});
    }
};

}  // namespace

TEST_CASE("utdrag: an extract of a justerat protokoll proves its §§ and is certified", "[cli][utdrag]") {
    Fixture f;
    CHECK(test::run({"qpdf", "--check", f.extract}).exit_code == 0);
    const auto text = test::run({"pdftotext", "-layout", f.extract, "-"}).out;
    CHECK(text.find("PROTOKOLLSUTDRAG") != std::string::npos);
    CHECK(text.find("Utdraget omfattar") != std::string::npos);
    CHECK(text.find("§5, §7") != std::string::npos);
    CHECK(text.find("Utdragsbestyrkande") != std::string::npos);
    // Every justering signature of the protokoll signs the root (openssl reads the attribute).
    const auto p = proof_of(f.extract);
    REQUIRE(p.signatures.size() == 3);
    CHECK(p.leaves.size() == 3);
    for (const auto& der : p.signatures) {
        std::ofstream(f.dir + "/sig.der", std::ios::binary)
            .write(reinterpret_cast<const char*>(der.data()), der.size());
        const auto o = test::run({"openssl", "cms", "-cmsout", "-print", "-inform", "DER", "-in", f.dir + "/sig.der"});
        CHECK(o.out.find("2.25.120132306985079343803119048589250433791") != std::string::npos);
    }
    const std::string certified = f.dir + "/bestyrkt.pdf";
    sign(f.extract, certified, "christian-ahren", "utdragsbestyrkande", "2023-03-02T09:00:00Z");
    const auto rep = verify_file(certified);
    INFO(rep.reason << " / " << rep.extract_proof.detail);
    CHECK(rep.verdict == verify::Verdict::Passed);
    CHECK(rep.extract_proof.status == verify::FacetStatus::Ok);
    CHECK(rep.extract_proof.detail ==
          "§5, §7 are word for word as in the protokoll of 2023-02-24 justerat by Christian Åhrén (sekreterare), "
          "Björn Sandal (justerare), Katarina Nyberg Finn (ordförande)");
    const auto v = test::kansli({"verify", certified, trust_args()[0], trust_args()[1], trust_args()[2],
                                 trust_args()[3], trust_args()[4], trust_args()[5], "--at", "2023-03-02T12:00:00Z"});
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("protokollsutdrag: ok — §5, §7 are word for word") != std::string::npos);
    CHECK(test::run({"pdfsig", "-nocert", certified}).out.find("Signature is Valid.") != std::string::npos);
}

TEST_CASE("utdrag: the §§ in the protokoll's order, each once; a § it lacks is refused", "[cli][utdrag]") {
    Fixture f;
    const auto ta = trust_args();
    auto with_trust = [&](std::vector<std::string> args) {
        args.insert(args.end(), ta.begin(), ta.end());
        return test::kansli(args);
    };
    auto r = with_trust(
        {"utdrag", f.protokoll, "--paragrafer", "7,5,7", "-o", f.dir + "/again.pdf", "--date", "2023-03-02T08:00:00Z"});
    REQUIRE(r.exit_code == 0);
    CHECK(test::run({"pdftotext", "-layout", f.dir + "/again.pdf", "-"}).out.find("§5, §7\n") != std::string::npos);
    CHECK(proof_of(f.dir + "/again.pdf").leaves.size() == 3);  // the meeting, §5, §7
    for (const std::string& extra : {std::string("-o"), std::string("--per-mottagare")}) {
        const std::string out = f.dir + "/missing" + extra;
        r = with_trust({"utdrag", f.protokoll, "--paragrafer", "10,99", extra, out, "--date", "2023-03-02T08:00:00Z"});
        INFO(extra << ": " << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("error: the protokoll has no §99") != std::string::npos);
        CHECK(r.err.find("hint: its §§ are §1 to §15") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
    }
}

TEST_CASE("utdrag: the original signers in signing order, not in the order of the form fields", "[cli][utdrag]") {
    // The form's fields follow <underskrifter> (sekreterare, justerare, ordförande); with
    // --any-order the justerare signs first, then the sekreterare, then the ordförande.
    const std::string dir = test::temp_dir("utdrag-order");
    std::ofstream(dir + "/p.xml") << slurp(test::source("templates/examples/protokoll-2023-02-24.xml"));
    run_ok({"build", dir + "/p.xml", "--date", "2023-03-01T08:00:00Z"});
    const std::vector<std::pair<std::string, std::string>> order = {
        {"bjorn-sandal", "justerare"}, {"christian-ahren", "sekreterare"}, {"katarina-nyberg-finn", "ordförande"}};
    std::string in = dir + "/p.pdf";
    for (std::size_t i = 0; i < order.size(); ++i) {
        const std::string out = dir + "/s" + std::to_string(i + 1) + ".pdf";
        run_ok({"sign", in, "-o", out, "--key", keys(order[i].first + ".key.pem"), "--cert",
                keys(order[i].first + ".cert.pem"), "--role", order[i].second, "--any-order", "--date",
                "2023-03-01T1" + std::to_string(i) + ":00:00Z"});
        in = out;
    }
    {
        QPDF q;  // the precondition: field order differs from signing order
        q.processFile(in.c_str());
        std::vector<std::string> fields;
        for (auto f : q.getRoot().getKey("/AcroForm").getKey("/Fields").getArrayAsVector())
            if (f.getKey("/FT").isName() && f.getKey("/FT").getName() == "/Sig")
                fields.push_back(f.getKey("/T").getUTF8Value());
        REQUIRE(fields == std::vector<std::string>{"Sekreterare", "Justerare", "Ordförande"});
    }
    const std::string extract = dir + "/u.pdf";
    const auto ta = trust_args();
    std::vector<std::string> args = {"utdrag", in,      "--paragrafer", "5",
                                     "-o",     extract, "--date",       "2023-03-02T08:00:00Z"};
    args.insert(args.end(), ta.begin(), ta.end());
    run_ok(args);
    // The carried SignerInfos are in signing order.
    std::vector<std::string> carried;
    for (const auto& der : proof_of(extract).signatures) {
        cms::DecodeOptions o;
        o.content_absent = true;
        const cms::CmsResult r = cms::verify_detached(der, {}, o);
        REQUIRE(r.signer);
        carried.push_back(r.signer->subject_info("X520.CommonName").at(0));
    }
    CHECK(carried == std::vector<std::string>{"Björn Sandal", "Christian Åhrén", "Katarina Nyberg Finn"});
    const std::string certified = dir + "/bestyrkt.pdf";
    sign(extract, certified, "christian-ahren", "utdragsbestyrkande", "2023-03-02T09:00:00Z");
    const auto rep = verify_file(certified);
    CHECK(rep.verdict == verify::Verdict::Passed);
    CHECK(rep.extract_proof.detail ==
          "§5 is word for word as in the protokoll of 2023-02-24 justerat by Björn Sandal (justerare), "
          "Christian Åhrén (sekreterare), Katarina Nyberg Finn (ordförande)");
}

TEST_CASE("utdrag: tampered extracts fail, each with its reason", "[cli][utdrag]") {
    Fixture f;
    const std::string other = signed_protokoll(f.dir, "2023-03-10");
    const std::string other_extract = f.dir + "/other.pdf";
    run_ok({"utdrag", other, "--paragrafer", "5,7", "-o", other_extract, "--date", "2023-03-11T08:00:00Z",
            trust_args()[0], trust_args()[1], trust_args()[2], trust_args()[3], trust_args()[4], trust_args()[5]});
    const cms::UtdragProof theirs = proof_of(other_extract);

    struct Case {
        const char* name;
        std::function<void(cms::UtdragProof&)> mutate;
        const char* reason;
    };
    const std::vector<Case> cases = {
        {"the carried § text changed",
         [](cms::UtdragProof& p) { p.leaves[1].data.replace(p.leaves[1].data.find("presentationsrunda"), 1, "P"); },
         "the inclusion path of §5 does not lead to the signed root"},
        {"a § taken from another meeting", [&](cms::UtdragProof& p) { p.leaves[2] = theirs.leaves[2]; },
         "the inclusion path of §7 does not lead to the signed root"},
        {"another meeting's root and §§ under this meeting's signatures",
         [&](cms::UtdragProof& p) {
             p.root = theirs.root;
             p.leaves = theirs.leaves;
         },
         "does not sign this extract's root"},
        {"a forged inclusion path", [](cms::UtdragProof& p) { p.leaves[1].path[0][3] ^= 0x01; },
         "the inclusion path of §5 does not lead to the signed root"},
        {"an original SignerInfo byte flipped",
         [](cms::UtdragProof& p) { p.signatures[1][p.signatures[1].size() - 40] ^= 0x01; },
         "an original signature does not verify"},
        {"a justering signature left out", [](cms::UtdragProof& p) { p.signatures.pop_back(); },
         "the extract carries no signature by "},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const std::string out = f.dir + "/tampered.pdf";
        mutate_proof(f.extract, out, c.mutate);
        const auto rep = verify_file(out);
        INFO(rep.extract_proof.detail);
        CHECK(rep.extract_proof.status == verify::FacetStatus::Failed);
        CHECK(rep.extract_proof.detail.find(c.reason) != std::string::npos);
        CHECK(rep.verdict == verify::Verdict::Failed);
    }
    // The untouched copy through the same rewrite still proves itself (the rewrite is not the cause).
    mutate_proof(f.extract, f.dir + "/same.pdf", [](cms::UtdragProof&) {});
    CHECK(verify_file(f.dir + "/same.pdf").extract_proof.status == verify::FacetStatus::Ok);
}

TEST_CASE("utdrag: one glyph changed on a page fails, though the certifier's signature is valid", "[cli][utdrag]") {
    Fixture f;
    // Page 2 shows §5. Swap one glyph code of its first shown string for another code of the page.
    QPDF q;
    q.processFile(f.extract.c_str());
    QPDFObjectHandle page = q.getAllPages().at(1);
    QPDFObjectHandle contents = page.getKey("/Contents");
    std::string data = stream_bytes(contents);
    const auto title = data.rfind("[(");  // the last shown string of the page: inside §5's text
    REQUIRE(title != std::string::npos);
    // A glyph code is two bytes of a literal string, each written as itself or escaped (\\x).
    auto glyph_end = [&data](std::size_t at) {
        for (int byte = 0; byte < 2; ++byte) at += data[at] == '\\' ? 2 : 1;
        return at;
    };
    const std::size_t a = title + 2, b = glyph_end(a), c = glyph_end(b);
    const std::string first = data.substr(a, b - a), second = data.substr(b, c - b);
    REQUIRE(first != second);
    data.replace(a, b - a, second);  // one glyph becomes its neighbour
    contents.replaceStreamData(data, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
    const std::string tampered = f.dir + "/glyph.pdf";
    {
        QPDFWriter w(q, tampered.c_str());
        w.setStaticID(true);
        w.write();
    }
    const std::string certified = f.dir + "/glyph-bestyrkt.pdf";
    sign(tampered, certified, "christian-ahren", "utdragsbestyrkande", "2023-03-02T09:00:00Z");
    const auto rep = verify_file(certified);
    REQUIRE(rep.signatures.size() == 1);
    CHECK(rep.signatures[0].verdict == verify::Verdict::Passed);
    INFO(rep.extract_proof.detail);
    CHECK(rep.extract_proof.status == verify::FacetStatus::Failed);
    CHECK(rep.extract_proof.detail.find("the pages do not show §5") != std::string::npos);
    CHECK(rep.verdict == verify::Verdict::Failed);
}

TEST_CASE("utdrag: refused unless the protokoll is justerat; per recipient; from the source", "[cli][utdrag]") {
    const std::string dir = test::temp_dir("utdrag-refuse");
    const std::string two = signed_protokoll(dir, "2023-02-24", 2);
    std::vector<std::string> args = {"utdrag",       two,      "--paragrafer",        "5", "-o",
                                     dir + "/x.pdf", "--date", "2023-03-02T08:00:00Z"};
    const auto ta = trust_args();
    args.insert(args.end(), ta.begin(), ta.end());
    auto r = test::kansli(args);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("the protokoll is not justerat: Katarina Nyberg Finn (ordförande) has not signed it") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir + "/x.pdf"));
    // Without trust anchors the signatures are not passing either.
    r = test::kansli({"utdrag", two, "--paragrafer", "5", "-o", dir + "/x.pdf"});
    CHECK(r.exit_code == 1);
    // From the source, the signed PDF is required.
    r = test::kansli({"utdrag", dir + "/protokoll-2023-02-24.xml", "--paragrafer", "5"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--protokoll SIGNED.pdf") != std::string::npos);
}

TEST_CASE("build --omedelbart: the omedelbart justerade §§ for the justerare and ordförande", "[cli][utdrag]") {
    const std::string dir = test::temp_dir("omedelbart");
    std::string xml = slurp(test::source("templates/examples/protokoll-2023-02-24.xml"));
    const auto um = xml.find("<rubrik>Avtal Ungdomsmottagningen (UM)</rubrik>");
    const auto open = xml.rfind("<paragraf>", um);
    REQUIRE(open != std::string::npos);
    xml.replace(open, 10, "<paragraf justering=\"omedelbart-justerad\">");
    std::ofstream(dir + "/p.xml") << xml;
    run_ok({"build", dir + "/p.xml", "--omedelbart", "--date", "2023-02-24T16:00:00Z"});
    run_ok({"build", dir + "/p.xml", "--date", "2023-02-24T16:00:00Z"});
    const auto doc = test::run({"pdftotext", "-layout", dir + "/p.omedelbart.pdf", "-"}).out;
    CHECK(doc.find("PROTOKOLLSUTDRAG") != std::string::npos);
    CHECK(doc.find("Paragrafen är omedelbart justerad") != std::string::npos);
    CHECK(doc.find("Paragraferna justeras omedelbart vid sammanträdet") != std::string::npos);
    const auto full = test::run({"pdftotext", "-layout", dir + "/p.pdf", "-"}).out;
    CHECK(full.find("Omedelbart justerade") != std::string::npos);
    CHECK(full.find("§10 i särskilt protokollsutdrag") != std::string::npos);
    // Signed at the meeting by the justerare, then the ordförande; the sekreterare has no field.
    sign(dir + "/p.omedelbart.pdf", dir + "/o1.pdf", "bjorn-sandal", "justerare", "2023-02-24T16:30:00Z");
    sign(dir + "/o1.pdf", dir + "/o2.pdf", "katarina-nyberg-finn", "ordförande", "2023-02-24T16:40:00Z");
    const auto rep = verify_file(dir + "/o2.pdf");
    CHECK(rep.verdict == verify::Verdict::Passed);
    CHECK(rep.signatures.size() == 2);
    // It claims PDF/A-2A and PDF/UA-1 as every build does, so it is tagged (it was not), signed too;
    // pdfinfo shows each signature line as a Sect with its Form.
    for (const char* f : {"/p.omedelbart.pdf", "/o2.pdf"}) {
        const auto inspect = test::kansli({"inspect", dir + f});
        INFO(f << ": " << inspect.out);
        CHECK(inspect.exit_code == 0);
        CHECK(inspect.out.find("PDF/UA-1    claimed, every check passed") != std::string::npos);
    }
    const auto tree = test::run({"pdfinfo", "-struct-text", dir + "/o2.pdf"}).out;
    CHECK(tree.find("Sect") != std::string::npos);
    CHECK(tree.find("\"Björn Sandal (S)\"") != std::string::npos);
    const auto r =
        test::kansli({"sign", dir + "/o2.pdf", "-o", dir + "/o3.pdf", "--key", keys("christian-ahren.key.pem"),
                      "--cert", keys("christian-ahren.cert.pem"), "--role", "sekreterare"},
                     kPass);
    CHECK(r.exit_code != 0);
    // Without an omedelbart justerad §, --omedelbart is refused.
    CHECK(test::kansli({"build", test::source("templates/examples/protokoll-2023-02-24.xml"), "--omedelbart", "-o",
                        dir + "/none.pdf"})
              .exit_code == 1);
}

}  // namespace utdrag_test
