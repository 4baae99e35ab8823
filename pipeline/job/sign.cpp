#include "job/sign.hpp"

#include "core/files.hpp"
#include "verify/qpdf_crypto.hpp"
#include "sign/identity.hpp"
#include "sign/pdf_signer.hpp"

#include <filesystem>

namespace kansli::job {

void check_sign_output(const SignConfig& cfg) {
    if (cfg.output.empty()) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, "no output file given", "give -o OUT.pdf (or -o -)");
    }
    core::InputFiles inputs;
    inputs.add(cfg.input, "the PDF being signed");
    inputs.add(cfg.key_path, "the private key");
    inputs.add(cfg.cert_path, "the certificate");
    inputs.add(cfg.passphrase_file, "the passphrase file");
    inputs.add(cfg.font_path, "the appearance font");
    inputs.check_output(cfg.output);
}

SignOutcome sign_file(const SignConfig& cfg) {
    verify::install_qpdf_crypto();
    std::optional<sign::Role> role;
    if (!cfg.role.empty()) {
        role = sign::parse_role(cfg.role);
        if (!role) {
            throw core::Error(core::ExitCode::Usage, "usage", {}, "unknown role '" + cfg.role + "'",
                              "use sekreterare, justerare or ordförande, or --field NAME");
        }
    }
    check_sign_output(cfg);
    const core::Bytes pdf = core::read_file(cfg.input);
    const core::Bytes key_pem = core::read_file(cfg.key_path, std::size_t{1} << 20);
    const core::Bytes cert_pem = core::read_file(cfg.cert_path, std::size_t{1} << 20);

    core::DiagSink diags;
    sign::Identity id = sign::Identity::load(key_pem, cert_pem, cfg.passphrase, diags, cfg.key_path, cfg.cert_path);
    id.check_valid_at(cfg.time);

    sign::SignRequest req;
    req.signer = &id;
    req.certificate = id.certificate();
    req.chain = id.chain();
    req.signer_name = id.common_name();
    req.organization = id.organization();
    req.role = role.value_or(sign::Role::Unknown);
    req.field = cfg.field;
    req.reason = cfg.reason;
    req.location = cfg.location;
    req.time = cfg.time;
    req.any_order = cfg.any_order;
    std::error_code ec;
    if (std::filesystem::exists(cfg.font_path, ec)) {
        req.font_path = cfg.font_path;
    } else {
        diags.warning("font", core::SourceLoc{cfg.font_path, 0, 0}, "font not found: the signature has no visible text");
    }
    req.diags = &diags;
    core::Bytes out;
    try {
        out = sign::sign_pdf(pdf, req);
    } catch (core::Error& e) {
        auto d = e.diagnostics();
        for (auto& x : d) {
            if (x.loc.file.empty()) x.loc.file = cfg.input;
        }
        throw core::Error(e.code(), std::move(d));
    }
    core::write_file_atomic(cfg.output, out);
    return SignOutcome{diags.diagnostics(), id.common_name(), pdf.size(), out.size()};
}

}  // namespace kansli::job
