// Lengths in integer units: 1 unit = 1/1000 PostScript point. Integer math keeps layout exact
// and output deterministic.
#pragma once

#include <cstdint>

namespace kansli::core {

using Length = std::int32_t;  ///< 1/1000 pt

constexpr Length pt(double points) { return static_cast<Length>(points * 1000.0 + (points >= 0 ? 0.5 : -0.5)); }
constexpr Length mm(double millimetres) { return pt(millimetres * 72.0 / 25.4); }
constexpr double to_pt(Length l) { return static_cast<double>(l) / 1000.0; }

constexpr Length kA4Width = mm(210);
constexpr Length kA4Height = mm(297);

}  // namespace kansli::core
