#include "core/roles.hpp"

#include <string>

namespace kansli::core {
namespace {

// ASCII lower case, and Ö → ö (the one non-ASCII capital of the role words).
std::string fold(std::string_view s) {
    std::string lower(s);
    for (auto& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (std::size_t p; (p = lower.find("\xC3\x96")) != std::string::npos;) lower.replace(p, 2, "\xC3\xB6");
    return lower;
}

}  // namespace

std::optional<SignerRole> parse_role(std::string_view s) {
    const std::string lower = fold(s);
    if (lower == "sekreterare") return SignerRole::Sekreterare;
    if (lower == "justerare") return SignerRole::Justerare;
    if (lower == "ordförande" || lower == "ordforande") return SignerRole::Ordforande;
    if (lower == "utdragsbestyrkande") return SignerRole::Utdragsbestyrkande;
    return std::nullopt;
}

const char* role_name(SignerRole r) {
    switch (r) {
        case SignerRole::Sekreterare: return "sekreterare";
        case SignerRole::Justerare: return "justerare";
        case SignerRole::Ordforande: return "ordförande";
        case SignerRole::Utdragsbestyrkande: return "utdragsbestyrkande";
        case SignerRole::Unknown: break;
    }
    return "";
}

const char* role_label(SignerRole r) {
    switch (r) {
        case SignerRole::Sekreterare: return "Sekreterare";
        case SignerRole::Justerare: return "Justerare";
        case SignerRole::Ordforande: return "Ordförande";
        case SignerRole::Utdragsbestyrkande: return "Utdragsbestyrkande";
        case SignerRole::Unknown: break;
    }
    return "";
}

SignerRole role_in_field_name(std::string_view field) {
    const std::string low = fold(field);
    if (low.find("sekreterare") != std::string::npos) return SignerRole::Sekreterare;
    if (low.find("justerare") != std::string::npos) return SignerRole::Justerare;
    if (low.find("ordförande") != std::string::npos || low.find("ordforande") != std::string::npos) {
        return SignerRole::Ordforande;
    }
    if (low.find("utdragsbestyrkande") != std::string::npos) return SignerRole::Utdragsbestyrkande;
    return SignerRole::Unknown;
}

}  // namespace kansli::core
