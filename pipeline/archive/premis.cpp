#include "archive/premis.hpp"

#include "archive/package.hpp"
#include "archive/xml_out.hpp"

namespace kansli::archive {

namespace {

void identifier(XmlOut& x, const std::string& kind, const std::string& value) {
    x.open("premis:" + kind + "Identifier");
    x.leaf("premis:" + kind + "IdentifierType", "local");
    x.leaf("premis:" + kind + "IdentifierValue", value);
    x.close("premis:" + kind + "Identifier");
}

struct Event {
    std::string id, type, detail, outcome, note;
};

void event(XmlOut& x, const Record& rec, const Event& e, const std::vector<PackageFile>& objects) {
    x.open("premis:event");
    identifier(x, "event", e.id);
    x.leaf("premis:eventType", e.type);
    x.leaf("premis:eventDateTime", core::format_iso(rec.ingested));
    x.open("premis:eventDetailInformation");
    x.leaf("premis:eventDetail", e.detail);
    x.close("premis:eventDetailInformation");
    x.open("premis:eventOutcomeInformation");
    x.leaf("premis:eventOutcome", e.outcome);
    if (!e.note.empty()) {
        x.open("premis:eventOutcomeDetail");
        x.leaf("premis:eventOutcomeDetailNote", e.note);
        x.close("premis:eventOutcomeDetail");
    }
    x.close("premis:eventOutcomeInformation");
    x.open("premis:linkingAgentIdentifier");
    x.leaf("premis:linkingAgentIdentifierType", "local");
    x.leaf("premis:linkingAgentIdentifierValue", "agent-kansli");
    x.close("premis:linkingAgentIdentifier");
    for (const auto& o : objects) {
        x.open("premis:linkingObjectIdentifier");
        x.leaf("premis:linkingObjectIdentifierType", "local");
        x.leaf("premis:linkingObjectIdentifierValue", o.path);
        x.close("premis:linkingObjectIdentifier");
    }
    x.close("premis:event");
}

}  // namespace

std::string premis_xml(const Record& rec, const std::vector<PackageFile>& objects) {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    XmlOut x(out);
    x.open("premis:premis",
           " xmlns:premis=\"http://www.loc.gov/premis/v3\""
           " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
           " xsi:schemaLocation=\"http://www.loc.gov/premis/v3 ../../schemas/premis-v3-0.xsd\"" +
               attr("version", "3.0"));
    for (const auto& o : objects) {
        x.open("premis:object", attr("xsi:type", "premis:file"));
        identifier(x, "object", o.path);
        x.open("premis:objectCharacteristics");
        x.leaf("premis:compositionLevel", "0");
        x.open("premis:fixity");
        x.leaf("premis:messageDigestAlgorithm", "SHA-256");
        x.leaf("premis:messageDigest", o.sha256);
        x.leaf("premis:messageDigestOriginator", "kansli");
        x.close("premis:fixity");
        x.leaf("premis:size", std::to_string(o.size));
        x.open("premis:format");
        x.open("premis:formatDesignation");
        x.leaf("premis:formatName", o.mime);
        x.close("premis:formatDesignation");
        x.close("premis:format");
        x.close("premis:objectCharacteristics");
        x.close("premis:object");
    }
    std::vector<PackageFile> pdf(objects.begin(), objects.begin() + (objects.empty() ? 0 : 1));
    event(x, rec,
          {"event-signature-verification", "validation",
           "kansli verify: every signature of the PDF (coverage, integrity, CMS, chain, identity, "
           "modifications, time-stamps)",
           verify::to_string(rec.report.verdict), rec.report_text},
          pdf);
    event(x, rec,
          {"event-rebuild-comparison", "validation",
           "kansli build of the source with the build date stored in the PDF, compared byte for byte "
           "with the signed PDF's first revision",
           to_string(rec.rebuild), rec.rebuild_detail},
          objects);
    event(x, rec, {"event-message-digest", "message digest calculation", "SHA-256 of every file", "success", ""},
          objects);
    event(x, rec,
          {"event-ingestion", "ingestion", "kansli archive ingest: E-ARK SIP (CSIP 2.1.0, SIP 2.1.0)", "success", ""},
          objects);
    x.open("premis:agent");
    identifier(x, "agent", "agent-kansli");
    x.leaf("premis:agentName", "kansli");
    x.leaf("premis:agentType", "software");
    x.leaf("premis:agentVersion", kansli_version());
    x.close("premis:agent");
    x.close("premis:premis");
    return out;
}

}  // namespace kansli::archive
