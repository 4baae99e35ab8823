#include "rules/people.hpp"

namespace kansli::rules::detail {

bool in_ranges(const model::ParagraphRanges& ranges, int n) {
    if (ranges.empty()) return true;
    for (const auto& r : ranges) {
        if (n >= r.first && n <= r.last) return true;
    }
    return false;
}

const model::Person* People::member(const std::string& id) const {
    if (id.empty()) return nullptr;
    for (const auto& m : m_p.attendance.members) {
        if (m.id == id) return &m;
    }
    return nullptr;
}

const model::Person* People::anyone(const std::string& id) const {
    if (id.empty()) return nullptr;
    for (const auto* list : {&m_p.attendance.members, &m_p.attendance.substitutes, &m_p.attendance.others}) {
        for (const auto& person : *list) {
            if (person.id == id) return &person;
        }
    }
    return nullptr;
}

std::string People::name(const std::string& id) const {
    if (const auto* p = anyone(id)) return p->name;
    return "'" + id + "'";
}

bool People::serves(const std::string& id, int n) const {
    const auto* m = member(id);
    return m && in_ranges(m->paragraphs, n);
}

bool People::javig(const model::Paragraph& para, const std::string& id) {
    for (const auto& j : para.jav) {
        if (j.by_ref == id) return true;
    }
    return false;
}

int People::voting_members(const model::Paragraph& para) const {
    int n = 0;
    for (const auto& m : m_p.attendance.members) {
        if (in_ranges(m.paragraphs, para.number) && (m.id.empty() || !javig(para, m.id))) ++n;
    }
    return n;
}

}  // namespace kansli::rules::detail
