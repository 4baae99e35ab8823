// INTERNAL to portal/: the document workflow without HTTP. A document has versions; each version
// is a folder DIR/files/<doc id>/v<n>/ (source.xml, handlingar/, built.pdf, current.pdf: the
// latest signed state, previews/p<N>.png). States of a document: validerad → byggd → signering →
// justerad → arkiverad, or avvisad (back to the secretary, who re-issues a new version; the old
// version's signatures are void: its tasks become "makulerad", its files stay for the history).
#pragma once

#include "core/diagnostic.hpp"
#include "portal/context.hpp"

#include <string>
#include <vector>

namespace kansli::portal {

/// Refuses a request of the workflow: exit code 1, diagnostic kind "portal".
[[noreturn]] inline void refuse(const std::string& message) {
    throw core::Error(core::ExitCode::Invalid, "portal", {}, message);
}

struct Upload {
    std::string filename;  ///< the client's name: only shown, and its last part checked, never used as a path
    std::string content;
};

struct Intake {
    std::string doc_id;
    long long version = 0;
    std::vector<core::Diagnostic> errors;  ///< validation errors, located in the client's file names
};

/// Validates the source (with its handlingar, named handlingar/<name> beside it) exactly as
/// `kansli validate` does, and stores it as a new document (doc_id empty) or as the next version
/// of doc_id. Nothing is stored when it is invalid.
Intake intake(Portal& p, const User& u, const std::string& doc_id, const Upload& source,
              const std::vector<Upload>& handlingar);

struct DocInfo {
    std::string id, title, kind, state, created_by;
    long long version = 0;
    int pages = 0;
    std::string sha256;  ///< of current.pdf
};
std::optional<DocInfo> doc_info(Portal& p, const std::string& id);
std::vector<DocInfo> documents(Portal& p, const std::string& state = {});

struct Task {
    long long seq = 0;
    std::string role, field, person, state, done_by;
    std::int64_t done_at = 0;
};
std::vector<Task> tasks(Portal& p, const std::string& id, long long version);

/// Builds the current version (job::build) and renders its previews. Throws core::Error.
void build_version(Portal& p, const User& u, const std::string& id);
/// Creates the signing tasks in the order of the source's <underskrifter>.
void send_for_signing(Portal& p, const User& u, const std::string& id);

/// Sets the state of document `id` and of its `version` together (inside the caller's transaction).
void set_state(Portal& p, const std::string& id, long long version, const std::string& state);
/// The task whose turn it is, if any.
std::optional<Task> turn(Portal& p, const std::string& id, long long version);
/// Throws core::Error (exit 1) with a Swedish message when it is not `u`'s turn on `id`.
Task require_turn(Portal& p, const User& u, const std::string& id);
/// Signs with the keystore key of `u`, unlocked by `passphrase` (used for this signature only).
void sign_with_keystore(Portal& p, const User& u, const std::string& id, const std::string& passphrase);
/// Records that `signed_pdf` (already written in the version folder) is the next signature of `u`.
void record_signature(Portal& p, const User& u, const std::string& id, const Task& t, const std::string& signed_pdf);
/// Sends the document back to the secretary with `comment`.
void reject(Portal& p, const User& u, const std::string& id, const std::string& comment);

struct Comment {
    long long version = 0;
    std::string author, text;
    std::int64_t time = 0;
};
std::vector<Comment> comments(Portal& p, const std::string& id);

/// Runs argv with a timeout (seconds); true when it exited 0. stdout/stderr are discarded.
bool run_tool(const std::vector<std::string>& argv, int timeout_seconds);
/// Hex SHA-256 of a file (empty when unreadable).
std::string file_sha256(const std::string& path);

}  // namespace kansli::portal
