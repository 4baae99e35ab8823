// Rendering a VerifyReport: human text (default) and JSON (schema in verify/verify.hpp).
#pragma once

#include "verify/verify.hpp"

#include <string>
#include <vector>

namespace kansli::verify {

/// Human-readable report of one file, several lines, ending in a newline.
std::string to_text(const VerifyReport& report);

/// A JSON array with one object per report (UTF-8, deterministic key order), ending in a newline.
std::string to_json(const std::vector<VerifyReport>& reports);

}  // namespace kansli::verify
