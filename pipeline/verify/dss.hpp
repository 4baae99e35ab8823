// Revocation data a signed file carries itself: the CRLs of its Document Security Store (/DSS).
#pragma once

#include <qpdf/QPDF.hh>

#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <vector>

namespace kansli::verify {

/// The CRLs in /Root /DSS /CRLs of `pdf` that parse (at most the first 100 entries; streams
/// unfiltered up to 1 MiB, or FlateDecode up to 64 KiB raw). Entries that fail are skipped;
/// they are untrusted data that only the chain validator's signature checks make usable.
std::vector<Botan::X509_CRL> dss_crls(QPDF& pdf);

/// The certificates in /Root /DSS /Certs of `pdf` that parse (the same limits): untrusted
/// candidates for path building.
std::vector<Botan::X509_Certificate> dss_certs(QPDF& pdf);

}  // namespace kansli::verify
