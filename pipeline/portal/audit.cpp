#include "portal/audit.hpp"

#include <botan/hash.h>
#include <botan/hex.h>

namespace kansli::portal {
namespace {

constexpr const char* kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

std::string entry_hash(const std::string& prev, std::int64_t seq, const AuditEntry& e) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    const auto field = [&h](const std::string& s) {
        const std::string len = std::to_string(s.size()) + ":";
        h->update(len);
        h->update(s);
    };
    field(prev);
    field(std::to_string(seq));
    field(std::to_string(e.time));
    field(e.who);
    field(e.what);
    field(e.object);
    field(e.sha256);
    return Botan::hex_encode(h->final(), false);
}

}  // namespace

std::int64_t audit_append(Db& db, const AuditEntry& e) {
    std::string prev = kGenesis;
    std::int64_t seq = 1;
    {
        Stmt last(db.handle(), "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
        if (last.step()) {
            seq = last.integer(0) + 1;
            prev = last.text(1);
        }
    }
    Stmt ins(db.handle(),
             "INSERT INTO audit(seq, time, who, what, object, sha256, prev, hash) VALUES(?,?,?,?,?,?,?,?)");
    ins.bind(1, static_cast<long long>(seq)).bind(2, static_cast<long long>(e.time)).bind(3, e.who).bind(4, e.what);
    ins.bind(5, e.object).bind(6, e.sha256).bind(7, prev).bind(8, entry_hash(prev, seq, e));
    ins.step();
    return seq;
}

AuditCheck audit_check(Db& db) {
    AuditCheck res;
    std::string prev = kGenesis;
    std::int64_t expected = 1;
    Stmt q(db.handle(), "SELECT seq, time, who, what, object, sha256, prev, hash FROM audit ORDER BY seq");
    while (q.step()) {
        const std::int64_t seq = q.integer(0);
        AuditEntry e{q.integer(1), q.text(2), q.text(3), q.text(4), q.text(5)};
        ++res.entries;
        if (seq != expected) {
            res.broken = expected;
            res.reason = "entry " + std::to_string(expected) + " is missing (next is " + std::to_string(seq) + ")";
            return res;
        }
        if (q.text(6) != prev) {
            res.broken = seq;
            res.reason = "entry " + std::to_string(seq) + " does not link to the hash of the entry before it";
            return res;
        }
        const std::string h = entry_hash(prev, seq, e);
        if (q.text(7) != h) {
            res.broken = seq;
            res.reason = "entry " + std::to_string(seq) + " was changed: its fields do not give its hash";
            return res;
        }
        prev = h;
        ++expected;
    }
    return res;
}

}  // namespace kansli::portal
