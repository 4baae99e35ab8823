#include "archive/mets.hpp"

#include "archive/xml_out.hpp"

#include <map>

namespace kansli::archive {

namespace {

constexpr const char* kNamespaces =
    " xmlns:mets=\"http://www.loc.gov/METS/\" xmlns:csip=\"https://DILCIS.eu/XML/METS/CSIPExtensionMETS\""
    " xmlns:sip=\"https://DILCIS.eu/XML/METS/SIPExtensionMETS\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
    " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
    " xsi:schemaLocation=\"http://www.loc.gov/METS/ schemas/mets.xsd"
    " http://www.w3.org/1999/xlink schemas/xlink.xsd"
    " https://DILCIS.eu/XML/METS/CSIPExtensionMETS schemas/DILCISExtensionMETS.xsd\"";
constexpr const char* kProfile = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";

/// "ID-…" from a path: METS IDs are xs:ID (NCName), so every other character becomes '-'.
std::string id_of(const std::string& prefix, const std::string& path) {
    std::string id = prefix;
    for (char c : path) id += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_') ? c : '-';
    return id;
}

std::string created(const Record& rec) { return core::format_iso(rec.ingested); }

std::string file_attrs(const Record& rec, const PackageFile& f, const std::string& id_prefix) {
    return attr("ID", id_of(id_prefix, f.path)) + attr("MIMETYPE", f.mime) + attr("SIZE", std::to_string(f.size)) +
           attr("CREATED", created(rec)) + attr("CHECKSUM", f.sha256) + attr("CHECKSUMTYPE", "SHA-256");
}

std::string href(const std::string& path) {
    return attr("LOCTYPE", "URL") + attr("xlink:type", "simple") + attr("xlink:href", path);
}

void header(XmlOut& x, const Record& rec, const PackageConfig* cfg) {
    x.open("mets:metsHdr", attr("CREATEDATE", created(rec)) + attr("LASTMODDATE", created(rec)) +
                               attr("RECORDSTATUS", "NEW") + attr("csip:OAISPACKAGETYPE", "SIP"));
    x.open("mets:agent", attr("ROLE", "CREATOR") + attr("TYPE", "OTHER") + attr("OTHERTYPE", "SOFTWARE"));
    x.leaf("mets:name", "kansli");
    x.leaf("mets:note", kansli_version(), attr("csip:NOTETYPE", "SOFTWARE VERSION"));
    x.close("mets:agent");
    if (cfg) {
        const std::string org = cfg->archivist.empty() ? rec.organisation : cfg->archivist;
        // The organisation as ARCHIVIST and as submitter (SIP), with its IDENTIFICATIONCODE. Not as
        // a CREATOR: CSIP12-16 reserve that role for the software.
        for (const char* role : {"ARCHIVIST", "SUBMITTER"}) {
            const bool other = std::string(role) == "SUBMITTER";
            x.open("mets:agent", attr("ROLE", other ? "OTHER" : role) +
                                     (other ? attr("OTHERROLE", "SUBMITTER") : std::string()) +
                                     attr("TYPE", "ORGANIZATION"));
            x.leaf("mets:name", org.empty() ? "okänd" : org);
            if (!cfg->archivist_number.empty()) {
                x.leaf("mets:note", cfg->archivist_number, attr("csip:NOTETYPE", "IDENTIFICATIONCODE"));
            }
            x.close("mets:agent");
        }
    }
    x.close("mets:metsHdr");
}

std::string mets_open(const Record& rec, const std::string& objid, const std::string& label) {
    return std::string(kNamespaces) + attr("OBJID", objid) + attr("LABEL", label) + attr("TYPE", "Other") +
           attr("csip:OTHERTYPE", "Signed meeting documents") + attr("csip:CONTENTINFORMATIONTYPE", "OTHER") +
           attr("csip:OTHERCONTENTINFORMATIONTYPE", "kansli-" + rec.kind) + attr("PROFILE", kProfile);
}

std::string label_of(const Record& rec) {
    std::string l = rec.kind;
    if (!rec.organ.empty()) l += " " + rec.organ;
    if (!rec.date.empty()) l += " " + rec.date;
    return l;
}

/// The top folder of a path ("documentation", "schemas", "representations/rep1", "metadata/…").
std::string group_of(const std::string& path) {
    if (path.rfind("representations/", 0) == 0) return path.substr(0, path.find('/', 16));
    return path.substr(0, path.find('/'));
}

}  // namespace

std::string root_mets(const Record& rec, const PackageConfig& cfg, const std::vector<PackageFile>& files) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    XmlOut x(out);
    x.open("mets:mets", mets_open(rec, rec.objid, label_of(rec)));
    header(x, rec, &cfg);
    const PackageFile* dmd = nullptr;
    const PackageFile* premis = nullptr;
    std::map<std::string, std::vector<const PackageFile*>> groups;
    for (const auto& f : files) {
        if (f.path == "metadata/descriptive/meeting.xml") {
            dmd = &f;
        } else if (f.path == "metadata/preservation/premis.xml") {
            premis = &f;
        } else {
            groups[group_of(f.path)].push_back(&f);
        }
    }
    if (dmd) {
        x.open("mets:dmdSec", attr("ID", "dmd-meeting") + attr("CREATED", created(rec)) + attr("STATUS", "CURRENT"));
        x.empty("mets:mdRef", href(dmd->path) + attr("MDTYPE", "OTHER") + attr("OTHERMDTYPE", "kansli-meeting") +
                                  attr("MIMETYPE", dmd->mime) + attr("SIZE", std::to_string(dmd->size)) +
                                  attr("CREATED", created(rec)) + attr("CHECKSUM", dmd->sha256) +
                                  attr("CHECKSUMTYPE", "SHA-256"));
        x.close("mets:dmdSec");
    }
    if (premis) {
        x.open("mets:amdSec");
        x.open("mets:digiprovMD",
               attr("ID", "digiprov-premis") + attr("CREATED", created(rec)) + attr("STATUS", "CURRENT"));
        x.empty("mets:mdRef", href(premis->path) + attr("MDTYPE", "PREMIS") + attr("MIMETYPE", premis->mime) +
                                  attr("SIZE", std::to_string(premis->size)) + attr("CREATED", created(rec)) +
                                  attr("CHECKSUM", premis->sha256) + attr("CHECKSUMTYPE", "SHA-256"));
        x.close("mets:digiprovMD");
        x.close("mets:amdSec");
    }
    x.open("mets:fileSec", attr("ID", "filesec"));
    for (const auto& [group, list] : groups) {
        const std::string use = group == "documentation" ? "Documentation"
                                : group == "schemas"     ? "Schemas"
                                                         : "Representations/" + group.substr(16);
        // CSIP62/63: a representation's file group states its content information type.
        const std::string cit = group.rfind("representations/", 0) == 0
                                    ? attr("csip:CONTENTINFORMATIONTYPE", "OTHER") +
                                          attr("csip:OTHERCONTENTINFORMATIONTYPE", "kansli-" + rec.kind)
                                    : std::string();
        x.open("mets:fileGrp", attr("ID", id_of("grp-", group)) + attr("USE", use) + cit);
        for (const auto* f : list) {
            x.open("mets:file", file_attrs(rec, *f, "file-"));
            x.empty("mets:FLocat", href(f->path));
            x.close("mets:file");
        }
        x.close("mets:fileGrp");
    }
    x.close("mets:fileSec");
    x.open("mets:structMap", attr("ID", "structmap-csip") + attr("TYPE", "PHYSICAL") + attr("LABEL", "CSIP"));
    x.open("mets:div", attr("ID", "div-root") + attr("LABEL", rec.objid));
    x.empty("mets:div", attr("ID", "div-metadata") + attr("LABEL", "Metadata") +
                            (premis ? attr("ADMID", "digiprov-premis") : std::string()) +
                            (dmd ? attr("DMDID", "dmd-meeting") : std::string()));
    for (const auto& [group, list] : groups) {
        if (group.rfind("representations/", 0) == 0) {
            x.open("mets:div", attr("ID", id_of("div-", group)) + attr("LABEL", "Representations/" + group.substr(16)));
            x.empty("mets:mptr", href(group + "/METS.xml") + attr("xlink:title", id_of("grp-", group)));
            x.close("mets:div");
            continue;
        }
        x.open("mets:div", attr("ID", id_of("div-", group)) +
                               attr("LABEL", group == "documentation" ? "Documentation" : "Schemas"));
        for (const auto* f : list) x.empty("mets:fptr", attr("FILEID", id_of("file-", f->path)));
        x.close("mets:div");
    }
    x.close("mets:div");
    x.close("mets:structMap");
    x.close("mets:mets");
    return out;
}

std::string representation_mets(const Record& rec, const std::string& rep, const std::vector<PackageFile>& files) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    XmlOut x(out);
    std::string open = mets_open(rec, rec.objid + "-" + rep, label_of(rec) + " (" + rep + ")");
    // The representation's schemas are the package's, one folder up twice.
    for (auto p = open.find("schemas/"); p != std::string::npos; p = open.find("schemas/", p + 14)) {
        open.insert(p, "../../");
    }
    x.open("mets:mets", open);
    header(x, rec, nullptr);
    x.open("mets:fileSec", attr("ID", "filesec-" + rep));
    x.open("mets:fileGrp", attr("ID", "grp-data") + attr("USE", "Data"));
    for (const auto& f : files) {
        x.open("mets:file", file_attrs(rec, f, "file-"));
        x.empty("mets:FLocat", href(f.path));
        x.close("mets:file");
    }
    x.close("mets:fileGrp");
    x.close("mets:fileSec");
    x.open("mets:structMap", attr("ID", "structmap-" + rep) + attr("TYPE", "PHYSICAL") + attr("LABEL", "CSIP"));
    x.open("mets:div", attr("ID", "div-" + rep) + attr("LABEL", rep));
    x.open("mets:div", attr("ID", "div-data") + attr("LABEL", "Data"));
    for (const auto& f : files) x.empty("mets:fptr", attr("FILEID", id_of("file-", f.path)));
    x.close("mets:div");
    x.close("mets:div");
    x.close("mets:structMap");
    x.close("mets:mets");
    return out;
}

std::string meeting_xml(const Record& rec) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    XmlOut x(out);
    x.open("möte", " xmlns=\"urn:kansli:arkiv:1\"" + attr("typ", rec.kind));
    x.leaf("organisation", rec.organisation);
    x.leaf("organ", rec.organ);
    x.leaf("datum", rec.date);
    x.open("paragrafer");
    for (const auto& p : rec.paragraphs) x.leaf("paragraf", p.title, attr("nr", std::to_string(p.number)));
    x.close("paragrafer");
    x.open("underskrifter");
    for (const auto& s : rec.signatures) {
        x.leaf("underskrift", s.signer,
               attr("roll", s.role) + attr("fält", s.field) + attr("tid", s.time) + attr("nivå", s.level) +
                   attr("utfall", s.verdict));
    }
    x.close("underskrifter");
    x.close("möte");
    return out;
}

std::string kansli_version() {
#ifdef KANSLI_VERSION
    return KANSLI_VERSION;
#else
    return "unknown";
#endif
}

}  // namespace kansli::archive
