// Test helper: loads a kansli source (parse + model, no schema check) for layout tests, and the
// house style, fonts and hyphenator every compose test uses.
#pragma once

#include "core/files.hpp"
#include "layout/compose.hpp"
#include "source/build_document.hpp"
#include "source/xml_tree.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

namespace kansli::test {

inline model::Document load_example(const std::string& path) {
    const core::Bytes bytes = core::read_file(path);
    core::DiagSink sink;
    auto tree =
        source::parse_xml(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path, sink);
    REQUIRE(tree);
    auto doc = source::build_document(*tree, path, sink);
    REQUIRE(doc);
    return std::move(*doc);
}

/// Style, fonts and hyphenator, loaded once per test binary run by the caller.
struct LayoutKit {
    layout::Style style = layout::load_style(source("templates/style/region-jh.conf"));
    layout::FontSet fonts = layout::FontSet::load(layout::font_paths(style));
    layout::Hyphenator hyphenator;
};

}  // namespace kansli::test
