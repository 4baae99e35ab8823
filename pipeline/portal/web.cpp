#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "portal/context.hpp"

namespace kansli::portal {

std::string esc(std::string_view s) { return core::xml_escape(s); }

std::string field(const httplib::Request& req, const std::string& name) {
    if (req.has_param(name)) return req.get_param_value(name);
    if (req.has_file(name)) {
        const auto f = req.get_file_value(name);
        if (f.filename.empty()) return f.content;
    }
    return {};
}

std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string all = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        std::size_t end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        std::string part = all.substr(pos, end - pos);
        const auto first = part.find_first_not_of(' ');
        part = first == std::string::npos ? std::string() : part.substr(first);
        if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 && part[name.size()] == '=') {
            return part.substr(name.size() + 1);
        }
        pos = end + 1;
    }
    return {};
}

namespace {

std::string nav(const Session& s) {
    std::string links;
    const std::string& r = s.user.role;
    if (r == "sekreterare") links += "<li><a href=\"/sekreterare\">Sekreterare</a></li>";
    if (r == "signer") links += "<li><a href=\"/signera\">Att signera</a></li>";
    if (r == "registrar") links += "<li><a href=\"/registrator\">Registrator</a></li>";
    if (r == "arkiv") links += "<li><a href=\"/arkiv\">Arkiv</a></li>";
    return "<header><nav aria-label=\"Huvudmeny\"><ul>" + links +
           "</ul></nav><form id=\"logout\" method=\"post\" action=\"/logout\">" + csrf_input(s) +
           "<span class=\"who\">Inloggad som " + esc(s.user.person) + " (" + esc(s.user.name) +
           ")</span> <button type=\"submit\">Logga ut</button></form></header>";
}

}  // namespace

void page(httplib::Response& res, const std::string& title, const std::string& body, const Session* session, int status,
          const std::string& scripts) {
    res.status = status;
    std::string html =
        "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
        "content=\"width=device-width, initial-scale=1\"><title>" +
        esc(title) + " – kansli</title><link rel=\"stylesheet\" href=\"/static/portal.css\"></head><body>";
    if (session) html += nav(*session);
    html += "<main><h1>" + esc(title) + "</h1>\n" + body + "</main>";
    html += "<script src=\"/static/app.js\"></script>" + scripts + "</body></html>\n";
    res.set_content(html, "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& to) {
    res.status = 303;
    res.set_header("Location", to);
}

void json_error(httplib::Response& res, int status, const std::string& message) {
    res.status = status;
    res.set_content("{\"error\": " + core::json_quote(message) + "}\n", "application/json");
}

void message_page(httplib::Response& res, int status, const std::string& title, const std::string& text,
                  const Session* session) {
    const std::string body = status >= 400 ? "<ul class=\"errors\"><li>" + esc(text) + "</li></ul>"
                                           : "<p class=\"message\">" + esc(text) + "</p>";
    page(res, title, body, session, status);
}

std::optional<Session> current_session(Portal& p, const httplib::Request& req) {
    const std::string token = cookie(req, "kansli_session");
    if (token.empty()) return std::nullopt;
    return find_session(p.db, token, p.now());
}

std::optional<Session> require(Portal& p, const httplib::Request& req, httplib::Response& res, const std::string& role,
                               bool api) {
    auto s = current_session(p, req);
    if (!s) {
        if (api) {
            json_error(res, 401, "not logged in");
        } else if (req.method == "GET") {
            redirect(res, "/login");
        } else {
            message_page(res, 401, "Inte inloggad", "Logga in först.", nullptr);
        }
        return std::nullopt;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        std::string token = req.get_header_value("X-CSRF-Token");
        if (token.empty()) token = field(req, "csrf");
        if (token.empty() || !same_secret(token, s->csrf)) {
            if (api) {
                json_error(res, 403, "missing or wrong CSRF token");
            } else {
                message_page(res, 403, "Förbjudet", "Formuläret saknar giltig CSRF-token; ladda om sidan.", &*s);
            }
            return std::nullopt;
        }
    }
    if (!role.empty() && s->user.role != role) {
        if (api) {
            json_error(res, 403, "this account may not do that");
        } else {
            message_page(res, 403, "Förbjudet", "Ditt konto har inte behörighet till sidan.", &*s);
        }
        return std::nullopt;
    }
    return s;
}

std::string errors_html(const std::vector<core::Diagnostic>& errors) {
    std::string out = "<ul class=\"errors\">";
    for (const auto& d : errors) {
        const std::string where = core::format_location(d.loc);
        out += "<li>" + esc(where.empty() ? d.message : where + ": " + d.message);
        if (!d.hint.empty()) out += "<br><span class=\"hint\">Tips: " + esc(d.hint) + "</span>";
        out += "</li>";
    }
    return out + "</ul>";
}

std::string csrf_input(const Session& s) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + esc(s.csrf) + "\">";
}

}  // namespace kansli::portal
