// INTERNAL to portal/: the state every route handler shares, and the helpers they use.
#pragma once

#include "core/diagnostic.hpp"
#include "portal/accounts.hpp"
#include "portal/audit.hpp"
#include "portal/db.hpp"
#include "portal/server.hpp"
#include "verify/verify.hpp"

#include <httplib.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace kansli::portal {

struct Server::Impl {
    explicit Impl(const PortalConfig& c) : cfg(c), db(c.data_dir), verify_rate(c.verify_per_minute) {}
    PortalConfig cfg;
    Db db;
    Throttle throttle;
    RateLimit verify_rate;
    verify::VerifyOptions verify_options;  ///< trust anchors and CRLs, loaded once (read-only afterwards)
    std::mutex work_mutex;                 ///< build, sign, archive: one at a time
    struct CachedReport {
        verify::VerifyReport report;
        std::int64_t at = 0;
    };
    std::mutex report_cache_mutex;
    std::map<std::string, CachedReport> report_cache;  ///< by SHA-256 of the PDF (registrar.cpp)
    std::unique_ptr<httplib::Server> http;
    bool tls = false;
    std::string host;
    int port = 0;

    [[nodiscard]] std::int64_t now() const { return cfg.clock(); }
    [[nodiscard]] std::string doc_dir(const std::string& id) const { return cfg.data_dir + "/files/" + id; }
    [[nodiscard]] std::string version_dir(const std::string& id, long long n) const {
        return doc_dir(id) + "/v" + std::to_string(n);
    }
    void audit(const std::string& who, const std::string& what, const std::string& object,
               const std::string& sha256 = {}) {
        std::lock_guard<std::mutex> g(db.mutex());
        audit_append(db, AuditEntry{now(), who, what, object, sha256});
    }
};
using Portal = Server::Impl;

// --- HTML and HTTP helpers (web.cpp) ---
std::string esc(std::string_view s);
/// A form field: urlencoded parameter or multipart part (not a file).
std::string field(const httplib::Request& req, const std::string& name);
std::string cookie(const httplib::Request& req, const std::string& name);
/// The page shell: <main> with one <h1>; `session` adds the navigation and the logout form.
void page(httplib::Response& res, const std::string& title, const std::string& body, const Session* session,
          int status = 200, const std::string& scripts = {});
void redirect(httplib::Response& res, const std::string& to);
void json_error(httplib::Response& res, int status, const std::string& message);
/// A message page: <p class="message">, or with errors <ul class="errors">.
void message_page(httplib::Response& res, int status, const std::string& title, const std::string& text,
                  const Session* session);
/// The session of the request's cookie, if any.
std::optional<Session> current_session(Portal& p, const httplib::Request& req);
/// For pages (api=false: 303 to /login) and /api/* (401): the session, or nullopt with `res`
/// answered. `role` non-empty: only that role (403 otherwise). State-changing requests (POST)
/// must carry the session's CSRF token (field "csrf" or header X-CSRF-Token), else 403.
std::optional<Session> require(Portal& p, const httplib::Request& req, httplib::Response& res, const std::string& role,
                               bool api = false);
/// Diagnostics as <ul class="errors">: FILE:LINE:COL: message, then the hint.
std::string errors_html(const std::vector<core::Diagnostic>& errors);
/// The hidden CSRF input of a form.
std::string csrf_input(const Session& s);

// --- route groups ---
void add_login_routes(Portal& p);
void add_secretary_routes(Portal& p);
void add_signer_routes(Portal& p);
void add_websign_routes(Portal& p);
void add_registrar_routes(Portal& p);
void add_archive_routes(Portal& p);

}  // namespace kansli::portal
