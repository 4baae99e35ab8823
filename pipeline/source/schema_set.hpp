// The XML schemas of kansli, loaded once, and validation that reports every error.
#pragma once

#include "core/diagnostic.hpp"
#include "source/xml_tree.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kansli::source {

/// Document kinds, by root element: <protokoll>, <kallelse>, <avtal>.
const std::vector<std::string>& known_roots();

/// Checks that the tree's root is a known kind in the kansli namespace. Reports kind "root"
/// (located at the root element, naming the allowed roots) and returns false otherwise.
bool check_root(const XmlTree& tree, core::DiagSink& sink);

/// Compiled schemas, one per root: <dir>/<root>.xsd (which may xs:include common.xsd).
/// Immutable after loading; validate() may be called any number of times.
class SchemaSet final {
public:
    /// Loads and compiles every <dir>/<root>.xsd for known_roots(). Throws core::Error (exit 2,
    /// kind "schema-file") naming the file when one is missing or not a valid schema.
    static SchemaSet load(const std::string& dir);

    ~SchemaSet();
    SchemaSet(SchemaSet&&) noexcept;
    SchemaSet& operator=(SchemaSet&&) noexcept;

    /// Validates `tree` against the schema chosen by its root element. Reports the root check
    /// (see check_root) and then EVERY schema error as kind "schema", located file:line:col at
    /// the offending element, with the message in the user's terms and a hint. True when valid.
    bool validate(const XmlTree& tree, core::DiagSink& sink) const;

    [[nodiscard]] const std::string& dir() const;

    struct Impl;

private:
    explicit SchemaSet(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kansli::source
