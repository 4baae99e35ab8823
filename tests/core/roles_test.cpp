#include "core/roles.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace kansli::core;

TEST_CASE("roles: one type, parsed from --role and found in field names") {
    struct Case {
        std::string text;
        std::optional<SignerRole> parsed;
        SignerRole in_field;
    };
    const std::vector<Case> cases = {
        {"sekreterare", SignerRole::Sekreterare, SignerRole::Sekreterare},
        {"Justerare", SignerRole::Justerare, SignerRole::Justerare},
        {"ORDFÖRANDE", SignerRole::Ordforande, SignerRole::Ordforande},
        {"ordforande", SignerRole::Ordforande, SignerRole::Ordforande},
        {"Justerare 2", std::nullopt, SignerRole::Justerare},
        {"Part region", std::nullopt, SignerRole::Unknown},
        {"", std::nullopt, SignerRole::Unknown},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        CHECK(parse_role(c.text) == c.parsed);
        CHECK(role_in_field_name(c.text) == c.in_field);
    }
    CHECK(std::string(role_name(SignerRole::Ordforande)) == "ordförande");
    CHECK(std::string(role_label(SignerRole::Ordforande)) == "Ordförande");
    CHECK(std::string(role_name(SignerRole::Unknown)).empty());
    for (const auto r : {SignerRole::Sekreterare, SignerRole::Justerare, SignerRole::Ordforande}) {
        CHECK(parse_role(role_name(r)) == r);
        CHECK(parse_role(role_label(r)) == r);
    }
}
