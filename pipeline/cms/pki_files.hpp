// The one loader of certificates and CRLs from PEM or DER bytes, for sign/ (the signer's
// certificate file) and verify/ (trust anchors, intermediates, CRLs). Parsing is Botan's.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <string>
#include <vector>

namespace kansli::cms {

/// How a caller wants a bad file reported: the exit code and diagnostic kind of the error.
struct LoadErrors {
    core::ExitCode code = core::ExitCode::Usage;
    std::string kind = "io";
    std::string hint;  ///< added to "none found"/"cannot parse" errors
};

/// Every certificate in `bytes`, in file order: one DER certificate, or any number of PEM
/// "CERTIFICATE" blocks (text before, between and after them is ignored), at most 1000.
/// Throws core::Error (located at `source`) when there is none or one cannot be parsed.
std::vector<Botan::X509_Certificate> parse_certificates(const core::Bytes& bytes, const std::string& source,
                                                        const LoadErrors& errors = {});

/// The same for CRLs ("X509 CRL" blocks, or one DER CRL).
std::vector<Botan::X509_CRL> parse_crls(const core::Bytes& bytes, const std::string& source,
                                        const LoadErrors& errors = {});

}  // namespace kansli::cms
