// Internal to rules/: who is who in a protokoll, and who serves in which §.
#pragma once

#include "model/document.hpp"

#include <string>

namespace kansli::rules::detail {

/// True when `n` lies in `ranges` (empty ranges = the whole meeting).
bool in_ranges(const model::ParagraphRanges& ranges, int n);

class People final {
public:
    explicit People(const model::Protokoll& p) : m_p(p) {}

    /// The member (beslutande ledamot) with this id, or nullptr.
    [[nodiscard]] const model::Person* member(const std::string& id) const;
    /// Any person of <närvaro> with this id, or nullptr.
    [[nodiscard]] const model::Person* anyone(const std::string& id) const;
    /// The member's name, or 'id' quoted when unknown.
    [[nodiscard]] std::string name(const std::string& id) const;
    /// The member serves in § n (listed as ledamot for n).
    [[nodiscard]] bool serves(const std::string& id, int n) const;
    /// The member is jävig in paragraph `para`.
    [[nodiscard]] static bool javig(const model::Paragraph& para, const std::string& id);
    /// Members serving in § para.number and not jäviga there.
    [[nodiscard]] int voting_members(const model::Paragraph& para) const;

private:
    const model::Protokoll& m_p;
};

}  // namespace kansli::rules::detail
