// The archivist's pages: justerade documents handed to the archive's ingest (in-process, into
// DIR/arkiv), and search in that archive.
#include "archive/ingest.hpp"
#include "archive/search.hpp"
#include "portal/workflow.hpp"

#include <filesystem>
#include <sstream>

namespace kansli::portal {
namespace fs = std::filesystem;
namespace {

std::string search_form(const std::string& q) {
    return "<form id=\"sok\" method=\"get\" action=\"/arkiv/sok\" role=\"search\"><p><label for=\"q\">Sök i "
           "arkivet</label> "
           "<input type=\"search\" id=\"q\" name=\"q\" value=\"" +
           esc(q) +
           "\" maxlength=\"200\"> <button type=\"submit\">Sök"
           "</button></p></form>";
}

// Copies the justerad version into a hand-over folder as NAME.signerad.pdf + NAME.xml (+ its
// handlingar), the layout ingest expects, and ingests it. Returns ingest's lines.
std::string hand_over(Portal& p, const User& u, const DocInfo& d) {
    std::lock_guard<std::mutex> work(p.work_mutex);
    const std::string from = p.version_dir(d.id, d.version);
    const std::string to = p.cfg.data_dir + "/overlamning/" + d.id + "-v" + std::to_string(d.version);
    std::error_code ec;
    fs::remove_all(to, ec);
    fs::create_directories(to);
    fs::copy_file(from + "/current.pdf", to + "/" + d.id + ".signerad.pdf");
    fs::copy_file(from + "/source.xml", to + "/" + d.id + ".xml");
    fs::copy(from + "/handlingar", to + "/handlingar", fs::copy_options::recursive, ec);
    archive::IngestConfig cfg;
    cfg.inputs = {to + "/" + d.id + ".signerad.pdf"};
    cfg.archive_dir = p.cfg.data_dir + "/arkiv";
    cfg.examine.home = p.cfg.home;
    cfg.examine.verify = p.verify_options;
    cfg.examine.verify.at = core::Instant{p.now()};
    cfg.package.home = p.cfg.home;
    cfg.now = core::Instant{p.now()};
    std::ostringstream out;
    const archive::IngestSummary sum = archive::ingest(cfg, out);
    const bool ok = sum.archived + sum.existing > 0;
    std::lock_guard<std::mutex> g(p.db.mutex());
    Tx tx(p.db);
    if (ok) {
        Stmt q(p.db.handle(), "UPDATE documents SET state='arkiverad' WHERE id=?");
        q.bind(1, d.id);
        q.step();
    }
    audit_append(p.db, AuditEntry{p.now(), u.name, ok ? "archive" : "archive-refused",
                                  d.id + "/v" + std::to_string(d.version), d.sha256});
    tx.commit();
    return out.str();
}

}  // namespace

void add_archive_routes(Portal& p) {
    p.http->Get("/arkiv", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "arkiv");
        if (!s) return;
        std::string body = "<h2>Justerade dokument</h2><ul class=\"documents\">";
        for (const auto& d : documents(p, "justerad")) {
            body += "<li><a href=\"/dokument/" + d.id + "\">" + esc(d.title) +
                    "</a> <form id=\"overlamna\" method=\"post\" "
                    "action=\"/arkiv/overlamna/" +
                    d.id + "\">" + csrf_input(*s) +
                    "<button type=\"submit\">Överlämna till arkivet</button></form></li>";
        }
        body += "</ul><h2>Arkiverade</h2><ul class=\"documents\">";
        for (const auto& d : documents(p, "arkiverad"))
            body += "<li>" + esc(d.title) + " <code>" + d.sha256 + "</code></li>";
        page(res, "Arkiv", body + "</ul>" + search_form({}), &*s);
    });
    p.http->Post(R"(/arkiv/overlamna/([0-9a-f]{32}))", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "arkiv");
        if (!s) return;
        const auto d = doc_info(p, req.matches[1].str());
        if (!d || d->state != "justerad") {
            message_page(res, 409, "Överlämning", "Bara justerade dokument kan överlämnas.", &*s);
            return;
        }
        const std::string lines = hand_over(p, s->user, *d);
        page(res, "Överlämning", "<pre class=\"ingest\">" + esc(lines) + "</pre><p><a href=\"/arkiv\">Tillbaka</a></p>",
             &*s);
    });
    p.http->Get("/arkiv/sok", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "arkiv");
        if (!s) return;
        const std::string q = req.has_param("q") ? req.get_param_value("q").substr(0, 200) : "";
        std::string body = search_form(q);
        std::error_code ec;
        if (!fs::exists(p.cfg.data_dir + "/arkiv/register.sqlite", ec)) {
            page(res, "Sök i arkivet", body + "<p class=\"message\">Arkivet är tomt.</p>", &*s);
            return;
        }
        archive::SearchQuery sq;
        sq.text = q;
        sq.limit = 50;
        archive::SearchResult found;
        try {
            found = archive::search_counted(p.cfg.data_dir + "/arkiv", sq);
        } catch (const core::Error& e) {
            page(res, "Sök i arkivet", body + errors_html(e.diagnostics()), &*s, 400);
            return;
        }
        body += "<ol class=\"hits\">";
        for (const auto& h : found.hits) {
            body += "<li>" + esc(h.organ) + " " + esc(h.date) + (h.number ? " §" + std::to_string(h.number) : "") +
                    ": " + esc(h.title) + "<br>" + esc(h.snippet) + "</li>";
        }
        const std::string total =
            found.total_exact ? std::to_string(found.total) : "fler än " + std::to_string(found.total - 1);
        const std::string count = found.hits.size() < found.total ? "Visar " + std::to_string(found.hits.size()) +
                                                                        " av " + total + " träffar, nyaste först."
                                                                  : total + " träffar.";
        page(res, "Sök i arkivet", body + "</ol><p class=\"message\">" + count + "</p>", &*s);
    });
}

}  // namespace kansli::portal
