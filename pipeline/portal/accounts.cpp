#include "portal/accounts.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <botan/argon2.h>
#include <botan/hash.h>
#include <botan/hex.h>
#include <botan/mem_ops.h>
#include <botan/system_rng.h>

#include <algorithm>
#include <filesystem>

namespace kansli::portal {
namespace {

// Argon2id (y = 2) with OWASP's minimum: 19 MiB, 2 passes, 1 lane.
constexpr std::size_t kArgonM = 19 * 1024, kArgonT = 2, kArgonP = 1;

[[noreturn]] void invalid(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, "portal", {}, message, std::move(hint));
}

std::string pwhash(const std::string& password) {
    Botan::System_RNG rng;
    return Botan::argon2_generate_pwhash(password.data(), password.size(), rng, kArgonP, kArgonM, kArgonT, 2);
}

User read_user(const Stmt& q) {
    return User{q.integer(0), q.text(1), q.text(2), q.text(3), q.integer(4) != 0, q.integer(5) != 0};
}

constexpr const char* kUserCols = "SELECT id, name, role, person, has_cert, has_key FROM users ";

void write_private(const std::string& path, const std::string& text) {
    core::write_file_atomic(path, text);
    std::error_code ec;
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write, ec);
}

}  // namespace

bool valid_role(const std::string& role) {
    return role == "sekreterare" || role == "signer" || role == "registrar" || role == "arkiv";
}

void add_user(Db& db, const std::string& data_dir, const NewUser& u, std::int64_t now) {
    (void)now;
    if (u.name.empty() || u.name.size() > 64 || !std::all_of(u.name.begin(), u.name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        })) {
        invalid("the login name '" + u.name + "' is not 1..64 of a-z 0-9 . _ -");
    }
    if (!valid_role(u.role)) invalid("unknown role '" + u.role + "'", "sekreterare, signer, registrar or arkiv");
    if (u.password.size() < 8) invalid("the password is shorter than 8 characters");
    if (u.role == "signer" && u.person.empty()) invalid("a signer needs --person, the name documents use");
    const std::string hash = pwhash(u.password);
    std::lock_guard<std::mutex> g(db.mutex());
    Tx tx(db);
    {
        Stmt q(db.handle(),
               "INSERT INTO users(name, role, person, pwhash) VALUES(?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
               "role=excluded.role, person=excluded.person, pwhash=excluded.pwhash");
        q.bind(1, u.name).bind(2, u.role).bind(3, u.person.empty() ? u.name : u.person).bind(4, hash);
        q.step();
    }
    std::int64_t id = 0;
    {
        Stmt q(db.handle(), "SELECT id FROM users WHERE name=?");
        q.bind(1, u.name);
        if (q.step()) id = q.integer(0);
    }
    const std::string keys = data_dir + "/keys";
    std::error_code ec;
    std::filesystem::create_directories(keys, ec);
    std::filesystem::permissions(keys, std::filesystem::perms::owner_all, ec);
    if (!u.cert_pem.empty()) {
        write_private(keys + "/" + std::to_string(id) + ".cert.pem", u.cert_pem);
        db.exec("UPDATE users SET has_cert=1 WHERE id=" + std::to_string(id));
    }
    if (!u.key_pem.empty()) {
        if (u.key_pem.find("-----BEGIN ENCRYPTED PRIVATE KEY-----") == std::string::npos) {
            invalid("the keystore takes only encrypted PKCS#8 keys (BEGIN ENCRYPTED PRIVATE KEY)",
                    "encrypt it first, e.g. openssl pkcs8 -topk8 -v2 aes-256-cbc");
        }
        write_private(keys + "/" + std::to_string(id) + ".key.pem", u.key_pem);
        db.exec("UPDATE users SET has_key=1 WHERE id=" + std::to_string(id));
    }
    tx.commit();
}

std::optional<User> find_user(Db& db, const std::string& name) {
    Stmt q(db.handle(), std::string(kUserCols) + "WHERE name=?");
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    return read_user(q);
}

std::optional<User> user_by_id(Db& db, std::int64_t id) {
    Stmt q(db.handle(), std::string(kUserCols) + "WHERE id=?");
    q.bind(1, static_cast<long long>(id));
    if (!q.step()) return std::nullopt;
    return read_user(q);
}

std::optional<User> check_password(Db& db, const std::string& name, const std::string& password) {
    static const std::string dummy = pwhash("kansli: no such account");
    std::string hash;
    std::optional<User> user;
    {
        std::lock_guard<std::mutex> g(db.mutex());
        Stmt q(db.handle(), "SELECT id, name, role, person, has_cert, has_key, pwhash FROM users WHERE name=?");
        q.bind(1, name);
        if (q.step()) {
            user = read_user(q);
            hash = q.text(6);
        }
    }
    const bool ok = Botan::argon2_check_pwhash(password.data(), password.size(), user ? hash : dummy);
    if (!ok || !user) return std::nullopt;
    return user;
}

std::string random_hex(std::size_t bytes) {
    Botan::System_RNG rng;
    return Botan::hex_encode(rng.random_vec(bytes), false);
}

std::string sha256_hex(const std::string& data) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(data);
    return Botan::hex_encode(h->final(), false);
}

bool same_secret(const std::string& a, const std::string& b) {
    return a.size() == b.size() &&
           Botan::constant_time_compare(reinterpret_cast<const std::uint8_t*>(a.data()),
                                        reinterpret_cast<const std::uint8_t*>(b.data()), a.size());
}

std::string create_session(Db& db, std::int64_t user_id, std::int64_t now, std::int64_t lifetime) {
    const std::string token = random_hex(32);
    std::lock_guard<std::mutex> g(db.mutex());
    db.exec("DELETE FROM sessions WHERE expires < " + std::to_string(now));
    Stmt q(db.handle(), "INSERT INTO sessions(token_hash, user_id, csrf, expires) VALUES(?,?,?,?)");
    q.bind(1, sha256_hex(token)).bind(2, static_cast<long long>(user_id)).bind(3, random_hex(32));
    q.bind(4, static_cast<long long>(now + lifetime));
    q.step();
    return token;
}

std::optional<Session> find_session(Db& db, const std::string& token, std::int64_t now) {
    if (token.size() != 64) return std::nullopt;
    std::lock_guard<std::mutex> g(db.mutex());
    Stmt q(db.handle(),
           "SELECT u.id, u.name, u.role, u.person, u.has_cert, u.has_key, s.csrf FROM sessions s JOIN users u ON "
           "u.id = s.user_id WHERE s.token_hash=? AND s.expires >= ?");
    q.bind(1, sha256_hex(token)).bind(2, static_cast<long long>(now));
    if (!q.step()) return std::nullopt;
    return Session{read_user(q), q.text(6)};
}

void delete_session(Db& db, const std::string& token) {
    std::lock_guard<std::mutex> g(db.mutex());
    Stmt q(db.handle(), "DELETE FROM sessions WHERE token_hash=?");
    q.bind(1, sha256_hex(token));
    q.step();
}

std::int64_t Throttle::wait(const std::string& key, std::int64_t now) {
    std::lock_guard<std::mutex> g(m_mutex);
    const auto it = m_state.find(key);
    if (it == m_state.end() || it->second.failures < kFree) return 0;
    const int excess = std::min(it->second.failures - kFree, 10);
    const std::int64_t delay = std::min<std::int64_t>(std::int64_t{1} << excess, 900);
    const std::int64_t until = it->second.last + delay;
    return until > now ? until - now : 0;
}

void Throttle::failed(const std::string& key, std::int64_t now) {
    std::lock_guard<std::mutex> g(m_mutex);
    if (m_state.size() > 100000) m_state.clear();  // bounded memory under a flood of names
    auto& s = m_state[key];
    ++s.failures;
    s.last = now;
}

void Throttle::succeeded(const std::string& key) {
    std::lock_guard<std::mutex> g(m_mutex);
    m_state.erase(key);
}

bool RateLimit::allow(const std::string& key, double now) {
    if (m_per_minute <= 0) return true;
    std::lock_guard<std::mutex> g(m_mutex);
    if (m_buckets.size() > 100000) m_buckets.clear();
    auto [it, fresh] = m_buckets.try_emplace(key, Bucket{static_cast<double>(m_per_minute), now});
    Bucket& b = it->second;
    if (!fresh) {
        b.tokens = std::min<double>(m_per_minute, b.tokens + (now - b.last) * m_per_minute / 60.0);
        b.last = now;
    }
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

}  // namespace kansli::portal
