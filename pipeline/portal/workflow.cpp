#include "portal/workflow.hpp"

#include "core/files.hpp"
#include "job/build.hpp"
#include "job/load.hpp"

#include <botan/hash.h>
#include <botan/hex.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace kansli::portal {
namespace fs = std::filesystem;
namespace {

// A handling's name: the last part of the client's name, letters, digits, . _ - only, no leading
// dot, a known extension. Anything else is refused (never mangled into something else).
std::string handling_name(const std::string& client) {
    std::string n = client.substr(client.find_last_of("/\\") + 1);
    const bool ok = !n.empty() && n.size() <= 100 && n[0] != '.' && std::all_of(n.begin(), n.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
               c == '-';
    });
    const auto dot = n.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : n.substr(dot);
    if (!ok || (ext != ".pdf" && ext != ".xml" && ext != ".png" && ext != ".jpg" && ext != ".jpeg")) return {};
    return n;
}

// Diagnostics name the client's files, not the server's folders.
void relocate(std::vector<core::Diagnostic>& diags, const std::string& dir, const std::string& source_name) {
    for (auto& d : diags) {
        if (d.loc.file == dir + "/source.xml") {
            d.loc.file = source_name;
        } else if (d.loc.file.rfind(dir + "/", 0) == 0) {
            d.loc.file = d.loc.file.substr(dir.size() + 1);
        }
        for (std::string* s : {&d.message, &d.hint}) {
            for (auto pos = s->find(dir + "/"); pos != std::string::npos; pos = s->find(dir + "/"))
                s->erase(pos, dir.size() + 1);
        }
    }
}

std::string title_of(const model::Document& doc, const std::string& fallback) {
    std::string t = job::describe(doc);
    if (const auto* pk = std::get_if<model::Protokoll>(&doc.body))
        t = pk->header.organ + ", protokoll " + core::format_date(pk->header.date);
    return t.empty() ? fallback : t;
}

}  // namespace

std::string file_sha256(const std::string& path) {
    try {
        const core::Bytes b = core::read_file(path, std::size_t{512} << 20);
        auto h = Botan::HashFunction::create_or_throw("SHA-256");
        h->update(b.data(), b.size());
        return Botan::hex_encode(h->final(), false);
    } catch (const std::exception&) {
        return {};
    }
}

bool run_tool(const std::vector<std::string>& argv, int timeout_seconds) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0) return false;
    int status = 0;
    for (int waited = 0; waited < timeout_seconds * 20; ++waited) {
        if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) && WEXITSTATUS(status) == 0;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return false;
}

Intake intake(Portal& p, const User& u, const std::string& doc_id, const Upload& source,
              const std::vector<Upload>& handlingar) {
    Intake res;
    const std::string tmp = p.cfg.data_dir + "/files/.tmp-" + random_hex(8);
    fs::create_directories(tmp + "/handlingar");
    struct Cleanup {
        std::string dir;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(dir, ec);
        }
    } cleanup{tmp};
    core::write_file_atomic(tmp + "/source.xml", source.content);
    for (const auto& h : handlingar) {
        const std::string n = handling_name(h.filename);
        if (n.empty()) {
            res.errors.push_back(
                {core::Severity::Error,
                 "upload",
                 {h.filename, 0, 0},
                 "a handling's file name must be letters, digits, '.', '_', '-' ending in .pdf, .xml, .png or .jpg",
                 "rename the file and upload it again"});
            continue;
        }
        core::write_file_atomic(tmp + "/handlingar/" + n, h.content);
    }
    if (!res.errors.empty()) return res;
    std::lock_guard<std::mutex> work(p.work_mutex);
    core::DiagSink sink;
    std::optional<model::Document> doc;
    try {
        doc = job::load_document(tmp + "/source.xml", p.cfg.home + "/schemas", sink, tmp);
    } catch (const core::Error& e) {
        for (const auto& d : e.diagnostics()) sink.add(d);
    }
    if (!doc || sink.has_errors()) {
        for (const auto& d : sink.diagnostics()) {
            if (d.severity == core::Severity::Error) res.errors.push_back(d);
        }
        if (res.errors.empty())
            res.errors.push_back(
                {core::Severity::Error, "source", {source.filename, 0, 0}, "the source is invalid", {}});
        relocate(res.errors, tmp, source.filename.empty() ? "source.xml" : source.filename);
        return res;
    }
    const std::string kind = doc->kind() == model::DocKind::Protokoll  ? "protokoll"
                             : doc->kind() == model::DocKind::Kallelse ? "kallelse"
                                                                       : "avtal";
    std::lock_guard<std::mutex> g(p.db.mutex());
    Tx tx(p.db);
    res.doc_id = doc_id.empty() ? random_hex(16) : doc_id;
    res.version = 1;
    if (doc_id.empty()) {
        Stmt q(p.db.handle(),
               "INSERT INTO documents(id, title, kind, state, version, created_by, created) VALUES(?,?,?,?,1,?,?)");
        q.bind(1, res.doc_id).bind(2, title_of(*doc, source.filename)).bind(3, kind).bind(4, "validerad");
        q.bind(5, u.name).bind(6, static_cast<long long>(p.now()));
        q.step();
    } else {
        Stmt v(p.db.handle(), "SELECT version FROM documents WHERE id=?");
        v.bind(1, doc_id);
        if (!v.step()) refuse("no such document");
        res.version = v.integer(0) + 1;
        Stmt old(p.db.handle(), "UPDATE versions SET state='ersatt' WHERE doc_id=? AND n=?");
        old.bind(1, doc_id).bind(2, res.version - 1);
        old.step();
        Stmt voided(p.db.handle(),
                    "UPDATE tasks SET state='makulerad' WHERE doc_id=? AND version=? AND state<>'makulerad'");
        voided.bind(1, doc_id).bind(2, res.version - 1);
        voided.step();
        Stmt d(p.db.handle(), "UPDATE documents SET version=?, state='validerad', title=? WHERE id=?");
        d.bind(1, res.version).bind(2, title_of(*doc, source.filename)).bind(3, doc_id);
        d.step();
    }
    Stmt ins(p.db.handle(), "INSERT INTO versions(doc_id, n, state, created) VALUES(?,?,'validerad',?)");
    ins.bind(1, res.doc_id).bind(2, res.version).bind(3, static_cast<long long>(p.now()));
    ins.step();
    const std::string dir = p.version_dir(res.doc_id, res.version);
    fs::create_directories(p.doc_dir(res.doc_id));
    fs::rename(tmp, dir);
    audit_append(p.db, AuditEntry{p.now(), u.name, doc_id.empty() ? "upload" : "new-version",
                                  res.doc_id + "/v" + std::to_string(res.version), file_sha256(dir + "/source.xml")});
    tx.commit();
    return res;
}

std::optional<DocInfo> doc_info(Portal& p, const std::string& id) {
    std::lock_guard<std::mutex> g(p.db.mutex());
    Stmt q(p.db.handle(),
           "SELECT d.id, d.title, d.kind, d.state, d.created_by, d.version, v.pages, v.sha256 FROM documents d JOIN "
           "versions v ON v.doc_id = d.id AND v.n = d.version WHERE d.id=?");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    return DocInfo{q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5), static_cast<int>(q.integer(6)),
                   q.text(7)};
}

std::vector<DocInfo> documents(Portal& p, const std::string& state) {
    std::lock_guard<std::mutex> g(p.db.mutex());
    Stmt q(p.db.handle(),
           "SELECT d.id, d.title, d.kind, d.state, d.created_by, d.version, v.pages, v.sha256 FROM documents d JOIN "
           "versions v ON v.doc_id = d.id AND v.n = d.version WHERE ?='' OR d.state=? ORDER BY d.created DESC, d.id");
    q.bind(1, state).bind(2, state);
    std::vector<DocInfo> out;
    while (q.step()) {
        out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.integer(5),
                       static_cast<int>(q.integer(6)), q.text(7)});
    }
    return out;
}

void build_version(Portal& p, const User& u, const std::string& id) {
    const auto info = doc_info(p, id);
    if (!info) refuse("no such document");
    if (info->state != "validerad" && info->state != "byggd") refuse("dokumentet är redan skickat för signering");
    const std::string dir = p.version_dir(id, info->version);
    std::lock_guard<std::mutex> work(p.work_mutex);
    job::BuildRequest req;
    req.input = dir + "/source.xml";
    req.output = dir + "/built.pdf";
    req.home = p.cfg.home;
    req.root = dir;
    req.time = core::Instant{p.now()};
    const job::BuildResult r = job::build(req);
    fs::copy_file(dir + "/built.pdf", dir + "/current.pdf", fs::copy_options::overwrite_existing);
    std::error_code ec;
    fs::remove_all(dir + "/previews", ec);
    fs::create_directories(dir + "/previews");
    run_tool({"pdftoppm", "-r", "60", "-png", dir + "/current.pdf", dir + "/previews/p"}, 60);
    for (const auto& e : fs::directory_iterator(dir + "/previews")) {  // p-01.png → p1.png
        const std::string n = e.path().filename().string();
        if (n.size() > 6 && n.rfind("p-", 0) == 0) {
            fs::rename(e.path(), dir + "/previews/p" + std::to_string(std::stoi(n.substr(2))) + ".png");
        }
    }
    const std::string sha = file_sha256(dir + "/current.pdf");
    std::lock_guard<std::mutex> g(p.db.mutex());
    Tx tx(p.db);
    Stmt v(p.db.handle(), "UPDATE versions SET state='byggd', pages=?, sha256=? WHERE doc_id=? AND n=?");
    v.bind(1, static_cast<long long>(r.pages)).bind(2, sha).bind(3, id).bind(4, info->version);
    v.step();
    Stmt d(p.db.handle(), "UPDATE documents SET state='byggd' WHERE id=?");
    d.bind(1, id);
    d.step();
    audit_append(p.db, AuditEntry{p.now(), u.name, "build", id + "/v" + std::to_string(info->version), sha});
    tx.commit();
}

void send_for_signing(Portal& p, const User& u, const std::string& id) {
    const auto info = doc_info(p, id);
    if (!info) refuse("no such document");
    if (info->state != "byggd") refuse("bygg dokumentet innan det skickas för signering");
    const std::string dir = p.version_dir(id, info->version);
    core::DiagSink sink;
    std::vector<Task> ts;
    {
        std::lock_guard<std::mutex> work(p.work_mutex);
        const auto doc = job::load_document(dir + "/source.xml", p.cfg.home + "/schemas", sink, dir);
        if (!doc) refuse("källan kan inte läsas längre");
        if (const auto* pk = std::get_if<model::Protokoll>(&doc->body)) {
            for (const auto& s : pk->justering.signatories)
                ts.push_back({0, core::role_name(s.role), "", s.name, "", "", 0});
        } else if (const auto* av = std::get_if<model::Avtal>(&doc->body)) {
            for (const auto& s : av->signatures) ts.push_back({0, "", "Part " + s.party_ref, s.name, "", "", 0});
        }
    }
    if (ts.empty()) refuse("dokumentet har inga underskrifter att samla in");
    std::lock_guard<std::mutex> g(p.db.mutex());
    Tx tx(p.db);
    for (std::size_t i = 0; i < ts.size(); ++i) {
        Stmt q(p.db.handle(),
               "INSERT INTO tasks(doc_id, version, seq, role, field, person, state) VALUES(?,?,?,?,?,?,'väntar')");
        q.bind(1, id).bind(2, info->version).bind(3, static_cast<long long>(i + 1)).bind(4, ts[i].role);
        q.bind(5, ts[i].field).bind(6, ts[i].person);
        q.step();
    }
    set_state(p, id, info->version, "signering");
    audit_append(p.db, AuditEntry{p.now(), u.name, "send", id + "/v" + std::to_string(info->version), info->sha256});
    tx.commit();
}

void set_state(Portal& p, const std::string& id, long long version, const std::string& state) {
    Stmt d(p.db.handle(), "UPDATE documents SET state=? WHERE id=?");
    d.bind(1, state).bind(2, id);
    d.step();
    Stmt v(p.db.handle(), "UPDATE versions SET state=? WHERE doc_id=? AND n=?");
    v.bind(1, state).bind(2, id).bind(3, version);
    v.step();
}

}  // namespace kansli::portal
