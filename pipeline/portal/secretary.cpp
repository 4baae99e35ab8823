// The secretary's pages: upload (validate), build, send for signing, re-issue.
#include "portal/workflow.hpp"

namespace kansli::portal {
namespace {

std::string upload_form(const Session& s) {
    return "<form id=\"upload\" method=\"post\" action=\"/sekreterare/ladda-upp\" enctype=\"multipart/form-data\">" +
           csrf_input(s) +
           "<div id=\"dropzone\" class=\"dropzone\"><p><label for=\"source\">Källfil (XML)</label> "
           "<input type=\"file\" name=\"source\" id=\"source\" accept=\".xml\" required></p>"
           "<p><label for=\"handlingar\">Handlingar (PDF, XML, bilder)</label> "
           "<input type=\"file\" name=\"handlingar\" id=\"handlingar\" multiple></p></div>"
           "<p><button type=\"submit\" id=\"upload-submit\">Ladda upp och validera</button></p></form>";
}

std::string doc_list(Portal& p) {
    std::string out = "<h2>Dokument</h2><ul class=\"documents\">";
    for (const auto& d : documents(p)) {
        out += "<li><a href=\"/dokument/" + d.id + "\">" + esc(d.title) + "</a> – version " +
               std::to_string(d.version) + ", <span class=\"state\">" + esc(d.state) + "</span></li>";
    }
    return out + "</ul>";
}

void collect(const httplib::Request& req, Upload& source, std::vector<Upload>& handlingar) {
    for (const auto& [name, f] : req.files) {
        if (name == "source") source = Upload{f.filename, f.content};
        if (name == "handlingar" && !f.filename.empty()) handlingar.push_back(Upload{f.filename, f.content});
    }
}

}  // namespace

void add_secretary_routes(Portal& p) {
    p.http->Get("/sekreterare", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "sekreterare");
        if (!s) return;
        page(res, "Sekreterare", "<h2>Ladda upp ett protokoll</h2>" + upload_form(*s) + doc_list(p), &*s);
    });
    // New document (doc empty) or a new version of a returned one.
    const auto upload = [&p](const httplib::Request& req, httplib::Response& res, const std::string& doc) {
        const auto s = require(p, req, res, "sekreterare");
        if (!s) return;
        Upload source;
        std::vector<Upload> handlingar;
        collect(req, source, handlingar);
        if (source.content.empty()) {
            message_page(res, 400, "Ingen källfil", "Välj en XML-källfil att ladda upp.", &*s);
            return;
        }
        if (!doc.empty()) {
            const auto info = doc_info(p, doc);
            if (!info || (info->state != "avvisad" && info->state != "validerad" && info->state != "byggd")) {
                message_page(res, 409, "Ny version",
                             "Bara ett avvisat eller ännu inte skickat dokument får en ny version.", &*s);
                return;
            }
        }
        const Intake in = intake(p, s->user, doc, source, handlingar);
        if (!in.errors.empty()) {
            page(res, "Valideringsfel",
                 "<p class=\"message\">Källfilen " + esc(source.filename) +
                     " har fel; rätta dem och ladda upp igen.</p>" + errors_html(in.errors) + upload_form(*s),
                 &*s, 422);
            return;
        }
        redirect(res, "/dokument/" + in.doc_id);
    };
    p.http->Post("/sekreterare/ladda-upp",
                 [upload](const httplib::Request& req, httplib::Response& res) { upload(req, res, {}); });
    p.http->Post(
        R"(/dokument/([0-9a-f]{32})/ny-version)",
        [upload](const httplib::Request& req, httplib::Response& res) { upload(req, res, req.matches[1].str()); });
    const auto action = [&p](const char* path, void (*fn)(Portal&, const User&, const std::string&)) {
        p.http->Post(std::string(R"(/dokument/([0-9a-f]{32})/)") + path,
                     [&p, fn](const httplib::Request& req, httplib::Response& res) {
                         const auto s = require(p, req, res, "sekreterare");
                         if (!s) return;
                         const std::string id = req.matches[1].str();
                         if (!doc_info(p, id)) {
                             message_page(res, 404, "Finns inte", "Dokumentet finns inte.", &*s);
                             return;
                         }
                         try {
                             fn(p, s->user, id);
                         } catch (const core::Error& e) {
                             page(res, "Det gick inte", errors_html(e.diagnostics()), &*s, 409);
                             return;
                         }
                         redirect(res, "/dokument/" + id);
                     });
    };
    action("bygg", build_version);
    action("skicka", send_for_signing);
}

}  // namespace kansli::portal
