// load_certificates() and load_crls() of verify.hpp: trust anchors, intermediates and CRLs from files.
#include "verify/verify.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <botan/data_src.h>

#include <exception>

namespace kansli::verify {
namespace {

/// Every PEM or DER object of type T in the file, in order (at most 1000). Throws core::Error
/// (exit 2) when the file cannot be read or holds none.
template <typename T>
std::vector<T> load_all(const std::string& path, std::size_t max_bytes, const std::string& what) {
    const auto bytes = core::read_file(path, max_bytes);
    const std::string hint = "give a PEM or DER X.509 " + what;
    std::vector<T> out;
    try {
        Botan::DataSource_Memory src(bytes.data(), bytes.size());
        while (!src.end_of_data() && out.size() < 1000) {
            out.emplace_back(src);
            std::uint8_t c = 0;
            while (src.peek(&c, 1, 0) == 1 && (c == '\n' || c == '\r' || c == ' ' || c == '\t')) src.discard_next(1);
        }
    } catch (const std::exception& e) {
        if (out.empty()) core::throw_io(path, "not a " + what + ": " + e.what(), hint);
    }
    if (out.empty()) core::throw_io(path, "no " + what + " found", hint);
    return out;
}

}  // namespace

std::vector<Botan::X509_Certificate> load_certificates(const std::string& path) {
    return load_all<Botan::X509_Certificate>(path, 16u << 20, "certificate");
}

std::vector<Botan::X509_CRL> load_crls(const std::string& path) {
    return load_all<Botan::X509_CRL>(path, 64u << 20, "CRL");
}

}  // namespace kansli::verify
