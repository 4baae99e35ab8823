// PDF date strings (ISO 32000-1 7.9.4) as ISO 8601 UTC, for reports.
#pragma once

#include <string>

namespace kansli::verify {

/// "D:YYYYMMDDHHmmSSOHH'mm'" (the prefix "D:" and every field after the year optional) →
/// "YYYY-MM-DDTHH:MM:SSZ", the offset applied. Returns `raw` unchanged when it does not parse or
/// names an impossible date or time. Never throws except std::bad_alloc.
std::string pdf_date_to_iso(const std::string& raw);

}  // namespace kansli::verify
