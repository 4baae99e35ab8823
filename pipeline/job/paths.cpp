#include "job/paths.hpp"

namespace kansli::job {

std::string default_pdf_path(const std::string& xml_path) {
    auto slash = xml_path.rfind('/');
    auto dot = xml_path.rfind('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return xml_path + ".pdf";
    return xml_path.substr(0, dot) + ".pdf";
}

}  // namespace kansli::job
