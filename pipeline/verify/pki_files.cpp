// load_certificates() and load_crls() of verify.hpp: trust anchors, intermediates and CRLs from files.
#include "verify/verify.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include "cms/pki_files.hpp"

namespace kansli::verify {
std::vector<Botan::X509_Certificate> load_certificates(const std::string& path) {
    return cms::parse_certificates(core::read_file(path, 16u << 20), path,
                                   {core::ExitCode::Usage, "io", "give a PEM or DER X.509 certificate"});
}

std::vector<Botan::X509_CRL> load_crls(const std::string& path) {
    return cms::parse_crls(core::read_file(path, 64u << 20), path,
                           {core::ExitCode::Usage, "io", "give a PEM or DER X.509 CRL"});
}

}  // namespace kansli::verify
