// The document page (history, previews, the signer's actions), its files, and /signera.
#include "core/files.hpp"
#include "core/names.hpp"
#include "portal/workflow.hpp"

#include <filesystem>

namespace kansli::portal {
namespace {

std::string task_line(const Task& t) {
    std::string who = t.role.empty() ? t.field : t.role;
    std::string s = esc(t.person) + " (" + esc(who) + "): " + esc(t.state);
    if (!t.done_by.empty()) s += " av " + esc(t.done_by);
    return s;
}

std::string history(Portal& p, const DocInfo& d) {
    std::string out = "<h2>Historik</h2><ol class=\"history\">";
    for (long long v = 1; v <= d.version; ++v) {
        out += "<li>Version " + std::to_string(v) + "<ul>";
        for (const auto& t : tasks(p, d.id, v)) out += "<li class=\"task-state\">" + task_line(t) + "</li>";
        for (const auto& c : comments(p, d.id)) {
            if (c.version == v)
                out += "<li class=\"comment\">Avvisad av " + esc(c.author) + ": " + esc(c.text) + "</li>";
        }
        out += "</ul></li>";
    }
    return out + "</ol>";
}

std::string previews(const DocInfo& d) {
    if (d.pages <= 0) return {};
    std::string out =
        "<h2>Förhandsvisning</h2><p><a href=\"/dokument/" + d.id + "/pdf\">Hämta PDF</a></p><div class=\"previews\">";
    for (int n = 1; n <= d.pages; ++n) {
        out += "<img class=\"preview\" src=\"/dokument/" + d.id + "/sida/" + std::to_string(n) + ".png\" alt=\"Sida " +
               std::to_string(n) + " av " + std::to_string(d.pages) + "\">";
    }
    return out + "</div>";
}

std::string signer_actions(Portal& p, const Session& s, const DocInfo& d) {
    const auto t = turn(p, d.id, d.version);
    if (!t) return {};
    if (!core::same_person(t->person, s.user.person))
        return "<p class=\"message\">Väntar på " + esc(t->person) + ".</p>";
    const std::string base = "/dokument/" + d.id;
    std::string out = "<h2>Din tur att signera</h2>";
    if (s.user.has_key) {
        out +=
            "<form id=\"signera-form\" method=\"post\" action=\"" + base + "/signera\">" + csrf_input(s) +
            "<p><label for=\"passphrase\">Lösenfras till din nyckel</label> <input type=\"password\" id=\"passphrase\" "
            "name=\"passphrase\" autocomplete=\"off\" required></p><p><button type=\"submit\" id=\"signera\">Signera"
            "</button></p></form>";
    }
    out +=
        "<section id=\"websign\" data-prepare-url=\"/api" + base + "/prepare\" data-complete-url=\"/api" + base +
        "/complete\" data-csrf=\"" + esc(s.csrf) +
        "\"><h3>Signera i webbläsaren</h3><p><label for=\"websign-key\">Din nyckel (PKCS#8 PEM)</label> <input "
        "type=\"file\" "
        "id=\"websign-key\" accept=\".pem,.key,.p8\"></p><p><label for=\"websign-passphrase\">Lösenfras</label> <input "
        "type=\"password\" id=\"websign-passphrase\" autocomplete=\"off\"></p><p><button type=\"button\" "
        "id=\"websign-button\">Signera i webbläsaren</button></p><p id=\"websign-status\" "
        "role=\"status\"></p></section>";
    out += "<form id=\"avvisa-form\" method=\"post\" action=\"" + base + "/avvisa\">" + csrf_input(s) +
           "<p><label for=\"kommentar\">Kommentar till sekreteraren</label><br><textarea id=\"kommentar\" "
           "name=\"kommentar\" "
           "rows=\"4\" cols=\"60\" required></textarea></p><p><button type=\"submit\" "
           "id=\"avvisa\">Avvisa</button></p></form>";
    return out;
}

std::string secretary_actions(const Session& s, const DocInfo& d) {
    const std::string base = "/dokument/" + d.id;
    std::string out;
    if (d.state == "validerad" || d.state == "byggd") {
        out += "<form method=\"post\" action=\"" + base + "/bygg\">" + csrf_input(s) +
               "<button type=\"submit\" id=\"bygg\">Bygg PDF</button></form>";
    }
    if (d.state == "byggd") {
        out += "<form method=\"post\" action=\"" + base + "/skicka\">" + csrf_input(s) +
               "<button type=\"submit\" id=\"skicka\">Skicka för signering</button></form>";
    }
    if (d.state == "avvisad" || d.state == "validerad" || d.state == "byggd") {
        out += "<form id=\"ny-version-form\" method=\"post\" action=\"" + base +
               "/ny-version\" enctype=\"multipart/form-data\">" + csrf_input(s) +
               "<p><label for=\"source\">Ny version av källfilen (XML)</label> <input type=\"file\" name=\"source\" "
               "id=\"source\" "
               "accept=\".xml\" required></p><p><label for=\"handlingar\">Handlingar</label> <input type=\"file\" "
               "name=\"handlingar\" id=\"handlingar\" multiple></p><p><button type=\"submit\" id=\"ny-version\">Ladda "
               "upp ny "
               "version</button></p></form>";
    }
    return out;
}

void document_page(Portal& p, const httplib::Request& req, httplib::Response& res) {
    const auto s = require(p, req, res, {});
    if (!s) return;
    const auto d = doc_info(p, req.matches[1].str());
    if (!d) {
        message_page(res, 404, "Finns inte", "Dokumentet finns inte.", &*s);
        return;
    }
    std::string body = "<p>Version " + std::to_string(d->version) + ", status <strong id=\"state\">" + esc(d->state) +
                       "</strong>" + (d->sha256.empty() ? "" : ", SHA-256 <code>" + d->sha256 + "</code>") + "</p>";
    std::string scripts;
    if (s->user.role == "sekreterare") body += secretary_actions(*s, *d);
    if (s->user.role == "signer" && d->state == "signering") {
        body += signer_actions(p, *s, *d);
        scripts = "<script src=\"/static/websign.js\"></script>";
    }
    body += previews(*d) + history(p, *d);
    page(res, d->title, body, &*s, 200, scripts);
}

// A file of the current version by number only: the id and n come from the route's regex.
void send_file(Portal& p, const httplib::Request& req, httplib::Response& res, const std::string& rel,
               const char* type) {
    const auto s = require(p, req, res, {});
    if (!s) return;
    const auto d = doc_info(p, req.matches[1].str());
    const std::string path = d ? p.version_dir(d->id, d->version) + "/" + rel : std::string();
    std::error_code ec;
    if (!d || !std::filesystem::is_regular_file(path, ec)) {
        res.status = 404;
        res.set_content("not found\n", "text/plain");
        return;
    }
    const core::Bytes b = core::read_file(path);
    res.set_content(std::string(b.begin(), b.end()), type);
}

}  // namespace

void add_signer_routes(Portal& p) {
    p.http->Get(R"(/dokument/([0-9a-f]{32}))",
                [&p](const httplib::Request& req, httplib::Response& res) { document_page(p, req, res); });
    p.http->Get(R"(/dokument/([0-9a-f]{32})/pdf)", [&p](const httplib::Request& req, httplib::Response& res) {
        send_file(p, req, res, "current.pdf", "application/pdf");
    });
    p.http->Get(R"(/dokument/([0-9a-f]{32})/sida/([1-9][0-9]{0,3})\.png)",
                [&p](const httplib::Request& req, httplib::Response& res) {
                    send_file(p, req, res, "previews/p" + req.matches[2].str() + ".png", "image/png");
                });
    p.http->Get("/signera", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "signer");
        if (!s) return;
        std::string mine = "<h2>Din tur</h2><ul class=\"tasks\">",
                    waiting = "<h2>Väntar på andra</h2><ul class=\"waiting-list\">";
        for (const auto& d : documents(p, "signering")) {
            const auto t = turn(p, d.id, d.version);
            if (!t) continue;
            bool involved = false;
            for (const auto& x : tasks(p, d.id, d.version))
                involved = involved || core::same_person(x.person, s->user.person);
            if (!involved) continue;
            const std::string link = "<a href=\"/dokument/" + d.id + "\">" + esc(d.title) + "</a>";
            if (core::same_person(t->person, s->user.person)) {
                mine += "<li class=\"task\" data-doc=\"" + d.id + "\">" + link + "</li>";
            } else {
                waiting += "<li class=\"waiting\" data-doc=\"" + d.id + "\">" + link + " – väntar på " +
                           esc(t->person) + "</li>";
            }
        }
        page(res, "Att signera", mine + "</ul>" + waiting + "</ul>", &*s);
    });
    const auto act = [&p](const char* path, bool sign) {
        p.http->Post(std::string(R"(/dokument/([0-9a-f]{32})/)") + path,
                     [&p, sign](const httplib::Request& req, httplib::Response& res) {
                         const auto s = require(p, req, res, "signer");
                         if (!s) return;
                         const std::string id = req.matches[1].str();
                         try {
                             if (sign) {
                                 sign_with_keystore(p, s->user, id, field(req, "passphrase"));
                             } else {
                                 reject(p, s->user, id, field(req, "kommentar"));
                             }
                         } catch (const core::Error& e) {
                             page(res, "Det gick inte", errors_html(e.diagnostics()), &*s, 409);
                             return;
                         }
                         redirect(res, "/dokument/" + id);
                     });
    };
    act("signera", true);
    act("avvisa", false);
}

}  // namespace kansli::portal
