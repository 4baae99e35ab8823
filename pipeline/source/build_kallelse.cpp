// <kallelse> → model::Kallelse
#include "source/builder_impl.hpp"

namespace kansli::source::detail {

namespace {

model::ItemKind item_kind(std::string_view s) {
    if (s == "information") return model::ItemKind::Information;
    if (s == "beslut") return model::ItemKind::Beslut;
    return model::ItemKind::Other;
}

model::AgendaItem item(Builder& b, const xmlNode* n, int number, const std::string& group, model::ItemKind kind) {
    model::AgendaItem it;
    it.loc = b.loc(n);
    it.number = number;
    if (auto nr = b.int_attr(n, "nr")) it.number = *nr;
    it.start_minutes = b.time_attr(n, "tid");
    it.kind = kind;
    if (auto t = attr(n, "typ")) it.kind = item_kind(*t);
    it.group = group;
    for (const xmlNode* c : elements(n)) {
        const auto name = local_name(c);
        if (name == "rubrik")
            it.title = collapsed_text(c);
        else if (name == "föredragande")
            it.presenters.push_back(collapsed_text(c));
        else if (name == "ärendebeskrivning")
            it.description = b.blocks(c);
        else if (name == "förslag-till-beslut")
            it.proposal = b.blocks(c);
        else if (name == "beslutsunderlag")
            it.attachments = b.attachments(c);
    }
    return it;
}

model::Break pause(Builder& b, const xmlNode* n) {
    model::Break br;
    br.loc = b.loc(n);
    br.label = collapsed_text(n);
    br.from_minutes = b.time_attr(n, "från").value_or(0);
    br.to_minutes = b.time_attr(n, "till").value_or(0);
    return br;
}

}  // namespace

model::Kallelse build_kallelse(Builder& b, const xmlNode* root) {
    model::Kallelse k;
    k.loc = b.loc(root);
    k.header = b.header(child(root, "huvud"));
    k.introduction = b.blocks(child(root, "inledning"));
    int number = 0;
    auto walk = [&](const xmlNode* parent, const std::string& group, model::ItemKind kind, auto& self) -> void {
        for (const xmlNode* c : elements(parent)) {
            if (is_element(c, "ärende")) {
                ++number;  // default number: position among the items, from 1
                k.agenda.push_back({item(b, c, number, group, kind)});
            } else if (is_element(c, "paus")) {
                k.agenda.push_back({pause(b, c)});
            } else if (is_element(c, "grupp")) {
                self(c, attr_or(c, "rubrik"), item_kind(attr_or(c, "typ")), self);
            }
        }
    };
    walk(child(root, "ärenden"), {}, model::ItemKind::Other, walk);
    return k;
}

}  // namespace kansli::source::detail
