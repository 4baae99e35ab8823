// A parsed, well-formed XML source: the libxml2 tree behind an opaque handle, plus the
// line and column of every element's start tag.
#pragma once

#include "core/diagnostic.hpp"
#include "source/limits.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kansli::source {

struct XmlTreeImpl;  // defined in source/xml_impl.hpp (libxml2 inside)

/// Owns a parsed document. Move-only; immutable after parsing.
class XmlTree final {
public:
    explicit XmlTree(std::unique_ptr<XmlTreeImpl> impl);
    ~XmlTree();
    XmlTree(XmlTree&&) noexcept;
    XmlTree& operator=(XmlTree&&) noexcept;

    /// The file name diagnostics use (as given to parse_xml).
    [[nodiscard]] const std::string& file() const;
    /// Local name of the root element ("protokoll"), and its namespace URI ("" when none).
    [[nodiscard]] std::string root_name() const;
    [[nodiscard]] std::string root_namespace() const;
    /// Where the root element starts.
    [[nodiscard]] core::SourceLoc root_loc() const;

    [[nodiscard]] const XmlTreeImpl& impl() const { return *m_impl; }

private:
    std::unique_ptr<XmlTreeImpl> m_impl;
};

/// Parses `bytes` (the content of `file`, used only in diagnostics) from memory, safely:
/// no network, no external entities or DTD loading; any DOCTYPE is rejected (kansli sources
/// never need one, and refusing it removes entity expansion attacks altogether; the five
/// predefined entities and character references still work); at most limits.max_bytes bytes
/// and limits.max_depth levels of nesting. Every well-formedness error is reported into
/// `sink` as kind "xml" with file:line:col. Returns nullopt when the input is not a
/// well-formed document. Never throws for bad input; never prints.
std::optional<XmlTree> parse_xml(std::string_view bytes, const std::string& file, core::DiagSink& sink,
                                 const ParseLimits& limits = {});

}  // namespace kansli::source
