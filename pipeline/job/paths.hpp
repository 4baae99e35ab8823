// Where kansli finds its data files (schemas, templates, fonts) and how outputs are named.
#pragma once

#include <string>

namespace kansli::job {

/// Folder layout under the kansli home: the repository, or PREFIX/share/kansli when installed
/// (the same folders; see the install rules in the top CMakeLists.txt).
struct Home {
    std::string root;
    [[nodiscard]] std::string schemas() const { return root + "/schemas"; }
    [[nodiscard]] std::string templates() const { return root + "/templates"; }
    [[nodiscard]] std::string examples() const { return root + "/templates/examples"; }
    [[nodiscard]] std::string keys() const { return root + "/keys"; }
    /// The house style used when no --style is given.
    [[nodiscard]] std::string default_style() const { return root + "/templates/style/region-jh.conf"; }
};

/// "dir/name.xml" → "dir/name.pdf"
std::string default_pdf_path(const std::string& xml_path);

}  // namespace kansli::job
