// Where kansli finds its data files (schemas, templates, fonts) and how outputs are named.
#pragma once

#include <string>

namespace kansli::job {

/// Folder layout under the kansli home (the repository, or an install prefix).
struct Home {
    std::string root;
    [[nodiscard]] std::string schemas() const { return root + "/schemas"; }
    [[nodiscard]] std::string templates() const { return root + "/templates"; }
    [[nodiscard]] std::string examples() const { return root + "/templates/examples"; }
    [[nodiscard]] std::string keys() const { return root + "/keys"; }
};

/// "dir/name.xml" → "dir/name.pdf"
std::string default_pdf_path(const std::string& xml_path);

}  // namespace kansli::job
