#include "cms/pki_files.hpp"

#include <botan/data_src.h>

#include <exception>
#include <string_view>

namespace kansli::cms {
namespace {

[[noreturn]] void fail(const LoadErrors& errors, const std::string& source, const std::string& message) {
    throw core::Error(errors.code, errors.kind, core::SourceLoc{source, 0, 0}, message, errors.hint);
}

// Every object of type T: DER when the data starts with a SEQUENCE, else each PEM block whose
// label is `label`, parsed by Botan.
template <typename T>
std::vector<T> parse_all(const core::Bytes& bytes, const std::string& source, const LoadErrors& errors,
                         std::string_view label, const std::string& what) {
    std::vector<T> out;
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    std::size_t start = text.find_first_not_of(" \t\r\n");
    if (start != std::string_view::npos && bytes[start] == 0x30) {  // DER
        try {
            Botan::DataSource_Memory src(bytes.data() + start, bytes.size() - start);
            out.emplace_back(src);
        } catch (const std::exception& e) {
            fail(errors, source, "not a " + what + ": " + e.what());
        }
        return out;
    }
    const std::string begin = "-----BEGIN " + std::string(label) + "-----";
    const std::string end = "-----END " + std::string(label) + "-----";
    for (std::size_t pos = text.find(begin); pos != std::string_view::npos; pos = text.find(begin, pos)) {
        if (out.size() >= 1000) fail(errors, source, "more than 1000 " + what + "s");
        const std::size_t stop = text.find(end, pos);
        if (stop == std::string_view::npos) fail(errors, source, "unterminated PEM " + what + " block");
        const std::string block(text.substr(pos, stop + end.size() - pos));
        try {
            Botan::DataSource_Memory src(block);
            out.emplace_back(src);
        } catch (const std::exception& e) {
            fail(errors, source, "cannot parse " + what + " " + std::to_string(out.size() + 1) + ": " + e.what());
        }
        pos = stop + end.size();
    }
    if (out.empty()) fail(errors, source, "no PEM or DER " + what + " found");
    return out;
}

}  // namespace

std::vector<Botan::X509_Certificate> parse_certificates(const core::Bytes& bytes, const std::string& source,
                                                        const LoadErrors& errors) {
    return parse_all<Botan::X509_Certificate>(bytes, source, errors, "CERTIFICATE", "certificate");
}

std::vector<Botan::X509_CRL> parse_crls(const core::Bytes& bytes, const std::string& source, const LoadErrors& errors) {
    return parse_all<Botan::X509_CRL>(bytes, source, errors, "X509 CRL", "CRL");
}

}  // namespace kansli::cms
