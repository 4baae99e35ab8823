#include "job/sign_external.hpp"

#include "cms/encode.hpp"
#include "sign/external.hpp"

#include <utility>

namespace kansli::job {
namespace {

constexpr std::size_t kMaxSignatureFile = 16 * 1024;  // RSA-16384 is 2 KiB

[[noreturn]] void usage(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Usage, "usage", {}, message, std::move(hint));
}

// Runs `f`, locating its unlocated diagnostics at `file` (and signature ones at `signature`).
template <class F>
auto located(const std::string& file, const std::string& signature, F&& f) {
    try {
        return f();
    } catch (core::Error& e) {
        auto d = e.diagnostics();
        for (auto& x : d) {
            if (x.loc.file.empty()) x.loc.file = x.kind == "signature" && !signature.empty() ? signature : file;
        }
        throw core::Error(e.code(), std::move(d));
    }
}

}  // namespace

std::string default_digest_path(const std::string& output) { return output + ".digest"; }

PrepareOutcome prepare_file(const SignConfig& cfg, std::string digest_path) {
    if (!cfg.key_path.empty()) usage("--prepare takes no --key: the external key signs the digest");
    if (!cfg.role.empty() && !sign::parse_role(cfg.role)) {
        usage("unknown role '" + cfg.role + "'", "use sekreterare, justerare or ordförande, or --field NAME");
    }
    if (digest_path.empty()) {
        if (core::is_stdout(cfg.output)) usage("--prepare with -o - needs --digest-out FILE");
        digest_path = default_digest_path(cfg.output);
    }
    if (core::is_stdout(digest_path)) usage("the digest is binary: give --digest-out a file");
    check_sign_output(cfg);
    core::InputFiles inputs;
    inputs.add(cfg.input, "the PDF being signed");
    inputs.add(cfg.cert_path, "the certificate");
    inputs.add(cfg.font_path, "the appearance font");
    inputs.add(cfg.output, "the prepared PDF");
    inputs.check_output(digest_path);

    const core::Bytes pdf = core::read_file(cfg.input);
    const core::Bytes cert_pem = core::read_file(cfg.cert_path, std::size_t{1} << 20);
    core::DiagSink diags;
    sign::Identity id = sign::Identity::certificate_only(cert_pem, cfg.cert_path);
    id.check_valid_at(cfg.time);
    const sign::SignRequest req = sign_request(cfg, id, diags);
    sign::PreparedPdf prepared = located(cfg.input, "", [&] { return sign::prepare_pdf(pdf, req); });

    PrepareOutcome o;
    o.digest = sign::external_digest(prepared, req);
    o.signed_attributes = cms::encode_signed_attributes(
        sign::signed_data_input(req, prepared.content_digest, prepared.extra_signed_attributes));
    o.field = prepared.field;
    o.digest_path = digest_path;
    core::write_file_atomic(cfg.output, prepared.pdf);
    core::write_file_atomic(digest_path, o.digest);
    o.sign = SignOutcome{diags.diagnostics(), id.common_name(), pdf.size(), prepared.pdf.size()};
    return o;
}

SignOutcome complete_file(const SignConfig& cfg, const std::string& signature_path) {
    if (!cfg.key_path.empty()) usage("--complete takes no --key: the signature comes from SIG.bin");
    if (signature_path.empty() || core::is_stdout(signature_path)) usage("--complete needs the signature file");
    check_sign_output(cfg);
    core::InputFiles inputs;
    inputs.add(cfg.input, "the prepared PDF");
    inputs.add(cfg.cert_path, "the certificate");
    inputs.add(signature_path, "the signature");
    inputs.check_output(cfg.output);

    const core::Bytes pdf = core::read_file(cfg.input);
    const core::Bytes cert_pem = core::read_file(cfg.cert_path, std::size_t{1} << 20);
    const core::Bytes signature = core::read_file(signature_path, kMaxSignatureFile);
    sign::Identity id = sign::Identity::certificate_only(cert_pem, cfg.cert_path);
    sign::ReopenedPdf reopened = located(cfg.input, "", [&] { return sign::reopen_prepared(pdf); });
    id.check_valid_at(reopened.time);

    // Field, texts and appearance are in the file already; only the CMS inputs matter here.
    SignConfig c = cfg;
    c.time = reopened.time;
    c.role.clear();
    core::DiagSink unused;  // sign_request's appearance-font warning does not apply
    const sign::SignRequest req = sign_request(c, id, unused);
    const std::size_t size = pdf.size();
    const core::Bytes out = located(cfg.input, signature_path,
                                    [&] { return sign::complete_external(std::move(reopened), signature, req); });
    core::write_file_atomic(cfg.output, out);
    return SignOutcome{{}, id.common_name(), size, out.size()};
}

}  // namespace kansli::job
