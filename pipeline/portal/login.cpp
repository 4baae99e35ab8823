// GET / (to the account's page), GET/POST /login, POST /logout.
#include "portal/context.hpp"

namespace kansli::portal {
namespace {

std::string home_of(const std::string& role) {
    if (role == "sekreterare") return "/sekreterare";
    if (role == "signer") return "/signera";
    if (role == "registrar") return "/registrator";
    return "/arkiv";
}

std::string cookie_attrs(const Portal& p) {
    return std::string("; Path=/; HttpOnly; SameSite=Strict") + (p.tls ? "; Secure" : "");
}

// The login form: before there is a session, its CSRF token is a double-submit cookie.
void login_form(Portal& p, httplib::Response& res, int status, const std::string& error) {
    const std::string token = random_hex(32);
    res.set_header("Set-Cookie", "kansli_login_csrf=" + token + cookie_attrs(p));
    std::string body;
    if (!error.empty()) body += "<ul class=\"errors\"><li>" + esc(error) + "</li></ul>";
    body +=
        "<form id=\"login\" method=\"post\" action=\"/login\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"" +
        token +
        "\">"
        "<p><label for=\"name\">Användarnamn</label> <input id=\"name\" name=\"name\" autocomplete=\"username\" "
        "required></p><p><label for=\"password\">Lösenord</label> <input id=\"password\" name=\"password\" "
        "type=\"password\" autocomplete=\"current-password\" required></p>"
        "<p><button type=\"submit\" id=\"login-submit\">Logga in</button></p></form>";
    page(res, "Logga in", body, nullptr, status);
}

void post_login(Portal& p, const httplib::Request& req, httplib::Response& res) {
    const std::string form_token = field(req, "csrf");
    const std::string cookie_token = cookie(req, "kansli_login_csrf");
    if (form_token.empty() || !same_secret(form_token, cookie_token)) {
        login_form(p, res, 403, "Formuläret saknar giltig CSRF-token; försök igen.");
        return;
    }
    const std::string name = field(req, "name");
    const std::string password = field(req, "password");
    const std::string name_key = "name:" + name.substr(0, 64);
    const std::string addr_key = "addr:" + req.remote_addr;
    const std::int64_t now = p.now();
    const std::int64_t wait = std::max(p.throttle.wait(name_key, now), p.throttle.wait(addr_key, now));
    if (wait > 0) {
        res.set_header("Retry-After", std::to_string(wait));
        login_form(p, res, 429, "För många misslyckade inloggningar. Försök igen om " + std::to_string(wait) + " s.");
        return;
    }
    const auto user =
        name.size() <= 64 && password.size() <= 1024 ? check_password(p.db, name, password) : std::nullopt;
    if (!user) {
        p.throttle.failed(name_key, now);
        p.throttle.failed(addr_key, now);
        p.audit(name.substr(0, 64), "login-failed", req.remote_addr);
        login_form(p, res, 401, "Fel användarnamn eller lösenord.");
        return;
    }
    p.throttle.succeeded(name_key);
    p.throttle.succeeded(addr_key);
    const std::string token = create_session(p.db, user->id, now, p.cfg.session_lifetime);
    res.set_header("Set-Cookie", "kansli_session=" + token + cookie_attrs(p));
    p.audit(user->name, "login", req.remote_addr);
    redirect(res, "/");
}

}  // namespace

void add_login_routes(Portal& p) {
    p.http->Get("/", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = current_session(p, req);
        redirect(res, s ? home_of(s->user.role) : "/login");
    });
    p.http->Get("/login", [&p](const httplib::Request&, httplib::Response& res) { login_form(p, res, 200, {}); });
    p.http->Post("/login", [&p](const httplib::Request& req, httplib::Response& res) { post_login(p, req, res); });
    p.http->Post("/logout", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, {});
        if (!s) return;
        delete_session(p.db, cookie(req, "kansli_session"));
        res.set_header("Set-Cookie", "kansli_session=; Max-Age=0" + cookie_attrs(p));
        p.audit(s->user.name, "logout", "");
        redirect(res, "/login");
    });
}

}  // namespace kansli::portal
