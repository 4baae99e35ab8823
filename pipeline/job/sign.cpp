#include "job/sign.hpp"

#include "cms/timestamp.hpp"
#include "core/files.hpp"
#include "layout/fonts.hpp"
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

namespace {

std::optional<sign::Role> parse_role_option(const std::string& role) {
    if (role.empty()) return std::nullopt;
    auto r = sign::parse_role(role);
    if (!r) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, "unknown role '" + role + "'",
                          "use sekreterare, justerare or ordförande, or --field NAME");
    }
    return r;
}

}  // namespace

sign::SignRequest sign_request(const SignConfig& cfg, sign::Identity& id, core::DiagSink& diags) {
    sign::SignRequest req;
    req.signer = &id;
    req.certificate = id.certificate();
    req.chain = id.chain();
    req.signer_name = id.common_name();
    req.organization = id.organization();
    req.role = parse_role_option(cfg.role).value_or(sign::Role::Unknown);
    req.field = cfg.field;
    req.reason = cfg.reason;
    req.location = cfg.location;
    req.time = cfg.time;
    req.any_order = cfg.any_order;
    req.text_values = cfg.text_values;
    req.new_field = cfg.new_field;
    std::error_code ec;
    const std::string font = cfg.font_path.empty() ? layout::find_font("LiberationSans-Regular.ttf") : cfg.font_path;
    if (std::filesystem::exists(font, ec)) {
        req.font_path = font;
    } else {
        diags.warning("font", core::SourceLoc{font, 0, 0}, "font not found: the signature has no visible text",
                      "install fonts-liberation2");
    }
    req.diags = &diags;
    if (cfg.timestamp) {
        req.unsigned_attributes = [&cfg](const core::Bytes& signature_value) {
            return std::vector<core::Bytes>{cms::tsp::signature_timestamp_attribute(cfg.timestamp(signature_value))};
        };
        req.unsigned_attributes_reserve = cfg.timestamp_reserve;
    }
    return req;
}

SignOutcome sign_file(const SignConfig& cfg) {
    (void)parse_role_option(cfg.role);  // a usage error before any file is read
    check_sign_output(cfg);
    const core::Bytes pdf = core::read_file(cfg.input);
    const core::Bytes key_pem = core::read_file(cfg.key_path, std::size_t{1} << 20);
    const core::Bytes cert_pem = core::read_file(cfg.cert_path, std::size_t{1} << 20);

    core::DiagSink diags;
    sign::Identity id = sign::Identity::load(key_pem, cert_pem, cfg.passphrase, diags, cfg.key_path, cfg.cert_path);
    id.check_valid_at(cfg.time);
    const sign::SignRequest req = sign_request(cfg, id, diags);
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
