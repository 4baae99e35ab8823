// `kansli demo`'s step for signing with a key kansli never holds (sign --prepare / --complete).
#pragma once

#include "core/time.hpp"

#include <iosfwd>
#include <string>

namespace kansli::job {

struct ExternalDemo {
    std::string input;      ///< the PDF before this party's signature
    std::string reference;  ///< the same signature made in one step (sign_file), to compare with
    std::string keys;       ///< the demo PKI folder (keys/demo)
    std::string who;        ///< the party's file stem there: <who>.key.pem, <who>.cert.pem
    std::string field, location, reason;
    core::Instant time;
};

/// Prepares d.input for d.who's certificate (<reference stem>-extern-prepared.pdf, -extern.digest),
/// signs the digest in this process with Botan as a card would (the demo key plays the card),
/// completes into <reference stem>-extern.pdf and checks that it is byte-identical to d.reference (RSA
/// PKCS#1 v1.5 is deterministic; an ECDSA party is only checked to complete). Writes what it does
/// to `out`. Returns 0 when every step worked, else 1. Throws core::Error on I/O errors.
int run_external_demo(const ExternalDemo& d, std::ostream& out);

}  // namespace kansli::job
