// <protokoll> → model::Protokoll
#include "core/roles.hpp"
#include "source/builder_impl.hpp"

namespace kansli::source::detail {

namespace {

model::Attendance attendance(Builder& b, const xmlNode* n) {
    model::Attendance a;
    a.loc = b.loc(n);
    for (const xmlNode* group : elements(n)) {
        const auto name = local_name(group);
        std::vector<model::Person>* target = name == "beslutande"  ? &a.members
                                             : name == "ersättare" ? &a.substitutes
                                             : name == "övriga"    ? &a.others
                                                                   : nullptr;
        if (!target) continue;
        for (const xmlNode* p : elements(group)) target->push_back(b.person(p));
    }
    return a;
}

model::SignerRole signer_role(std::string_view s) { return core::parse_role(s).value_or(model::SignerRole::Unknown); }

model::Justering justering(Builder& b, const xmlNode* n) {
    model::Justering j;
    j.loc = b.loc(n);
    for (const xmlNode* c : elements(n)) {
        const auto name = local_name(c);
        if (name == "utses-att-justera") {
            j.justerare_refs.push_back(attr_or(c, "ref"));
            j.justerare_locs.push_back(b.loc(c));
        } else if (name == "plats-och-tid") {
            j.place_and_time = collapsed_text(c);
        } else if (name == "omfattar") {
            auto r = parse_ranges(collapsed_text(c));
            if (!r || r->size() != 1) {
                b.error(c, "range", "<omfattar>" + collapsed_text(c) + "</omfattar> is not one §§ range",
                        "write e.g. <omfattar>1-15</omfattar>, or leave it out to have it derived");
            } else {
                j.declared_range = r->front();
            }
        } else if (name == "underskrifter") {
            for (const xmlNode* u : elements(c)) {
                if (!is_element(u, "underskrift")) continue;
                model::Signatory s;
                const std::string role = attr_or(u, "roll");
                s.role = signer_role(role);
                if (s.role == model::SignerRole::Unknown) {
                    b.error(u, "signatory", "roll=\"" + role + "\" is not a signer role",
                            "use sekreterare, justerare or ordförande");
                }
                s.ref = attr_or(u, "ref");
                s.name = attr_or(u, "namn");
                if (s.ref.empty() == s.name.empty()) {
                    b.error(u, "signatory",
                            s.ref.empty() ? "<underskrift> needs ref=\"…\" or namn=\"…\""
                                          : "<underskrift> has both ref=\"" + s.ref + "\" and namn=\"" + s.name + "\"",
                            "write ref=\"id\" for a person of <närvaro>, or namn=\"…\" for someone else, not both");
                }
                s.loc = b.loc(u);
                j.signatories.push_back(std::move(s));
            }
        }
    }
    return j;
}

model::Anslag anslag(Builder& b, const xmlNode* n) {
    model::Anslag a;
    a.loc = b.loc(n);
    if (!n) return a;
    a.board = attr_or(n, "anslagstavla");
    a.storage = attr_or(n, "förvaringsplats");
    a.posted = b.date_attr(n, "uppsatt");
    a.removed = b.date_attr(n, "nedtas");
    if (const xmlNode* s = child(n, "signerat-med")) a.signed_with = collapsed_text(s);
    return a;
}

/// Names in <röst av="…"/> children of a <ja>/<nej>/<avstår> list.
void voters(Builder& b, const xmlNode* list, std::vector<std::string>& refs, std::vector<core::SourceLoc>& locs) {
    for (const xmlNode* r : elements(list)) {
        if (!is_element(r, "röst")) continue;
        refs.push_back(attr_or(r, "av"));
        locs.push_back(b.loc(r));
    }
}

model::Vote vote(Builder& b, const xmlNode* n) {
    model::Vote v;
    v.loc = b.loc(n);
    v.yes = b.int_attr(n, "ja");
    v.no = b.int_attr(n, "nej");
    v.abstain = b.int_attr(n, "avstår");
    for (const xmlNode* c : elements(n)) {
        const auto name = local_name(c);
        if (name == "ja")
            voters(b, c, v.yes_refs, v.yes_locs);
        else if (name == "nej")
            voters(b, c, v.no_refs, v.no_locs);
        else if (name == "avstår")
            voters(b, c, v.abstain_refs, v.abstain_locs);
        else if (name == "resultat")
            v.result = b.blocks(c);
    }
    return v;
}

model::Paragraph paragraph(Builder& b, const xmlNode* n, int number, const std::string& group) {
    model::Paragraph p;
    p.loc = b.loc(n);
    p.group = group;
    p.number = number;
    if (auto nr = b.int_attr(n, "nr")) {
        p.number = *nr;
        p.number_given = true;
    }
    const std::string just = attr_or(n, "justering", "justerad");
    if (just == "justerad") {
        p.justering = model::JusteringKind::Justerad;
    } else if (just == "omedelbart-justerad") {
        p.justering = model::JusteringKind::OmedelbartJusterad;
    } else {
        b.error(n, "justering", "justering=\"" + just + "\" is not known", "use justerad or omedelbart-justerad");
    }
    for (const xmlNode* c : elements(n)) {
        const auto name = local_name(c);
        if (name == "rubrik")
            p.title = collapsed_text(c);
        else if (name == "diarienummer")
            p.diarienummer = collapsed_text(c);
        else if (name == "sammanfattning")
            p.summary = b.blocks(c);
        else if (name == "förslag-till-beslut")
            p.proposal = b.blocks(c);
        else if (name == "yrkande")
            p.motions.push_back({attr_or(c, "av"), b.blocks(c), b.loc(c)});
        else if (name == "proposition")
            p.proposition = b.blocks(c);
        else if (name == "votering")
            p.vote = vote(b, c);
        else if (name == "beslut")
            p.decision = b.blocks(c);
        else if (name == "reservation")
            p.reservations.push_back({attr_or(c, "av"), b.blocks(c), b.loc(c)});
        else if (name == "jäv")
            p.jav.push_back({attr_or(c, "av"), b.loc(c)});
        else if (name == "beslutsunderlag")
            p.attachments = b.attachments(c);
        else if (name == "expedieras-till") {
            for (const xmlNode* m : elements(c)) {
                if (is_element(m, "mottagare")) p.recipients.push_back(collapsed_text(m));
            }
        }
    }
    return p;
}

}  // namespace

model::Protokoll build_protokoll(Builder& b, const xmlNode* root) {
    model::Protokoll p;
    p.loc = b.loc(root);
    p.header = b.header(child(root, "huvud"));
    p.attendance = attendance(b, child(root, "närvaro"));
    p.justering = justering(b, child(root, "justering"));
    p.anslag = anslag(b, child(root, "anslag"));
    // Resolve signers given by ref to the person's display name and party (unknown refs are
    // left for rules/ to report).
    for (auto& s : p.justering.signatories) {
        if (s.ref.empty()) continue;
        for (const auto* people : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others}) {
            for (const auto& person : *people) {
                if (person.id != s.ref) continue;
                if (s.name.empty()) s.name = person.name;
                s.party = person.party;
            }
        }
    }
    const xmlNode* list = child(root, "paragrafer");
    if (auto first = b.int_attr(list, "första")) p.first_number = *first;
    // A § without nr= follows the previous one (the first: första), so one wrong nr= gives
    // one numbering error in rules/ rather than a cascade; for a valid document this equals
    // första + position.
    auto add = [&](const xmlNode* n, const std::string& group) {
        int next = p.paragraphs.empty() ? p.first_number : p.paragraphs.back().number + 1;
        p.paragraphs.push_back(paragraph(b, n, next, group));
    };
    for (const xmlNode* c : elements(list)) {
        if (is_element(c, "paragraf")) {
            add(c, {});
        } else if (is_element(c, "grupp")) {
            const std::string group = attr_or(c, "rubrik");
            for (const xmlNode* g : elements(c)) {
                if (is_element(g, "paragraf")) add(g, group);
            }
        }
    }
    return p;
}

}  // namespace kansli::source::detail
