// libqpdf decrypting with its default crypto provider (GnuTLS in Debian's libqpdf, linked as
// the top-level CMakeLists.txt sets up): every encryption a reader meets (RC4-128: MD5 + RC4;
// AES-128: MD5 + AES-CBC; AES-256: SHA-2 + AES-CBC), made by the qpdf tool, must read back as the
// unencrypted file's content.
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFCryptoProvider.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <string>
#include <vector>

namespace {

// Decoded content of every page.
struct Readback {
    std::vector<std::string> pages;
};

Readback read_back(const std::string& path, const std::string& password = "") {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processFile(path.c_str(), password.c_str());
    Readback r;
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
        std::string text;
        for (auto& stream : page.getPageContents()) {
            auto data = stream.getStreamData(qpdf_dl_generalized);
            text.append(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
        }
        r.pages.push_back(text);
    }
    return r;
}

}  // namespace

TEST_CASE("qpdf reads encrypted PDFs with its default crypto provider") {
    // qpdf's own choice, not replaced by kansli (Debian builds libqpdf with GnuTLS only).
    REQUIRE(QPDFCryptoProvider::getDefaultProvider() == "gnutls");

    const std::string dir = kansli::test::temp_dir("qpdf-crypto");
    const std::string plain = dir + "/plain.pdf";
    // A small PDF with compressed content streams.
    auto made = kansli::test::run(
        {"qpdf", "--empty", "--pages", kansli::test::data("verify/base.pdf"), "--", "--compress-streams=y", plain});
    REQUIRE(made.exit_code == 0);
    const Readback want = read_back(plain);
    REQUIRE(!want.pages.empty());
    REQUIRE(!want.pages.front().empty());

    struct Case {
        const char* name;
        std::vector<std::string> args;
    };
    const std::vector<Case> cases = {
        {"RC4-128", {"--allow-weak-crypto", "--encrypt", "", "owner", "128", "--use-aes=n", "--"}},
        {"AES-128", {"--encrypt", "", "owner", "128", "--use-aes=y", "--"}},
        {"AES-256", {"--encrypt", "", "owner", "256", "--"}},
        {"AES-256 with a user password", {"--encrypt", "secret", "owner", "256", "--"}},
    };
    for (const auto& c : cases) {
        SECTION(c.name) {
            const std::string enc = dir + "/enc.pdf";
            std::vector<std::string> argv = {"qpdf"};
            argv.insert(argv.end(), c.args.begin(), c.args.end());
            argv.push_back(plain);
            argv.push_back(enc);
            const auto r = kansli::test::run(argv);
            REQUIRE(r.exit_code == 0);
            const bool with_password = std::string(c.name).find("password") != std::string::npos;
            const Readback got = read_back(enc, with_password ? "secret" : "");
            CHECK(got.pages == want.pages);
        }
    }
    SECTION("a wrong password is refused, not misread") {
        const std::string enc = dir + "/pw.pdf";
        REQUIRE(kansli::test::run({"qpdf", "--encrypt", "secret", "owner", "256", "--", plain, enc}).exit_code == 0);
        CHECK_THROWS(read_back(enc, "wrong"));
    }
}
