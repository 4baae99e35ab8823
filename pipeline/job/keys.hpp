// `kansli keys demo`: writes the demo PKI (DEMO ONLY, never for real documents) into a folder.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kansli::job {

struct DemoKeysConfig {
    std::string out_dir;                     ///< created if missing
    std::string passphrase = "kansli-demo";  ///< encrypts every private key (PBES2, AES-256)
    std::size_t pbkdf_iterations = 10000;    ///< PBKDF2-HMAC-SHA-256 iterations
    bool overwrite = false;                  ///< replace existing files
    bool reissue_signers = false;            ///< only new signer certificates and CRLs for the keys already in out_dir
    bool tsa_only = false;  ///< only the demo TSA, issued by root.cert.pem/root.key.pem already in out_dir
};

/// Generates the demo PKI and writes each file atomically into cfg.out_dir. Returns the paths
/// written, in a fixed order. Throws core::Error (exit 2) when a file exists and !overwrite, or
/// on an I/O error.
std::vector<std::string> make_demo_keys(const DemoKeysConfig& cfg);

}  // namespace kansli::job
