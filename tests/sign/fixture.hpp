// Test fixture: unsigned PDFs with empty signature fields, as render/ will write them (PoDoFo,
// fixture.cpp), plus the signing helpers shared by the sign tests and bench_sign (demo keys,
// pinned times, one sign_as). The signing helpers are inline so that a benchmark can include
// this header without linking the PoDoFo fixture.
#pragma once

#include "core/files.hpp"
#include "core/time.hpp"
#include "sign/identity.hpp"
#include "sign/pdf_signer.hpp"
#include "support/tools.hpp"

#include <string>
#include <vector>

namespace kansli::test {

/// The pinned signing times of the protokoll chain: sekreterare, justerare, ordförande.
inline const core::Instant kT1 = *core::parse_instant("2023-02-24T13:00:00Z");
inline const core::Instant kT2 = *core::parse_instant("2023-02-27T09:15:00Z");
inline const core::Instant kT3 = *core::parse_instant("2023-02-28T16:40:00Z");
/// The appearance font (Debian fonts-liberation2), as `kansli sign` uses it.
inline constexpr const char* kFont = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";

struct FixtureField {
    std::string name;     ///< /T, e.g. "Sekreterare", "Justerare", "Ordförande", "Part Region"
    std::string tooltip;  ///< /TU as render/ writes it: "Justerare: Björn Sandal"
    double x = 0, y = 0, w = 0, h = 0;
};

/// A one-page A4 PDF (1.7, classic xref) with some text and the given empty signature fields
/// (/FT /Sig, no /V) and, when `order` is not empty, a catalog /KANS_SigningOrder.
core::Bytes make_pdf(const std::vector<FixtureField>& fields, const std::vector<std::string>& order);

/// The protokoll fixture: Sekreterare, Justerare, Ordförande in that order.
core::Bytes protokoll_pdf();
/// The same fields, expecting these signers (/TU).
core::Bytes protokoll_pdf(const std::string& sekreterare, const std::string& justerare, const std::string& ordforande);

/// Loads keys/demo/<who>.key.pem and .cert.pem with the demo passphrase. Throws core::Error.
inline sign::Identity demo_identity(const std::string& who) {
    core::DiagSink diags;
    return sign::Identity::load(core::read_file(source("keys/demo/" + who + ".key.pem")),
                                core::read_file(source("keys/demo/" + who + ".cert.pem")), std::string("kansli-demo"),
                                diags);
}

/// What a test's signature sets beyond signer, role and time (designated-initializer order).
struct SignOptions {
    std::string field = {};                  ///< explicit field name (/T); else the role picks it
    bool any_order = false;                  ///< ignore /KANS_SigningOrder
    std::string name = {};                   ///< overrides the certificate CN in the appearance
    bool with_organization = false;          ///< pass the certificate's O, as `kansli sign` does
    std::string reason = {}, location = {};  ///< /Reason, /Location (UTF-8), empty: none
    bool appearance = true;                  ///< false: no font_path, so sign_pdf draws no appearance text (faster)
    core::DiagSink* diags = nullptr;         ///< receives sign_pdf's notes
};

/// The request `kansli sign` would make for `id` (certificate, chain, CN) at `time`, with kFont
/// as the appearance font. `id` must outlive the request (it is the signer).
inline sign::SignRequest sign_request(sign::Identity& id, sign::Role role, core::Instant time,
                                      const SignOptions& options = {}) {
    sign::SignRequest req;
    req.signer = &id;
    req.certificate = id.certificate();
    req.chain = id.chain();
    req.signer_name = options.name.empty() ? id.common_name() : options.name;
    if (options.with_organization) req.organization = id.organization();
    req.role = role;
    req.field = options.field;
    req.reason = options.reason;
    req.location = options.location;
    req.time = time;
    req.any_order = options.any_order;
    if (options.appearance) req.font_path = kFont;
    req.diags = options.diags;
    return req;
}

/// `pdf` signed by the demo identity `who` (keys/demo/<who>.*) as sign_pdf does it.
/// Throws core::Error when sign_pdf refuses.
inline core::Bytes sign_as(const core::Bytes& pdf, const std::string& who, sign::Role role, core::Instant time,
                           const SignOptions& options = {}) {
    auto id = demo_identity(who);
    return sign::sign_pdf(pdf, sign_request(id, role, time, options));
}

/// Writes bytes to a file (tests only).
void write(const std::string& path, const core::Bytes& bytes);

/// Signs 60 seeded mutants of `signed_pdf` as the justerare (any order): every fourth cut short,
/// the others with a few bytes changed, all at or after byte `from` (0: anywhere; the input's size:
/// only inside the update). Each must sign with the mutant as the output's prefix, or be refused
/// with a core::Error of exit code Invalid; never crash (Catch CHECKs). Returns how many were refused.
int sign_mutants(const core::Bytes& signed_pdf, std::size_t from, std::uint32_t seed, const SignOptions& options);

}  // namespace kansli::test
