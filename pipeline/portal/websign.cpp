// In-browser signing (portal-contract.md): POST /api/dokument/{id}/prepare gives the DER signed
// attributes (the browser's WebCrypto hashes them itself) for the signer account's certificate;
// POST /api/dokument/{id}/complete takes the raw signature and checks it through job::complete_file.
#include "core/files.hpp"
#include "core/utf8.hpp"
#include "job/sign_external.hpp"
#include "portal/workflow.hpp"

#include <botan/base64.h>
#include <botan/data_src.h>
#include <botan/pk_keys.h>
#include <botan/hex.h>
#include <botan/x509cert.h>

#include <filesystem>
#include <map>

namespace kansli::portal {
namespace {

struct Prepared {
    std::string doc;
    long long version = 0, seq = 0;
    std::int64_t user = 0;
    std::string path;
};
std::mutex g_prepared_mutex;
std::map<std::string, Prepared> g_prepared;  // prepared_id → prepared file (one per user at a time)

// The value of "key" in a flat JSON object of strings (the complete request); empty when absent.
std::string json_string(const std::string& body, const std::string& key) {
    const auto k = body.find("\"" + key + "\"");
    if (k == std::string::npos) return {};
    const auto colon = body.find(':', k + key.size() + 2);
    const auto open = colon == std::string::npos ? colon : body.find('"', colon);
    if (open == std::string::npos) return {};
    const auto close = body.find('"', open + 1);
    if (close == std::string::npos) return {};
    return body.substr(open + 1, close - open - 1);  // ids and base64 hold no escapes
}

void prepare(Portal& p, const Session& s, const std::string& id, httplib::Response& res) {
    std::lock_guard<std::mutex> work(p.work_mutex);
    const Task t = require_turn(p, s.user, id);
    if (!s.user.has_cert) throw core::Error(core::ExitCode::Invalid, "portal", {}, "the account has no certificate");
    const auto info = doc_info(p, id);
    const std::string dir = p.version_dir(id, info->version);
    const std::string cert = p.cfg.data_dir + "/keys/" + std::to_string(s.user.id) + ".cert.pem";
    const std::string prepared_id = random_hex(16);
    job::SignConfig cfg;
    cfg.input = dir + "/current.pdf";
    cfg.output = dir + "/prepared-" + prepared_id + ".pdf";
    cfg.cert_path = cert;
    cfg.role = t.role;
    cfg.field = t.field;
    cfg.reason = "Justering";
    cfg.time = core::Instant{p.now()};
    const job::PrepareOutcome o = job::prepare_file(cfg, dir + "/prepared-" + prepared_id + ".digest");
    const core::Bytes pem = core::read_file(cert, 1u << 20);
    Botan::DataSource_Memory src(pem.data(), pem.size());
    const Botan::X509_Certificate x(src);
    const std::string algo = x.subject_public_key()->algo_name() == "RSA" ? "RSA" : "ECDSA-P256";
    {
        std::lock_guard<std::mutex> g(g_prepared_mutex);
        for (auto it = g_prepared.begin(); it != g_prepared.end();) {  // the user's earlier attempt is void
            it = it->second.user == s.user.id ? g_prepared.erase(it) : std::next(it);
        }
        g_prepared[prepared_id] = Prepared{id, info->version, t.seq, s.user.id, cfg.output};
    }
    res.set_content("{\"prepared_id\": " + core::json_quote(prepared_id) +
                        ", \"signed_attributes\": " + core::json_quote(Botan::base64_encode(o.signed_attributes)) +
                        ", \"digest\": " + core::json_quote(Botan::hex_encode(o.digest, false)) +
                        ", \"key_algorithm\": " + core::json_quote(algo) + "}\n",
                    "application/json");
}

void complete(Portal& p, const Session& s, const std::string& id, const std::string& body, httplib::Response& res) {
    const std::string prepared_id = json_string(body, "prepared_id");
    Prepared pr;
    {
        std::lock_guard<std::mutex> g(g_prepared_mutex);
        const auto it = g_prepared.find(prepared_id);
        if (it == g_prepared.end() || it->second.user != s.user.id || it->second.doc != id) {
            json_error(res, 404, "no such prepared signature (prepare again)");
            return;
        }
        pr = it->second;
        g_prepared.erase(it);
    }
    const core::Bytes sig = [&] {
        try {
            const auto v = Botan::base64_decode(json_string(body, "signature"));
            return core::Bytes(v.begin(), v.end());
        } catch (const std::exception&) {
            return core::Bytes{};
        }
    }();
    if (sig.empty() || sig.size() > 16384) {
        json_error(res, 400, "the signature must be base64 of at most 16 KiB");
        return;
    }
    std::lock_guard<std::mutex> work(p.work_mutex);
    const Task t = require_turn(p, s.user, id);
    const auto info = doc_info(p, id);
    if (t.seq != pr.seq || info->version != pr.version) {
        json_error(res, 409, "the document changed since the signature was prepared");
        return;
    }
    const std::string dir = p.version_dir(id, info->version);
    core::write_file_atomic(pr.path + ".sig", sig);
    job::SignConfig cfg;
    cfg.input = pr.path;
    cfg.output = dir + "/next.pdf";
    cfg.cert_path = p.cfg.data_dir + "/keys/" + std::to_string(s.user.id) + ".cert.pem";
    cfg.time = core::Instant{p.now()};
    job::complete_file(cfg, pr.path + ".sig");
    record_signature(p, s.user, id, t, cfg.output);
    res.set_content("{\"ok\": true, \"redirect\": " + core::json_quote("/dokument/" + id) + "}\n", "application/json");
}

}  // namespace

void add_websign_routes(Portal& p) {
    const auto route = [&p](const char* what, bool is_prepare) {
        p.http->Post(std::string(R"(/api/dokument/([0-9a-f]{32})/)") + what,
                     [&p, is_prepare](const httplib::Request& req, httplib::Response& res) {
                         const auto s = require(p, req, res, "signer", true);
                         if (!s) return;
                         try {
                             if (is_prepare) {
                                 prepare(p, *s, req.matches[1].str(), res);
                             } else {
                                 complete(p, *s, req.matches[1].str(), req.body, res);
                             }
                         } catch (const core::Error& e) {
                             json_error(res, 409,
                                        e.diagnostics().empty() ? "refused" : e.diagnostics().front().message);
                         }
                     });
    };
    route("prepare", true);
    route("complete", false);
}

}  // namespace kansli::portal
