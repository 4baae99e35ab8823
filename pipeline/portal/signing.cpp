// Signing tasks: whose turn it is, keystore signatures, rejections.
#include "core/names.hpp"
#include "job/sign.hpp"
#include "portal/workflow.hpp"

#include <filesystem>

namespace kansli::portal {
namespace fs = std::filesystem;

std::vector<Task> tasks(Portal& p, const std::string& id, long long version) {
    std::lock_guard<std::mutex> g(p.db.mutex());
    Stmt q(p.db.handle(),
           "SELECT seq, role, field, person, state, done_by, done_at FROM tasks WHERE doc_id=? AND version=? ORDER BY "
           "seq");
    q.bind(1, id).bind(2, version);
    std::vector<Task> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.integer(6)});
    return out;
}

std::optional<Task> turn(Portal& p, const std::string& id, long long version) {
    for (const auto& t : tasks(p, id, version)) {
        if (t.state == "väntar") return t;
        if (t.state != "signerad") return std::nullopt;
    }
    return std::nullopt;
}

Task require_turn(Portal& p, const User& u, const std::string& id) {
    const auto info = doc_info(p, id);
    if (!info) refuse("dokumentet finns inte");
    if (info->state != "signering") refuse("dokumentet väntar inte på underskrifter");
    const auto t = turn(p, id, info->version);
    if (!t) refuse("dokumentet väntar inte på underskrifter");
    if (u.role != "signer" || !core::same_person(t->person, u.person)) {
        refuse("det är inte din tur att signera: dokumentet väntar på " + t->person);
    }
    return *t;
}

void record_signature(Portal& p, const User& u, const std::string& id, const Task& t, const std::string& signed_pdf) {
    const auto info = doc_info(p, id);
    const std::string dir = p.version_dir(id, info->version);
    fs::rename(signed_pdf, dir + "/current.pdf");
    const std::string sha = file_sha256(dir + "/current.pdf");
    std::lock_guard<std::mutex> g(p.db.mutex());
    Tx tx(p.db);
    Stmt q(p.db.handle(),
           "UPDATE tasks SET state='signerad', done_by=?, done_at=? WHERE doc_id=? AND version=? AND seq=?");
    q.bind(1, u.name).bind(2, static_cast<long long>(p.now())).bind(3, id).bind(4, info->version).bind(5, t.seq);
    q.step();
    Stmt left(p.db.handle(), "SELECT count(*) FROM tasks WHERE doc_id=? AND version=? AND state<>'signerad'");
    left.bind(1, id).bind(2, info->version);
    left.step();
    const bool done = left.integer(0) == 0;
    Stmt v(p.db.handle(), "UPDATE versions SET sha256=?, state=? WHERE doc_id=? AND n=?");
    v.bind(1, sha).bind(2, done ? "justerad" : "signering").bind(3, id).bind(4, info->version);
    v.step();
    if (done) {
        Stmt d(p.db.handle(), "UPDATE documents SET state='justerad' WHERE id=?");
        d.bind(1, id);
        d.step();
    }
    audit_append(p.db, AuditEntry{p.now(), u.name, "sign",
                                  id + "/v" + std::to_string(info->version) + "#" + std::to_string(t.seq), sha});
    if (done)
        audit_append(p.db, AuditEntry{p.now(), u.name, "justerad", id + "/v" + std::to_string(info->version), sha});
    tx.commit();
}

void sign_with_keystore(Portal& p, const User& u, const std::string& id, const std::string& passphrase) {
    std::lock_guard<std::mutex> work(p.work_mutex);
    const Task t = require_turn(p, u, id);
    if (!u.has_key || !u.has_cert) refuse("kontot har ingen nyckel i portalens nyckellager: signera i webbläsaren");
    const auto info = doc_info(p, id);
    const std::string dir = p.version_dir(id, info->version);
    const std::string keys = p.cfg.data_dir + "/keys/" + std::to_string(u.id);
    job::SignConfig cfg;
    cfg.input = dir + "/current.pdf";
    cfg.output = dir + "/next.pdf";
    cfg.key_path = keys + ".key.pem";
    cfg.cert_path = keys + ".cert.pem";
    cfg.passphrase = passphrase;
    cfg.role = t.role;
    cfg.field = t.field;
    cfg.reason = "Justering";
    cfg.time = core::Instant{p.now()};
    job::sign_file(cfg);
    record_signature(p, u, id, t, cfg.output);
}

void reject(Portal& p, const User& u, const std::string& id, const std::string& comment) {
    std::lock_guard<std::mutex> work(p.work_mutex);
    const auto info = doc_info(p, id);
    if (!info) refuse("dokumentet finns inte");
    if (info->state != "signering") refuse("dokumentet väntar inte på underskrifter");
    bool mine = false;
    for (const auto& t : tasks(p, id, info->version))
        mine = mine || (t.state == "väntar" && core::same_person(t.person, u.person));
    if (u.role != "signer" || !mine) refuse("bara den som ska signera dokumentet kan avvisa det");
    if (comment.empty() || comment.size() > 10000)
        refuse("skriv en kommentar (högst 10 000 tecken) om varför dokumentet avvisas");
    std::lock_guard<std::mutex> g(p.db.mutex());
    Tx tx(p.db);
    Stmt c(p.db.handle(), "INSERT INTO comments(doc_id, version, author, time, text) VALUES(?,?,?,?,?)");
    c.bind(1, id).bind(2, info->version).bind(3, u.person).bind(4, static_cast<long long>(p.now())).bind(5, comment);
    c.step();
    set_state(p, id, info->version, "avvisad");
    audit_append(p.db, AuditEntry{p.now(), u.name, "reject", id + "/v" + std::to_string(info->version), info->sha256});
    tx.commit();
}

std::vector<Comment> comments(Portal& p, const std::string& id) {
    std::lock_guard<std::mutex> g(p.db.mutex());
    Stmt q(p.db.handle(), "SELECT version, author, text, time FROM comments WHERE doc_id=? ORDER BY id");
    q.bind(1, id);
    std::vector<Comment> out;
    while (q.step()) out.push_back({q.integer(0), q.text(1), q.text(2), q.integer(3)});
    return out;
}

}  // namespace kansli::portal
