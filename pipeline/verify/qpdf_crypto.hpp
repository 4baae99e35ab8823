// libqpdf's cryptography (MD5, SHA-2, RC4, AES, random bytes: used to read encrypted PDFs) done by
// Botan instead of GnuTLS.
#pragma once

namespace kansli::verify {

/// Registers the Botan implementation with libqpdf and makes it the default provider. Call it
/// before the first QPDF object is made (the CLI does it in main(); the verify and sign jobs call
/// it too). Idempotent and thread-safe. No errors.
///
/// Why: Debian's libqpdf.a is built with GnuTLS as its only crypto provider, and GnuTLS with its
/// nine shared libraries (tasn1, nettle, hogweed, gmp, p11-kit, ...) costs ~1.7 ms at the start of
/// every process. qpdf_crypto.cpp therefore also defines the constructor of qpdf's GnuTLS provider
/// as one that throws, so the linker takes it from us instead of pulling QPDFCrypto_gnutls.o (and
/// GnuTLS) out of libqpdf.a; once this function has run, that constructor is never called.
void install_qpdf_crypto();

}  // namespace kansli::verify
