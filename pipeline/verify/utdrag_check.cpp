#include "verify/utdrag_check.hpp"

#include "cms/decode.hpp"
#include "cms/utdrag_proof.hpp"
#include "core/names.hpp"
#include "core/utf8.hpp"
#include "pdf/kansli_data.hpp"
#include "pdf/page_text.hpp"
#include "verify/chain.hpp"

#include <algorithm>

namespace kansli::verify {
namespace {

struct Fail {
    FacetStatus status;
    std::string reason;
};

[[noreturn]] void fail(const std::string& reason, FacetStatus s = FacetStatus::Failed) { throw Fail{s, reason}; }

bool is_space(char32_t c) {
    return c <= 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 ||
           c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

std::u32string strip(std::u32string_view s) {
    std::u32string out;
    for (char32_t c : s)
        if (!is_space(c)) out += c;
    return out;
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (std::size_t nl; (nl = s.find('\n', pos)) != std::string::npos; pos = nl + 1)
        out.push_back(s.substr(pos, nl - pos));
    if (pos < s.size()) out.push_back(s.substr(pos));
    return out;
}

struct Signer {
    std::string role, name;
};

constexpr std::size_t kMaxPageText = std::size_t{8} << 20;  ///< code points shown by all pages together
constexpr std::size_t kMaxPieces = 500;                     ///< pages one § may span

struct Match {
    bool full = false;  ///< `t` occurs in p[from..): end is just after it
    std::size_t end = 0;
    std::size_t tail = 0;  ///< else: the longest end of p[from..) that begins `t`
};

/// Knuth–Morris–Pratt, linear in |p| + |t| (hostile pages must not make the search quadratic).
Match kmp(const std::u32string& p, std::size_t from, const std::u32string& t) {
    std::vector<std::size_t> pi(t.size(), 0);
    for (std::size_t i = 1, k = 0; i < t.size(); ++i) {
        while (k > 0 && t[i] != t[k]) k = pi[k - 1];
        if (t[i] == t[k]) ++k;
        pi[i] = k;
    }
    std::size_t q = 0;
    for (std::size_t j = from; j < p.size(); ++j) {
        while (q > 0 && p[j] != t[q]) q = pi[q - 1];
        if (p[j] == t[q]) ++q;
        if (q == t.size()) return {true, j + 1, 0};
    }
    return {false, p.size(), q};
}

/// Finds `text` in `pages` from (page, offset): whole on one page, or as the end of one page (at
/// least `min_first` code points: the § heading and title, so that frame text such as page 1's
/// "§5" cannot stand in for them) continuing on the next ones, each piece contiguous. Advances
/// the cursor past it.
bool find_on_pages(const std::vector<std::u32string>& pages, std::u32string text, std::size_t min_first,
                   std::size_t& page, std::size_t& offset) {
    bool started = false;
    std::size_t pieces = 0;
    for (; page < pages.size() && !text.empty(); ++page, offset = 0) {
        const Match m = kmp(pages[page], offset, text);
        if (m.full) {
            offset = m.end;
            return true;
        }
        if (m.tail > 0 && (started || m.tail >= min_first) && ++pieces <= kMaxPieces) {
            text.erase(0, m.tail);
            started = true;
        } else if (started) {
            return false;  // a page in the middle that does not continue the text
        }
    }
    return false;
}

/// 1 and 2: the proof decodes, starts with the meeting, and every carried leaf leads to the root.
/// Returns the carried § numbers ("§35"), for the messages.
std::vector<std::string> check_leaves(const cms::UtdragProof& proof) {
    if (proof.root.size() != 32) fail("the extract's proof root is not 32 bytes");
    if (proof.leaves.size() < 2 || proof.leaves[0].index != 0 ||
        proof.leaves[0].data.rfind(cms::kMeetingLeafTag, 0) != 0) {
        fail("the extract's proof does not start with the meeting and hold at least one §");
    }
    std::vector<std::string> numbers;
    for (std::size_t i = 0; i < proof.leaves.size(); ++i) {
        const auto& leaf = proof.leaves[i];
        const auto lines = lines_of(leaf.data);
        std::string what = i == 0 ? "the meeting" : (lines.size() > 1 ? lines[1] : "a §");
        if (i > 0) {
            if (leaf.data.rfind(cms::kParagraphLeafTag, 0) != 0 || lines.size() < 3) fail("a carried § is malformed");
            numbers.push_back(core::escape_for_display(what));
        }
        const auto root =
            cms::merkle_root_from_path(leaf.index, proof.tree_size, cms::merkle_leaf_hash(leaf.data), leaf.path);
        if (!root || *root != proof.root) {
            fail("the inclusion path of " + core::escape_for_display(what) + " does not lead to the signed root");
        }
    }
    return numbers;
}

/// The signers the meeting leaf names ("signer:<role>:<name>" lines after organisation, organ, date).
std::vector<Signer> listed_signers(const std::vector<std::string>& meeting) {
    std::vector<Signer> listed;
    for (std::size_t i = 4; i < meeting.size(); ++i) {
        const auto& l = meeting[i];
        const auto colon = l.find(':', 7);
        if (l.rfind("signer:", 0) != 0 || colon == std::string::npos) fail("the meeting leaf is malformed");
        listed.push_back({l.substr(7, colon - 7), l.substr(colon + 1)});
    }
    if (listed.empty() || meeting.size() < 4) fail("the meeting leaf names no signer");
    return listed;
}

/// 3: every carried signature verifies over its signed attributes, signs the root, chains to a
/// trust anchor and is by a listed signer; every listed signer signed. Returns the listed signers
/// in the order of the carried signatures: the order they signed the protokoll in (job/utdrag).
std::vector<Signer> check_signatures(const cms::UtdragProof& proof, const std::vector<Signer>& listed,
                                     const VerifyOptions& options) {
    ChainValidator chain(options);
    std::vector<bool> signed_by(listed.size(), false);
    std::vector<Signer> in_order;
    for (const auto& der : proof.signatures) {
        cms::DecodeOptions o;
        o.content_absent = true;
        o.require_ess = true;
        o.keys = &chain.keys();
        const cms::CmsResult r = cms::verify_detached(der, {}, o);
        if (r.status != cms::CmsStatus::Ok || !r.signer) fail("an original signature does not verify: " + r.reason);
        const auto cn = r.signer->subject_info("X520.CommonName");
        const std::string name = cn.empty() ? "" : cn.front();
        bool root_ok = false;
        for (const auto& a : r.other_signed_attributes)
            if (a.oid == cms::kParagraphRootOid && a.values.size() == 1)
                root_ok = cms::paragraph_root_of_value(a.values[0]) == proof.root;
        if (!root_ok) fail("the signature of " + core::escape_for_display(name) + " does not sign this extract's root");
        std::vector<Botan::X509_Certificate> extra = r.certificates;
        extra.insert(extra.end(), options.extra.begin(), options.extra.end());
        const ChainResult c = chain.validate(*r.signer, extra, r.crls);
        if (c.facet.status != FacetStatus::Ok) {
            fail("the chain of " + core::escape_for_display(name) + ": " + c.facet.detail, c.facet.status);
        }
        bool matched = false;
        for (std::size_t i = 0; i < listed.size() && !matched; ++i) {
            if (!signed_by[i] && core::same_person(listed[i].name, name)) {
                matched = signed_by[i] = true;
                in_order.push_back(listed[i]);
            }
        }
        if (!matched) fail(core::escape_for_display(name) + " signed, but is not a signer of this protokoll");
    }
    for (std::size_t i = 0; i < listed.size(); ++i) {
        if (!signed_by[i]) fail("the extract carries no signature by " + core::escape_for_display(listed[i].name));
    }
    return in_order;
}

/// 4: page 1 shows the meeting, and the pages show each carried § as laid out, in order.
void check_pages(const cms::UtdragProof& proof, const std::vector<std::string>& meeting,
                 const std::vector<std::string>& numbers, pdf::Opened& doc, pdf::Usage& used) {
    std::vector<std::u32string> pages = pdf::page_texts(doc, pdf::default_limits(), used);
    std::size_t shown = 0;
    for (auto& p : pages) {
        p = strip(p);
        shown += p.size();
    }
    if (shown > kMaxPageText) fail("the extract's pages show more than 8388608 characters");
    for (std::size_t i = 1; i < 4; ++i) {
        if (pages.empty() || pages[0].find(strip(core::to_u32(meeting[i]))) == std::u32string::npos) {
            fail("page 1 does not show \"" + core::escape_for_display(meeting[i]) + "\" of the meeting");
        }
    }
    std::size_t page = 0, offset = 0;
    for (std::size_t i = 1; i < proof.leaves.size(); ++i) {
        const std::string& data = proof.leaves[i].data;
        const std::size_t body = data.find('\n', std::string(cms::kParagraphLeafTag).size()) + 1;
        const auto body_lines = lines_of(data.substr(body));
        const std::size_t min_first =
            strip(core::to_u32(body_lines.empty() ? "" : body_lines[0] + (body_lines.size() > 1 ? body_lines[1] : "")))
                .size();
        if (!find_on_pages(pages, strip(core::to_u32(std::string_view(data).substr(body))), min_first, page, offset)) {
            fail("the pages do not show " + numbers[i - 1] + " as the protokoll has it (changed, or out of order)");
        }
    }
}

/// Steps 1 to 4 (the header of this file); returns the report line: "§35, §39 are word for word as
/// in the protokoll of <date> justerat by A (sekreterare), …", the signers in signing order.
std::string check(const VerifyOptions& options, const std::string& proof_der, pdf::Opened& doc, pdf::Usage& used) {
    std::string why;
    const auto proof = cms::decode_utdrag_proof(proof_der, why);
    if (!proof) fail(why);
    const std::vector<std::string> numbers = check_leaves(*proof);
    const auto meeting = lines_of(proof->leaves[0].data);
    const std::vector<Signer> signers = check_signatures(*proof, listed_signers(meeting), options);
    check_pages(*proof, meeting, numbers, doc, used);
    std::string out;
    for (const auto& n : numbers) out += (out.empty() ? "" : ", ") + n;
    out += (numbers.size() == 1 ? " is" : " are") + std::string(" word for word as in the protokoll of ") +
           core::escape_for_display(meeting[3]) + " justerat by ";
    for (std::size_t i = 0; i < signers.size(); ++i) {
        out += (i ? ", " : "") + core::escape_for_display(signers[i].name) + " (" +
               core::escape_for_display(signers[i].role) + ")";
    }
    return out;
}

}  // namespace

void check_extract_proof(std::span<const std::uint8_t> pdf, const VerifyOptions& options, VerifyReport& rep,
                         QPDF* opened) {
    // The fast path (`opened`): pdf::open() on the same bytes with the same checks would succeed
    // (the verifier's load passed them; only the page requirement differs, and `opened` has
    // pages), and kansli_data() on a fresh load reads the same catalog. So "no proof here" is
    // the same answer the slow path gives; anything else (a proof, an error) takes the slow path.
    if (opened != nullptr) {
        try {
            pdf::Usage used;
            if (!pdf::kansli_data(*opened, pdf::kDataUtdragProof, pdf::default_limits(), used)) return;
        } catch (const std::exception&) {}
    }
    try {
        pdf::Opened doc = pdf::open(pdf, pdf::default_limits());
        pdf::Usage used;
        const auto proof = pdf::kansli_data(*doc.qpdf, pdf::kDataUtdragProof, pdf::default_limits(), used);
        if (!proof) return;
        rep.extract_proof = {FacetStatus::Ok, check(options, *proof, doc, used)};
    } catch (const Fail& f) {
        rep.extract_proof = {f.status, f.reason};
    } catch (const std::exception& e) {
        rep.extract_proof = {FacetStatus::Failed, std::string("the extract's proof cannot be read: ") + e.what()};
    }
    if (rep.extract_proof.status == FacetStatus::Failed) {
        rep.verdict = Verdict::Failed;
        rep.reason = "the extract's proof failed: " + rep.extract_proof.detail;
    } else if (rep.extract_proof.status == FacetStatus::Indeterminate && rep.verdict == Verdict::Passed) {
        rep.verdict = Verdict::Indeterminate;
        rep.reason = "the extract's proof is indeterminate: " + rep.extract_proof.detail;
    }
}

}  // namespace kansli::verify
