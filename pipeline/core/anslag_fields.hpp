// The two text fields of a protokoll's ANSLAG/BEVIS block: made empty by `kansli build`, filled by
// `kansli anslag` in one incremental update, recognised by `kansli verify` ("ANSLAG dates filled").
#pragma once

namespace kansli::core {

inline constexpr const char* kAnslagPostedField = "Anslag uppsatt";    ///< "Datum för anslags uppsättande"
inline constexpr const char* kAnslagRemovedField = "Anslag nedtaget";  ///< "Datum för anslags nedtagande"

}  // namespace kansli::core
