// `kansli sign` as a library call: read the PDF, key and certificate; sign; write atomically.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"
#include "sign/identity.hpp"
#include "sign/pdf_signer.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace kansli::job {

struct SignConfig {
    std::string input;                      ///< PDF to sign (never overwritten)
    std::string output;                     ///< signed PDF, written atomically
    std::string key_path;                   ///< PKCS#8 PEM private key
    std::string cert_path;                  ///< PEM: signer certificate first, then the chain
    std::optional<std::string> passphrase;  ///< for an encrypted key
    std::string passphrase_file;            ///< where the CLI read it (only to protect it from -o)
    std::string role;                       ///< sekreterare | justerare | ordförande, or empty
    std::string field;                      ///< explicit field name, or empty
    std::string reason;
    std::string location;
    core::Instant time;  ///< signing time (/M); the certificate must be valid then
    bool any_order = false;
    std::string font_path;  ///< appearance font; empty: Liberation Sans from layout::find_font
    /// PAdES B-T: returns a checked RFC 3161 token over the SHA-256 of the signature value (the
    /// CLI wires it to tsa::request_timestamp); it goes into the unsigned attribute
    /// id-aa-signatureTimeStampToken. Empty: B-B. Its errors abort the signing (nothing written).
    std::function<core::Bytes(const core::Bytes& signature_value)> timestamp{};
    std::size_t timestamp_reserve = 16 * 1024;  ///< bytes of /Contents kept for the token's attribute
    std::vector<sign::TextValue> text_values;   ///< text fields filled by the same signed update
    bool new_field = false;                     ///< `field` may be a new invisible field (sign::SignRequest)
};

struct SignOutcome {
    std::vector<core::Diagnostic> diagnostics;  ///< warnings and notes (e.g. unencrypted key)
    std::string signer;                         ///< certificate CN
    std::size_t bytes_in = 0;
    std::size_t bytes_out = 0;
};

/// Throws core::Error (exit 2) when cfg.output would replace a file the signing reads (the PDF,
/// key, certificate, passphrase file, appearance font) or is not a regular file (core/files.hpp).
void check_sign_output(const SignConfig& cfg);

/// The request sign_file makes for `cfg` and `id` (also that of --prepare/--complete, job/sign_external.hpp):
/// role, field, texts, time, appearance font (a warning in `diags` when missing), time-stamp wiring.
/// `cfg`, `id` and `diags` must outlive it. Throws core::Error (exit 2) on an unknown role.
sign::SignRequest sign_request(const SignConfig& cfg, sign::Identity& id, core::DiagSink& diags);

/// Signs cfg.input into cfg.output ("-": standard output). Throws core::Error: exit 2 for usage and I/O (unreadable
/// files, output = input, unknown role), exit 1 for refusals (wrong passphrase, key/certificate
/// mismatch, certificate not valid at cfg.time, and every refusal of sign::sign_pdf).
/// On failure nothing is written.
SignOutcome sign_file(const SignConfig& cfg);

}  // namespace kansli::job
