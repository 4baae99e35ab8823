// Test helper: the default font set (Liberation Sans + DejaVu fallback), loaded once per test
// binary and shared read-only by the layout tests.
#pragma once

#include "layout/fonts.hpp"

namespace kansli::test {

inline const layout::FontSet& default_fonts() {
    static const layout::FontSet set = layout::FontSet::load();
    return set;
}

}  // namespace kansli::test
