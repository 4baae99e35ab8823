// `kansli sign --prepare` and `kansli sign --complete`: signing with a key kansli never holds
// (sign/external.hpp has the protocol). The same SignConfig as sign_file, without key_path.
#pragma once

#include "job/sign.hpp"

#include <string>

namespace kansli::job {

/// Where --prepare writes the digest without --digest-out: beside the prepared PDF, "OUT.pdf.digest".
std::string default_digest_path(const std::string& output);

struct PrepareOutcome {
    SignOutcome sign;         ///< diagnostics, the certificate's CN, sizes
    std::string field;        ///< the field prepared
    core::Bytes digest;       ///< the 32 bytes the external key signs
    /// The DER SignedAttributes (SET OF, tag 0x31) whose SHA-256 is `digest`: what a signer that
    /// hashes the data itself (WebCrypto) signs.
    core::Bytes signed_attributes;
    std::string digest_path;  ///< where they were written
};

/// Writes cfg.output (the PDF with its signature revision and a zero /Contents, after every check
/// of sign_file but the key's) and then `digest_path` (default_digest_path(cfg.output) when
/// empty; required when cfg.output is "-"): the raw 32-byte SHA-256 of the DER signed attributes.
/// cfg.key_path must be empty; cfg.timestamp, when set, only reserves the room of a time-stamp.
/// Throws core::Error like sign_file (exit 2 usage/I/O, exit 1 refusals); nothing written on failure.
PrepareOutcome prepare_file(const SignConfig& cfg, std::string digest_path);

/// Reads the prepared cfg.input and the raw signature at `signature_path` (RSA PKCS#1 v1.5, ECDSA
/// DER or r || s; at most 16 KiB), checks it for cfg.cert_path over the signed attributes rebuilt
/// from the file, and writes cfg.output: the prepared bytes with the CMS (and cfg.timestamp's
/// token) in /Contents. Role, field, reason, location and time come from the file; cfg's are unused.
/// Throws core::Error (exit 1 refused, 2 usage/I/O); nothing written on failure.
SignOutcome complete_file(const SignConfig& cfg, const std::string& signature_path);

}  // namespace kansli::job
