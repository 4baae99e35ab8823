// <avtal> → model::Avtal
#include "source/builder_impl.hpp"

namespace kansli::source::detail {

namespace {

bool is_block_element(std::string_view name) {
    return name == "stycke" || name == "underrubrik" || name == "lista" || name == "tabell" || name == "bild";
}

model::Section section(Builder& b, const xmlNode* n, int depth) {
    model::Section s;
    s.loc = b.loc(n);
    s.numbered = attr_or(n, "numrerad", "ja") != "nej";
    for (const xmlNode* c : elements(n)) {
        const auto name = local_name(c);
        if (name == "rubrik") {
            s.title = collapsed_text(c);
        } else if (name == "avsnitt") {
            if (depth >= 16) {
                b.error(c, "structure", "sections are nested more than 16 levels deep", "flatten the structure");
                continue;
            }
            s.subsections.push_back(section(b, c, depth + 1));
        } else if (is_block_element(name)) {
            if (!s.subsections.empty()) {
                b.error(c, "structure", "text after a subsection belongs in a subsection of its own",
                        "move it before the first <avsnitt>, or into an <avsnitt>");
                continue;
            }
            s.blocks.push_back(b.block(c));
        }
    }
    return s;
}

}  // namespace

model::Avtal build_avtal(Builder& b, const xmlNode* root) {
    model::Avtal a;
    a.loc = b.loc(root);
    const std::string typ = attr_or(root, "typ", "avtal");
    a.kind_label = typ == "överenskommelse" ? "Överenskommelse" : typ == "rapport" ? "Rapport" : "Avtal";
    for (const xmlNode* c : elements(root)) {
        const auto name = local_name(c);
        if (name == "huvud")
            a.header = b.header(c);
        else if (name == "titel")
            a.title = collapsed_text(c);
        else if (name == "undertitel")
            a.subtitle = collapsed_text(c);
        else if (name == "version")
            a.version = collapsed_text(c);
        else if (name == "parter") {
            for (const xmlNode* p : elements(c)) {
                if (is_element(p, "part")) {
                    a.parties.push_back(
                        {attr_or(p, "id"), attr_or(p, "namn"), attr_or(p, "organisationsnummer"), b.loc(p)});
                }
            }
        } else if (name == "historik") {
            a.history = b.blocks(c);
        } else if (name == "giltighet") {
            a.valid_from = b.date_attr(c, "från");
            a.valid_to = b.date_attr(c, "till");
            a.validity = b.blocks(c);
        } else if (name == "avsnitt") {
            a.sections.push_back(section(b, c, 1));
        } else if (name == "underskrifter") {
            for (const xmlNode* u : elements(c)) {
                if (is_element(u, "underskrift")) {
                    a.signatures.push_back(
                        {attr_or(u, "part"), attr_or(u, "namn"), attr_or(u, "titel"), attr_or(u, "ort"), b.loc(u)});
                }
            }
        }
    }
    return a;
}

}  // namespace kansli::source::detail
