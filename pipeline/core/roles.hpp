// The one type for a signer's role (protokoll: sekreterare, justerare, ordförande), shared by
// model/ (the source), sign/ (--role) and verify/ (the role a field name names).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace kansli::core {

/// Utdragsbestyrkande: the certifier of a protokollsutdrag (`kansli utdrag`), normally the sekreterare.
enum class SignerRole : std::uint8_t { Unknown = 0, Sekreterare, Justerare, Ordforande, Utdragsbestyrkande };

/// "sekreterare", "justerare", "ordförande" (also "ordforande"), "utdragsbestyrkande",
/// case-insensitive for ASCII and Ö.
[[nodiscard]] std::optional<SignerRole> parse_role(std::string_view s);

/// The source attribute value and verify's "role": "sekreterare", "justerare", "ordförande"; "" for Unknown.
[[nodiscard]] const char* role_name(SignerRole r);

/// The Swedish label, also the default field name: "Sekreterare", "Justerare", "Ordförande".
[[nodiscard]] const char* role_label(SignerRole r);

/// The role a signature field's name contains ("Justerare 2" → Justerare; ASCII case folded,
/// "Ordförande"/"ORDFÖRANDE"/"ordforande"); Unknown when none.
[[nodiscard]] SignerRole role_in_field_name(std::string_view field);

}  // namespace kansli::core
