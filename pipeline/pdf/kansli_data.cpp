#include "pdf/kansli_data.hpp"

namespace kansli::pdf {

std::optional<std::string> kansli_data(QPDF& doc, const std::string& name, const Limits& limits, Usage& used) {
    QPDFObjectHandle data = doc.getRoot().getKey("/KANS_Data");
    if (!data.isDictionary()) return std::nullopt;
    QPDFObjectHandle s = data.getKey("/" + name);
    if (!s.isStream()) return std::nullopt;
    return read_stream(s, limits, used);
}

}  // namespace kansli::pdf
