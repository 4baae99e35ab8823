// The portal's append-only audit log: who did what, when, to which object, with the document's
// SHA-256. Each entry's hash is SHA-256 over the previous entry's hash and its own fields
// (length-prefixed), so changing, deleting or reordering a row breaks the chain from there on.
#pragma once

#include "portal/db.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace kansli::portal {

struct AuditEntry {
    std::int64_t time = 0;  ///< Unix seconds (UTC)
    std::string who;        ///< account name, or "-" for anonymous
    std::string what;       ///< event, e.g. "login", "sign", "reject"
    std::string object;     ///< document id / version, or ""
    std::string sha256;     ///< hex SHA-256 of the document concerned, or ""
};

/// Appends `e` (the caller holds db.mutex()); returns its sequence number.
std::int64_t audit_append(Db& db, const AuditEntry& e);

struct AuditCheck {
    std::int64_t entries = 0;
    std::optional<std::int64_t> broken;  ///< the first entry whose hash or link does not hold
    std::string reason;
};

/// Recomputes the chain from the first entry.
AuditCheck audit_check(Db& db);

}  // namespace kansli::portal
