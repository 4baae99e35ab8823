// A minimal XML writer for the package's METS and PREMIS: escaping and indentation only.
#pragma once

#include "core/utf8.hpp"

#include <string>
#include <string_view>

namespace kansli::archive {

using core::xml_escape;

/// Appends `<name attrs>` … `</name>` with two-space indentation.
class XmlOut {
public:
    explicit XmlOut(std::string& out) : m_out(out) {}
    /// Opens an element; `attrs` is pre-formatted (use attr()).
    void open(std::string_view name, const std::string& attrs = {});
    void close(std::string_view name);
    /// <name attrs>text</name> on one line.
    void leaf(std::string_view name, std::string_view text, const std::string& attrs = {});
    /// <name attrs/>
    void empty(std::string_view name, const std::string& attrs = {});

private:
    std::string& m_out;
    int m_depth = 0;
};

/// ` name="value"` with the value escaped.
std::string attr(std::string_view name, std::string_view value);

}  // namespace kansli::archive
