// Portal accounts (Argon2id password hashes), sessions (256-bit random tokens, stored hashed) and
// login throttling (per name and per client address, exponential back-off).
#pragma once

#include "portal/db.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kansli::portal {

/// The four roles of the portal.
bool valid_role(const std::string& role);

struct NewUser {
    std::string name;      ///< login name: [a-z0-9._-], 1..64
    std::string role;      ///< sekreterare | signer | registrar | arkiv
    std::string person;    ///< the full name documents use (signers: as in <underskrifter>)
    std::string password;  ///< at least 8 characters; never stored
    std::string cert_pem;  ///< signer certificate (then its chain), PEM; may be empty
    std::string key_pem;   ///< the signer's encrypted PKCS#8 PEM for the keystore; may be empty
};

/// Adds (or replaces the password, role, person, certificate and key of) an account; files go to
/// DIR/keys/<id>.cert.pem and .key.pem (mode 0600). Throws core::Error (exit 1 bad input, 2 I/O).
void add_user(Db& db, const std::string& data_dir, const NewUser& u, std::int64_t now);

struct User {
    std::int64_t id = 0;
    std::string name, role, person;
    bool has_cert = false, has_key = false;
};

std::optional<User> find_user(Db& db, const std::string& name);
std::optional<User> user_by_id(Db& db, std::int64_t id);
/// The account whose password is `password`, else nullopt (same work whether or not the name exists).
std::optional<User> check_password(Db& db, const std::string& name, const std::string& password);

struct Session {
    User user;
    std::string csrf;
};

/// A new session: returns the cookie token (64 hex digits); the database keeps its SHA-256.
std::string create_session(Db& db, std::int64_t user_id, std::int64_t now, std::int64_t lifetime);
std::optional<Session> find_session(Db& db, const std::string& token, std::int64_t now);
void delete_session(Db& db, const std::string& token);

/// Random hex of `bytes` bytes from the system RNG.
std::string random_hex(std::size_t bytes);
/// Hex SHA-256.
std::string sha256_hex(const std::string& data);
/// Equal strings, in time independent of where they differ.
bool same_secret(const std::string& a, const std::string& b);

/// Login throttling: after kFree failures for a key (a name or an address), each further attempt
/// must wait 2^(failures-kFree) seconds (capped at 15 minutes) after the last failure.
class Throttle final {
public:
    static constexpr int kFree = 3;
    /// Seconds to wait before `key` may try again (0: now).
    std::int64_t wait(const std::string& key, std::int64_t now);
    void failed(const std::string& key, std::int64_t now);
    void succeeded(const std::string& key);

private:
    struct State {
        int failures = 0;
        std::int64_t last = 0;
    };
    std::mutex m_mutex;
    std::map<std::string, State> m_state;
};

/// A token bucket per client address (POST /api/verify): `per_minute` requests a minute, bursts of
/// as many. 0 = unlimited.
class RateLimit final {
public:
    explicit RateLimit(int per_minute) : m_per_minute(per_minute) {}
    bool allow(const std::string& key, double now_seconds);

private:
    struct Bucket {
        double tokens = 0, last = 0;
    };
    int m_per_minute;
    std::mutex m_mutex;
    std::map<std::string, Bucket> m_buckets;
};

}  // namespace kansli::portal
