// The registrar's verification page and POST /api/verify (no login: verifying a public document
// reveals nothing; size- and rate-limited).
#include "portal/registrar.hpp"

#include "core/files.hpp"
#include "core/time.hpp"
#include "core/utf8.hpp"
#include "portal/workflow.hpp"
#include "verify/report.hpp"

#include <botan/hash.h>
#include <botan/hex.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>

namespace kansli::portal {
namespace {

double seconds_now() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char* verdict_sv(verify::Verdict v) {
    switch (v) {
        case verify::Verdict::Passed: return "Godkänd";
        case verify::Verdict::Failed: return "Underkänd";
        default: return "Obestämd";
    }
}

std::string report_html(const verify::VerifyReport& r, const std::string& report_id) {
    std::string out = "<p id=\"verdict\" class=\"verdict-" + std::string(verify::to_string(r.verdict)) +
                      "\">Resultat: " + verdict_sv(r.verdict) + (r.reason.empty() ? "" : " – " + esc(r.reason)) +
                      "</p>";
    out +=
        "<table id=\"report\"><caption>Underskrifter</caption><thead><tr><th scope=\"col\">Fält</th><th "
        "scope=\"col\">Roll"
        "</th><th scope=\"col\">Undertecknare</th><th scope=\"col\">Tid</th><th scope=\"col\">Nivå</th><th "
        "scope=\"col\">"
        "Omfattning</th><th scope=\"col\">Intakt</th><th scope=\"col\">Giltig</th><th scope=\"col\">Kedja</th><th "
        "scope=\"col\">Identitet</th><th scope=\"col\">Ändringar</th><th "
        "scope=\"col\">Resultat</th></tr></thead><tbody>";
    for (const auto& s : r.signatures) {
        const auto facet = [](const verify::Facet& f) {
            return "<td title=\"" + esc(f.detail) + "\">" + esc(verify::to_string(f.status)) + "</td>";
        };
        out += "<tr><td>" + esc(s.field) + "</td><td>" + esc(s.role) + "</td><td>" + esc(s.signer) + "</td><td>" +
               esc(s.signing_time) + "</td><td>" + esc(s.level) + "</td>" + facet(s.coverage) + facet(s.intact) +
               facet(s.valid) + facet(s.chain) + facet(s.identity) + facet(s.modifications) + "<td>" +
               esc(verify::to_string(s.verdict)) + (s.reason.empty() ? "" : ": " + esc(s.reason)) + "</td></tr>";
    }
    out += "</tbody></table>";
    if (!r.problems.empty()) {
        out += "<ul class=\"errors\">";
        for (const auto& pr : r.problems) out += "<li>" + esc(pr) + "</li>";
        out += "</ul>";
    }
    out += "<p><a id=\"json\" href=\"/registrator/rapport/" + report_id +
           ".json\" download>Hämta rapporten (JSON)</a> · "
           "<a id=\"verification-pdf\" href=\"/registrator/rapport/" +
           report_id + ".pdf\">Verifieringssida (PDF)</a></p>";
    return out;
}

std::string verify_form(const Session& s) {
    return "<form id=\"verify-form\" method=\"post\" action=\"/registrator/verifiera\" "
           "enctype=\"multipart/form-data\">" +
           csrf_input(s) +
           "<div id=\"dropzone\" class=\"dropzone\"><p><label for=\"pdf\">PDF att verifiera (eller släpp filen "
           "här)</label> "
           "<input type=\"file\" name=\"pdf\" id=\"pdf\" accept=\".pdf,application/pdf\" required></p></div>"
           "<p><button type=\"submit\" id=\"verify-submit\">Verifiera</button></p></form>";
}

}  // namespace

namespace {

// Reports of recently verified bytes, for kReuseSeconds: the same file posted again (a registrar
// re-checking, many clients checking one published protokoll) costs a SHA-256 instead of a
// verification. A report depends on the bytes, the trust anchors and CRLs (fixed while the
// portal runs) and the time; within a minute only a certificate or CRL expiring in that very
// minute could change it. At most kMaxReports entries (oldest dropped).
constexpr std::int64_t kReuseSeconds = 60;
constexpr std::size_t kMaxReports = 64;

}  // namespace

verify::VerifyReport verify_upload(Portal& p, const std::string& pdf, const std::string& name) {
    const std::string key = pdf_sha256(pdf);
    const std::int64_t now = p.now();
    {
        std::lock_guard<std::mutex> g(p.report_cache_mutex);
        const auto it = p.report_cache.find(key);
        if (it != p.report_cache.end() && now >= it->second.at && now - it->second.at < kReuseSeconds) {
            verify::VerifyReport r = it->second.report;
            r.file = name;
            return r;
        }
    }
    verify::VerifyOptions opt = p.verify_options;  // the loaded certificates are shared, not re-read
    opt.at = core::Instant{now};
    verify::VerifyReport r = verify::verify_pdf(
        std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size()), name, opt);
    std::lock_guard<std::mutex> g(p.report_cache_mutex);
    if (p.report_cache.size() >= kMaxReports) {
        auto oldest = p.report_cache.begin();
        for (auto it = p.report_cache.begin(); it != p.report_cache.end(); ++it) {
            if (it->second.at < oldest->second.at) oldest = it;
        }
        p.report_cache.erase(oldest);
    }
    p.report_cache[key] = Portal::CachedReport{r, now};
    return r;
}

std::string pdf_sha256(const std::string& pdf) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(pdf);
    return Botan::hex_encode(h->final(), false);
}

void add_registrar_routes(Portal& p) {
    p.http->Post("/api/verify", [&p](const httplib::Request& req, httplib::Response& res) {
        if (!p.verify_rate.allow(req.remote_addr, seconds_now())) {
            res.set_header("Retry-After", "1");
            json_error(res, 429, "too many requests from this address");
            return;
        }
        if (!req.has_file("pdf")) {
            json_error(res, 400, "POST a multipart form with the PDF in the field 'pdf'");
            return;
        }
        const auto f = req.get_file_value("pdf");
        if (f.content.size() > p.cfg.max_verify) {
            json_error(res, 413, "the PDF is larger than " + std::to_string(p.cfg.max_verify) + " bytes");
            return;
        }
        const auto rep = verify_upload(p, f.content, f.filename.empty() ? "upload.pdf" : f.filename);
        res.set_content(verify::to_json({rep}), "application/json");
    });
    p.http->Get("/registrator", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "registrar");
        if (!s) return;
        page(res, "Registrator",
             "<p class=\"message\">Verifiera en signerad PDF: samma kontroll som <code>kansli verify</code>.</p>" +
                 verify_form(*s),
             &*s);
    });
    p.http->Post("/registrator/verifiera", [&p](const httplib::Request& req, httplib::Response& res) {
        const auto s = require(p, req, res, "registrar");
        if (!s) return;
        if (!req.has_file("pdf") || req.get_file_value("pdf").content.empty()) {
            message_page(res, 400, "Ingen fil", "Välj en PDF att verifiera.", &*s);
            return;
        }
        const auto f = req.get_file_value("pdf");
        if (f.content.size() > p.cfg.max_verify) {
            message_page(res, 413, "För stor fil", "Filen är större än " + std::to_string(p.cfg.max_verify) + " byte.",
                         &*s);
            return;
        }
        const std::string name =
            f.filename.empty() ? "upload.pdf" : f.filename.substr(f.filename.find_last_of("/\\") + 1);
        const auto rep = verify_upload(p, f.content, name);
        const std::string id = random_hex(16), sha = pdf_sha256(f.content);
        {
            std::lock_guard<std::mutex> g(p.db.mutex());
            Stmt q(p.db.handle(), "INSERT INTO reports(id, file, sha256, created, json) VALUES(?,?,?,?,?)");
            q.bind(1, id)
                .bind(2, name)
                .bind(3, sha)
                .bind(4, static_cast<long long>(p.now()))
                .bind(5, verify::to_json({rep}));
            q.step();
            audit_append(p.db, AuditEntry{p.now(), s->user.name, "verify", "report/" + id, sha});
        }
        std::filesystem::create_directories(p.cfg.data_dir + "/reports");
        core::write_file_atomic(p.cfg.data_dir + "/reports/" + id + ".pdf",
                                verification_pdf(rep, sha, core::format_iso(core::Instant{p.now()})));
        page(res, "Verifieringsrapport",
             "<p>Fil: " + esc(name) + ", SHA-256 <code>" + sha + "</code></p>" + report_html(rep, id) +
                 "<h2>Verifiera en till</h2>" + verify_form(*s),
             &*s);
    });
    p.http->Get(R"(/registrator/rapport/([0-9a-f]{32})\.(json|pdf))",
                [&p](const httplib::Request& req, httplib::Response& res) {
                    const auto s = require(p, req, res, "registrar");
                    if (!s) return;
                    std::string json;
                    {
                        std::lock_guard<std::mutex> g(p.db.mutex());
                        Stmt q(p.db.handle(), "SELECT json FROM reports WHERE id=?");
                        q.bind(1, req.matches[1].str());
                        if (q.step()) json = q.text(0);
                    }
                    if (json.empty()) {
                        res.status = 404;
                        res.set_content("not found\n", "text/plain");
                        return;
                    }
                    if (req.matches[2].str() == "json") {
                        res.set_header("Content-Disposition",
                                       "attachment; filename=\"verifiering-" + req.matches[1].str() + ".json\"");
                        res.set_content(json, "application/json");
                        return;
                    }
                    const core::Bytes b = core::read_file(p.cfg.data_dir + "/reports/" + req.matches[1].str() + ".pdf");
                    res.set_content(std::string(b.begin(), b.end()), "application/pdf");
                });
}

}  // namespace kansli::portal
