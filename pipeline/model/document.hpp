// The content model of kansli: what a secretary wrote, checked and immutable after loading.
// Every node keeps the SourceLoc of its XML element. Element and attribute names of the source
// format (namespace urn:kansli:dokument:1, see schemas/README.md) are given beside each field.
#pragma once

#include "core/roles.hpp"
#include "core/time.hpp"
#include "model/text.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kansli::model {

/// A §§ range such as "7-15" or "9" (both ends inclusive). Written as paragrafer="7-15" or
/// paragrafer="9" or paragrafer="1-7, 11" (several ranges separated by commas).
struct ParagraphRange {
    int first = 0;
    int last = 0;
    friend bool operator==(const ParagraphRange&, const ParagraphRange&) = default;
};
using ParagraphRanges = std::vector<ParagraphRange>;  ///< empty = the whole meeting

/// <huvud> of every kind: who meets, when and where.
struct Header {
    std::string organisation;          ///< <organisation>Region Jämtland Härjedalen</organisation>
    std::string organ;                 ///< <organ>Sociala vård och omsorgsgruppen</organ>
    core::Date date;                   ///< <datum>2023-02-24</datum> (mötesdatum)
    std::string place;                 ///< <plats>Regionens hus, …</plats> (optional for avtal)
    std::optional<int> start_minutes;  ///< <tid start="13:00" slut="16:05"/>
    std::optional<int> end_minutes;
    SourceLoc loc;
};

/// A person present at a meeting. id is an xs:ID used by references (av="…", ref="…").
struct Person {
    std::string id;              ///< id="bs" (optional for people never referred to)
    std::string name;            ///< namn="Björn Sandal"
    std::string party;           ///< parti="S" (optional)
    std::string role;            ///< roll="Ordförande" (optional)
    std::string acting_role;     ///< tjänstgör-som="Ordförande" (optional, beslutande only): a second role
    std::string represents;      ///< representerar="Östersunds kommun" (optional); for officials: the affiliation
    std::string replaces;        ///< ersätter="Bianca Zandén (V)" (optional, beslutande only)
    ParagraphRanges paragraphs;  ///< paragrafer="7-15" (optional; empty = all §§)
    SourceLoc loc;
};

/// <närvaro>
struct Attendance {
    std::vector<Person> members;      ///< <beslutande><ledamot …/>…</beslutande>
    std::vector<Person> substitutes;  ///< <ersättare><ersättare …/></ersättare> (ej tjänstgörande)
    std::vector<Person> others;       ///< <övriga><närvarande …/></övriga>
    SourceLoc loc;
};

using SignerRole = core::SignerRole;  ///< one type for sign/, verify/ and the model (core/roles.hpp)

/// <underskrift roll="sekreterare|justerare|ordförande" (ref="id" | namn="…")/>
struct Signatory {
    SignerRole role = SignerRole::Unknown;
    std::string ref;    ///< id of a member (justerare and ordförande must be members)
    std::string name;   ///< resolved display name ("Björn Sandal")
    std::string party;  ///< resolved party, shown as "(S)"
    SourceLoc loc;
};

/// <justering> children in this order: <utses-att-justera ref/>+ <plats-och-tid>? <omfattar>?
/// <underskrifter>. utses-att-justera and every av="…" must name a <ledamot> (schema keyref).
struct Justering {
    std::vector<std::string> justerare_refs;  ///< <utses-att-justera ref="bs"/> (one or more)
    std::vector<SourceLoc> justerare_locs;
    std::string place_and_time;          ///< <plats-och-tid>Digital justering 2023-03-03</plats-och-tid> (optional)
    std::vector<Signatory> signatories;  ///< <underskrifter>: document order = signing order
    std::optional<ParagraphRange> declared_range;  ///< <omfattar>1-15</omfattar> (optional; derived when absent)
    SourceLoc loc;
};

/// <anslag anslagstavla="…" förvaringsplats="…" [uppsatt="YYYY-MM-DD"] [nedtas="YYYY-MM-DD"]/>
struct Anslag {
    std::string board;    ///< "Region Jämtland Härjedalens anslagstavla"
    std::string storage;  ///< förvaringsplats, "Samordningskansliet"
    std::optional<core::Date> posted;
    std::optional<core::Date> removed;
    std::string signed_with;  ///< <signerat-med>Signerat med kansli</signerat-med> (optional)
    SourceLoc loc;
};

/// <yrkande av="id">blocks</yrkande>
struct Motion {
    std::string by_ref;
    Blocks text;
    SourceLoc loc;
};

/// <votering [ja="6"] [nej="3"] [avstår="1"]><ja><röst av="id"/>…</ja><nej>…</nej><avstår>…</avstår>
/// [<resultat>blocks</resultat>]</votering>. Counts are given as attributes, by name lists, or
/// both (then they must agree).
struct Vote {
    std::optional<int> yes, no, abstain;
    std::vector<std::string> yes_refs, no_refs, abstain_refs;
    std::vector<SourceLoc> yes_locs, no_locs, abstain_locs;
    Blocks result;
    SourceLoc loc;
};

/// <reservation av="id">blocks (optional)</reservation>
struct Reservation {
    std::string by_ref;
    Blocks text;
    SourceLoc loc;
};

/// <jäv av="id"/>: the member is disqualified and takes no part in the §.
struct Jav {
    std::string by_ref;
    SourceLoc loc;
};

enum class JusteringKind : std::uint8_t { Unknown = 0, Justerad, OmedelbartJusterad };

/// <beslutsunderlag><dokument [fil="handlingar/x.pdf"]>title</dokument>…</beslutsunderlag>
struct Attachment {
    std::string title;
    std::string file;  ///< as written; resolved against the XML file's folder
    SourceLoc loc;
};

/// <paragraf [nr="10"] [justering="justerad|omedelbart-justerad"]> in <paragrafer>.
/// Child order in the source: rubrik, diarienummer?, sammanfattning?, förslag-till-beslut?,
/// yrkande*, proposition?, votering?, beslut?, reservation*, jäv*, beslutsunderlag?, expedieras-till?
struct Paragraph {
    int number = 0;  ///< resolved: nr="…", else previous § + 1 (första for the first)
    bool number_given = false;
    std::string title;            ///< <rubrik>
    std::string diarienummer;     ///< <diarienummer>HSN/316/2020</diarienummer>
    Blocks summary;               ///< <sammanfattning>
    Blocks proposal;              ///< <förslag-till-beslut>
    std::vector<Motion> motions;  ///< <yrkande>
    Blocks proposition;           ///< <proposition>
    std::optional<Vote> vote;     ///< <votering>
    Blocks decision;              ///< <beslut>
    std::vector<Reservation> reservations;
    std::vector<Jav> jav;
    std::vector<Attachment> attachments;  ///< <beslutsunderlag>
    std::vector<std::string> recipients;  ///< <expedieras-till><mottagare>…</mottagare></expedieras-till>
    JusteringKind justering = JusteringKind::Justerad;
    std::string group;  ///< heading of the enclosing <grupp rubrik="…"> ("" when none)
    SourceLoc loc;
};

/// <protokoll xmlns="urn:kansli:dokument:1">
///   <huvud/> <närvaro/> <justering/> <anslag/> <paragrafer första="1"> (<grupp rubrik="…">)? <paragraf/>… </paragrafer>
///   (<paragrafer> holds either only <paragraf> or only <grupp> elements.)
/// </protokoll>
struct Protokoll {
    Header header;
    Attendance attendance;
    Justering justering;
    Anslag anslag;
    int first_number = 1;               ///< <paragrafer första="31">
    std::vector<Paragraph> paragraphs;  ///< in document order
    SourceLoc loc;
};

enum class ItemKind : std::uint8_t { Unknown = 0, Information, Beslut, Other };

/// <ärende [nr="5"] [tid="13:10"] [typ="information|beslut"]> in <ärenden>, possibly inside
/// <grupp rubrik="Informationsärenden" [typ="information"]> (items without typ take the group's;
/// <paus> may also stand inside a group). Children: rubrik, föredragande*,
/// ärendebeskrivning?, förslag-till-beslut?, beslutsunderlag?
struct AgendaItem {
    int number = 0;
    std::string title;
    std::vector<std::string> presenters;  ///< <föredragande>Lisbet Gibson</föredragande>…
    std::optional<int> start_minutes;
    ItemKind kind = ItemKind::Other;
    Blocks description;                   ///< <ärendebeskrivning>
    Blocks proposal;                      ///< <förslag-till-beslut>
    std::vector<Attachment> attachments;  ///< <beslutsunderlag>
    std::string group;
    SourceLoc loc;
};

/// <paus från="14:20" till="14:45">PAUS/Kaffe</paus> between items.
struct Break {
    std::string label;
    int from_minutes = 0;
    int to_minutes = 0;
    SourceLoc loc;
};

struct AgendaEntry {
    std::variant<AgendaItem, Break> entry;
};

/// <kallelse> <huvud/> [<inledning>blocks</inledning>] <ärenden>…</ärenden> </kallelse>
struct Kallelse {
    Header header;
    Blocks introduction;
    std::vector<AgendaEntry> agenda;
    SourceLoc loc;
};

/// <part id="region" namn="Region Jämtland Härjedalen" [organisationsnummer="NNNNNN-NNNN"]/> (two or more in <parter>)
struct Party {
    std::string id;
    std::string name;
    std::string org_number;
    SourceLoc loc;
};

/// <avsnitt><rubrik>…</rubrik> blocks and nested <avsnitt>… </avsnitt>; numbered by the layout
/// (1, 1.1, …) unless numrerad="nej".
struct Section {
    std::string title;
    bool numbered = true;
    Blocks blocks;  ///< content before the first subsection
    std::vector<Section> subsections;
    SourceLoc loc;
};

/// <underskrift part="region" [namn="…"] [titel="Regiondirektör"] [ort="…"]/> in <underskrifter>
struct PartySignature {
    std::string party_ref;
    std::string name;
    std::string title;
    std::string place;
    SourceLoc loc;
};

/// <avtal [typ="överenskommelse|avtal|rapport"]> (default avtal; rapport: a report laid before a meeting)
///   <huvud/> <titel/> [<undertitel/>] [<version>5.0</version>] <parter/> [<historik>blocks</historik>]
///   [<giltighet från="YYYY-MM-DD" [till="YYYY-MM-DD"]>blocks</giltighet>] <avsnitt/>… <underskrifter/>
/// </avtal>
struct Avtal {
    Header header;
    std::string kind_label;  ///< "Överenskommelse", "Avtal" or "Rapport" (from typ)
    std::string title;
    std::string subtitle;
    std::string version;
    std::vector<Party> parties;
    Blocks history;
    std::optional<core::Date> valid_from;
    std::optional<core::Date> valid_to;
    Blocks validity;
    std::vector<Section> sections;
    std::vector<PartySignature> signatures;
    std::vector<Inlines> footnotes;  ///< footnote texts, index i ↔ footnote_index i+1
    SourceLoc loc;
};

enum class DocKind : std::uint8_t { Unknown = 0, Protokoll, Kallelse, Avtal };

/// A loaded document: exactly one kind, plus where it came from.
struct Document {
    std::string path;      ///< the XML file as given
    std::string base_dir;  ///< folder relative paths (attachments, images) resolve against
    std::string root;      ///< folder outside which no file is read (--root; default base_dir)
    std::variant<Protokoll, Kallelse, Avtal> body;
    [[nodiscard]] DocKind kind() const { return static_cast<DocKind>(body.index() + 1); }
};

/// A file the document names: <dokument fil="…"> in <beslutsunderlag>, or <bild fil="…">.
enum class FileKind : std::uint8_t { Attachment, Image };

/// A beslutsunderlag that is itself a kansli source (fil="….xml"): `kansli build` builds it and
/// appends the result; `kansli validate` validates it (job/load.cpp, with depth and cycle limits).
inline bool is_source_attachment(std::string_view path) {
    return path.size() > 4 && (path.substr(path.size() - 4) == ".xml" || path.substr(path.size() - 4) == ".XML");
}

/// Calls fn(kind, path, loc) for every non-empty file path of the document, in document order;
/// fn may change the path (job/ replaces each by the file actually opened).
void for_each_file(Document& doc, const std::function<void(FileKind, std::string&, const SourceLoc&)>& fn);
void for_each_file(const Document& doc, const std::function<void(FileKind, const std::string&, const SourceLoc&)>& fn);

/// "sekreterare", "justerare", "ordförande" (core::role_name), "okänd" for Unknown
const char* role_name(SignerRole r);
/// "§§1-15", "§9"
std::string format_range(const ParagraphRange& r);
std::string format_ranges(const ParagraphRanges& r);
/// "13:05"
std::string format_hhmm(int minutes);

}  // namespace kansli::model
