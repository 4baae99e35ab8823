// The strict DER reader of cms/ (definite lengths, single-byte tags, bounded; BER indefinite
// lengths only where NSS writes them) and the few value readers built on it. Internal to cms/.
#pragma once

#include "cms/decode.hpp"

#include <botan/bigint.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kansli::cms::der {

using Bytes = std::vector<std::uint8_t>;
using Span = std::span<const std::uint8_t>;

struct Tlv {
    std::uint8_t tag = 0;
    Span whole;    ///< tag + length + contents
    Span content;  ///< contents only
};

inline constexpr std::uint8_t kSequence = 0x30, kSet = 0x31, kInteger = 0x02, kOctetString = 0x04, kOid = 0x06,
                              kNull = 0x05, kCtx0 = 0xA0, kCtx1 = 0xA1, kCtx0Prim = 0x80;

struct Bad {
    CmsStatus status;
    std::string reason;
};
[[noreturn]] inline void fail(CmsStatus s, std::string reason) { throw Bad{s, std::move(reason)}; }
[[noreturn]] inline void malformed(std::string what) { fail(CmsStatus::Malformed, "malformed CMS: " + what); }

class Reader {
public:
    explicit Reader(Span s) : m_s(s) {}
    [[nodiscard]] bool more() const { return m_pos < m_s.size(); }
    [[nodiscard]] std::optional<std::uint8_t> peek_tag() const {
        return more() ? std::optional<std::uint8_t>(m_s[m_pos]) : std::nullopt;
    }
    Tlv next(const char* what) {
        if (m_pos + 2 > m_s.size()) malformed(std::string("truncated at ") + what);
        const std::size_t start = m_pos;
        const std::uint8_t tag = m_s[m_pos++];
        if ((tag & 0x1F) == 0x1F) malformed(std::string("multi-byte tag at ") + what);
        std::size_t len = m_s[m_pos++];
        if (len & 0x80) {
            const std::size_t n = len & 0x7F;
            if (n == 0) return indefinite(start, tag, what);
            if (n > 4 || m_pos + n > m_s.size()) malformed(std::string("bad length at ") + what);
            len = 0;
            for (std::size_t i = 0; i < n; ++i) len = (len << 8) | m_s[m_pos++];
            if (len < 0x80 || (n > 1 && m_s[m_pos - n] == 0)) malformed(std::string("non-minimal length at ") + what);
        }
        if (len > m_s.size() - m_pos) malformed(std::string("length beyond the data at ") + what);
        Tlv t;
        t.tag = tag;
        t.content = m_s.subspan(m_pos, len);
        t.whole = m_s.subspan(start, m_pos + len - start);
        m_pos += len;
        return t;
    }
    // BER indefinite length (NSS writes the outer SignedData this way): constructed only; the end
    // is found by reading the children up to the end-of-contents octets 00 00.
    Tlv indefinite(std::size_t start, std::uint8_t tag, const char* what) {
        if (!(tag & 0x20)) malformed(std::string("indefinite length on a primitive value at ") + what);
        if (++m_nesting > 16) malformed("indefinite lengths nested too deeply");
        const std::size_t body = m_pos;
        Reader inner(m_s.subspan(body));
        inner.m_nesting = m_nesting;
        for (;;) {
            if (inner.m_pos + 2 <= inner.m_s.size() && inner.m_s[inner.m_pos] == 0 && inner.m_s[inner.m_pos + 1] == 0)
                break;
            inner.next(what);
        }
        Tlv t;
        t.tag = tag;
        t.content = m_s.subspan(body, inner.m_pos);
        m_pos = body + inner.m_pos + 2;
        t.whole = m_s.subspan(start, m_pos - start);
        --m_nesting;
        return t;
    }
    Tlv expect(std::uint8_t tag, const char* what) {
        Tlv t = next(what);
        if (t.tag != tag) malformed(std::string("unexpected tag at ") + what);
        return t;
    }

private:
    Span m_s;
    std::size_t m_pos = 0;
    int m_nesting = 0;
};

// Dotted form of an OBJECT IDENTIFIER: arcs below 2^64 (every OID kansli knows) in 64-bit
// arithmetic, an OID with a larger arc by oid_of_big (tests/cms/certcache_test.cpp compares them).
std::string oid_of(const Tlv& t);

// The same with arcs of any size: Botan 2's OID holds 32-bit arcs, and private OIDs under 2.25
// (ITU-T X.667: a UUID as one arc) have 128-bit arcs.
std::string oid_of_big(const Tlv& t);

// A non-negative INTEGER (a serial number).
Botan::BigInt integer_of(const Tlv& t);

}  // namespace kansli::cms::der
