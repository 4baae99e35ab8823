#include "verify/verify.hpp"

#include "cms/decode.hpp"
#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "verify/chain.hpp"
#include "verify/changes.hpp"
#include "verify/scan.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <botan/data_src.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;
using Span = std::span<const std::uint8_t>;

std::unique_ptr<QPDF> load_qpdf(Span bytes, std::string& error) {
    try {
        auto q = std::make_unique<QPDF>();
        q->setSuppressWarnings(true);
        q->setAttemptRecovery(false);
        q->processMemoryFile("pdf", reinterpret_cast<const char*>(bytes.data()), bytes.size());
        q->getRoot();
        return q;
    } catch (const std::exception& e) {
        error = e.what();
    }
    return nullptr;
}

std::string role_of(const std::string& field) {
    std::string low;
    for (char c : field) low += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (low.find("sekreterare") != std::string::npos) return "sekreterare";
    if (low.find("justerare") != std::string::npos) return "justerare";
    if (low.find("ordförande") != std::string::npos || low.find("ordf\xc3\x96rande") != std::string::npos ||
        low.find("ordforande") != std::string::npos) {
        return "ordförande";
    }
    return "";
}

// "D:YYYYMMDDHHmmSS+HH'mm'" → ISO 8601 UTC; the raw value when it does not parse.
std::string pdf_date_to_iso(const std::string& raw) {
    std::string s = raw.rfind("D:", 0) == 0 ? raw.substr(2) : raw;
    auto num = [&s](std::size_t pos, std::size_t n, int def) -> std::optional<int> {
        if (pos >= s.size()) return def;
        if (pos + n > s.size()) return std::nullopt;
        int v = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    auto y = num(0, 4, 0), mo = num(4, 2, 1), d = num(6, 2, 1), h = num(8, 2, 0), mi = num(10, 2, 0), se = num(12, 2, 0);
    if (!y || !mo || !d || !h || !mi || !se || s.size() < 4) return raw;
    const core::Date date{*y, *mo, *d};
    if (!core::is_valid_date(date) || *h > 23 || *mi > 59 || *se > 60) return raw;
    std::int64_t t = core::days_from_civil(date) * 86400 + *h * 3600 + *mi * 60 + *se;
    if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
        auto oh = num(15, 2, 0);
        auto om = s.size() > 18 ? num(18, 2, 0) : std::optional<int>(0);
        if (!oh || !om) return raw;
        const int off = *oh * 3600 + *om * 60;
        t += s[14] == '+' ? -off : off;
    }
    return core::format_iso(core::Instant{t});
}

std::string field_name(OH f) {
    std::string name;
    for (int i = 0; i < 32 && f.isDictionary(); ++i) {
        OH t = f.getKey("/T");
        if (t.isString()) name = name.empty() ? t.getUTF8Value() : t.getUTF8Value() + "." + name;
        f = f.getKey("/Parent");
    }
    return name;
}

struct SigRef {
    std::string field;
    OH dict;
};

void walk_fields(OH node, std::vector<SigRef>& out, std::set<QPDFObjGen>& seen, int depth, std::vector<std::string>& problems) {
    if (!node.isDictionary()) return;
    if (depth > 32) {
        problems.push_back("form field tree deeper than 32 levels");
        return;
    }
    if (node.isIndirect() && !seen.insert(node.getObjGen()).second) return;
    OH ft = node.getKey("/FT");
    OH v = node.getKey("/V");
    bool sig = ft.isName() && ft.getName() == "/Sig";
    if (!ft.isName()) {  // inherited /FT
        OH p = node.getKey("/Parent");
        for (int i = 0; i < 32 && p.isDictionary(); ++i, p = p.getKey("/Parent")) {
            if (p.getKey("/FT").isName()) {
                sig = p.getKey("/FT").getName() == "/Sig";
                break;
            }
        }
    }
    if (sig && !v.isNull()) out.push_back({field_name(node), v});
    OH kids = node.getKey("/Kids");
    if (kids.isArray()) {
        for (int i = 0; i < kids.getArrayNItems() && out.size() < 1000; ++i) {
            walk_fields(kids.getArrayItem(i), out, seen, depth + 1, problems);
        }
    }
}

std::vector<Botan::X509_CRL> dss_crls(QPDF& q) {
    std::vector<Botan::X509_CRL> out;
    OH list = q.getRoot().getKey("/DSS").getKey("/CRLs");
    if (!list.isArray()) return out;
    for (int i = 0; i < list.getArrayNItems() && i < 100; ++i) {
        OH s = list.getArrayItem(i);
        if (!s.isStream()) continue;
        try {
            OH filter = s.getDict().getKey("/Filter");
            auto raw = s.getRawStreamData();
            if (raw->getSize() > (1u << 20)) continue;
            if (!filter.isNull() && !(filter.isName() && filter.getName() == "/FlateDecode" && raw->getSize() < (1u << 16))) continue;
            auto data = filter.isNull() ? raw : s.getStreamData();
            out.emplace_back(std::vector<std::uint8_t>(data->getBuffer(), data->getBuffer() + data->getSize()));
        } catch (const std::exception&) {
        }
    }
    return out;
}

class Verifier {
public:
    Verifier(Span pdf, const VerifyOptions& opt) : m_pdf(pdf), m_opt(opt), m_chain(opt) {}

    void run(VerifyReport& rep) {
        if (m_pdf.size() > m_opt.max_bytes) return problem(rep, "file larger than the limit");
        if (m_pdf.size() < 8 || std::string_view(reinterpret_cast<const char*>(m_pdf.data()), 5) != "%PDF-") {
            return problem(rep, "not a PDF file (no %PDF- header)");
        }
        const std::size_t depth = max_nesting_depth(m_pdf, m_opt.max_depth);
        if (depth > m_opt.max_depth) {
            return problem(rep, "nesting of dictionaries and arrays deeper than " + std::to_string(m_opt.max_depth));
        }
        m_marks = find_eof_marks(m_pdf);
        if (m_marks.empty()) return problem(rep, "no %%EOF marker: the file is truncated or not a PDF");
        m_end = m_marks.back().after_eol;
        for (std::size_t i = m_end; i < m_pdf.size(); ++i) {
            const auto c = m_pdf[i];
            if (c != 0 && c != ' ' && c != '\r' && c != '\n' && c != '\t') {
                return problem(rep, "bytes after the last %%EOF do not form a revision (truncated or appended data)");
            }
        }
        rep.revisions = m_marks.size();
        if (auto bad = check_xref_tables(m_pdf.first(m_end), m_marks)) return problem(rep, *bad);
        std::string err;
        m_final = load_qpdf(m_pdf.first(m_end), err);
        if (!m_final) return problem(rep, "the PDF does not load: " + err);
        m_final_xref = m_final->getXRefTable();

        std::vector<SigRef> sigs;
        std::set<QPDFObjGen> seen;
        OH fields = m_final->getRoot().getKey("/AcroForm").getKey("/Fields");
        if (fields.isArray()) {
            for (int i = 0; i < fields.getArrayNItems() && sigs.size() < 1000; ++i) {
                walk_fields(fields.getArrayItem(i), sigs, seen, 0, rep.problems);
            }
        }
        std::set<QPDFObjGen> referenced;
        m_dss_crls = dss_crls(*m_final);
        for (const auto& s : sigs) {
            if (s.dict.isIndirect()) referenced.insert(s.dict.getObjGen());
            m_pending.emplace_back();
            rep.signatures.push_back(check_signature(s));
        }
        // Changes after each signature, once every signature's own bytes are checked: a later
        // revision may draw a signature widget only when it verifiably signs that field.
        std::vector<SignedRevision> signed_revisions;
        for (std::size_t i = 0; i < rep.signatures.size(); ++i) {
            const auto& r = rep.signatures[i];
            if (m_pending[i].pdf == nullptr) continue;
            const bool verified = r.coverage.status == FacetStatus::Ok && r.intact.status == FacetStatus::Ok && r.valid.status == FacetStatus::Ok;
            signed_revisions.push_back({m_pending[i].dict, r.revision, m_pending[i].pdf, verified});
        }
        for (std::size_t i = 0; i < rep.signatures.size(); ++i) {
            auto& r = rep.signatures[i];
            if (m_pending[i].pdf != nullptr) modifications(*m_pending[i].pdf, r, signed_revisions);
            decide(r);
        }
        // Report in signing order (the revision each signature closes), not the form's field
        // order; signatures whose revision is unknown (failed coverage) come last.
        std::stable_sort(rep.signatures.begin(), rep.signatures.end(), [](const auto& a, const auto& b) {
            const auto key = [](const SignatureReport& r) { return r.revision == 0 ? SIZE_MAX : r.revision; };
            return key(a) < key(b);
        });
        orphans(rep, referenced);
    }

private:
    void problem(VerifyReport& rep, std::string what) { rep.problems.push_back(std::move(what)); }

    void orphans(VerifyReport& rep, const std::set<QPDFObjGen>& referenced) {
        std::size_t n = 0;
        for (const auto& [og, entry] : m_final_xref) {
            if (++n > 200000) break;
            if (referenced.contains(og)) continue;
            try {
                OH o = m_final->getObjectByObjGen(og);
                if (!o.isDictionary()) continue;
                OH type = o.getKey("/Type");
                if (!((type.isName() && type.getName() == "/Sig") || (o.hasKey("/ByteRange") && o.hasKey("/Contents")))) continue;
                SignatureReport r;
                r.verdict = Verdict::Indeterminate;
                r.reason = "signature dictionary " + og.unparse(' ') + " is not referenced by any signature field";
                r.coverage = {FacetStatus::NotChecked, "not checked: orphan signature dictionary"};
                rep.signatures.push_back(std::move(r));
            } catch (const std::exception&) {
            }
        }
    }

    QPDF* revision(std::size_t end, std::string& err) {
        if (end == m_end) return m_final.get();  // the same bytes: load them once
        auto it = m_revs.find(end);
        if (it == m_revs.end()) it = m_revs.emplace(end, load_qpdf(m_pdf.first(end), err)).first;
        return it->second.get();
    }

    SignatureReport check_signature(const SigRef& s) {
        SignatureReport r;
        r.field = s.field;
        r.role = role_of(s.field);
        try {
            coverage_and_cms(s, r);
        } catch (const std::exception& e) {
            if (r.coverage.status == FacetStatus::NotChecked) r.coverage = {FacetStatus::Failed, e.what()};
        }
        return r;  // run() adds the modifications and decides

    }

    static void fail_cov(SignatureReport& r, std::string why) { r.coverage = {FacetStatus::Failed, std::move(why)}; }

    void coverage_and_cms(const SigRef& s, SignatureReport& r) {
        OH d = s.dict;
        m_sig = d;
        if (!d.isDictionary()) return fail_cov(r, "/V is not a signature dictionary");
        if (!d.isIndirect()) return fail_cov(r, "the signature dictionary is not an indirect object");
        OH type = d.getKey("/Type");
        if (!type.isNull() && !(type.isName() && type.getName() == "/Sig")) {
            return fail_cov(r, "/V is not a signature dictionary (/Type is " + type.unparse() + ", not /Sig)");
        }
        if (d.getKey("/M").isString()) r.signing_time = pdf_date_to_iso(d.getKey("/M").getStringValue());
        OH sf = d.getKey("/SubFilter");
        r.sub_filter = sf.isName() ? sf.getName().substr(1) : "";
        OH br = d.getKey("/ByteRange");
        if (!br.isArray() || br.getArrayNItems() != 4) return fail_cov(r, "/ByteRange is missing or not an array of 4 numbers");
        for (int i = 0; i < 4; ++i) {
            OH x = br.getArrayItem(i);
            if (!x.isInteger() || x.getIntValue() < 0) return fail_cov(r, "/ByteRange holds a value that is not a non-negative integer");
            r.byte_range[i] = x.getIntValue();
        }
        OH contents = d.getKey("/Contents");
        if (!contents.isString() || contents.getStringValue().empty()) return fail_cov(r, "/Contents is missing, null or empty");
        const auto* b = r.byte_range;
        const auto size = static_cast<std::int64_t>(m_pdf.size());
        if (b[0] != 0) return fail_cov(r, "/ByteRange does not start at 0");
        if (b[1] >= size || b[2] > size || b[3] > size || b[2] <= b[1] || b[2] + b[3] > size) {
            return fail_cov(r, "/ByteRange points outside the file or its ranges overlap");
        }
        const auto end = static_cast<std::size_t>(b[2] + b[3]);
        std::size_t rev = 0;
        for (std::size_t i = 0; i < m_marks.size() && rev == 0; ++i) {
            if (m_marks[i].after_eol == end || m_marks[i].after_marker == end) rev = i + 1;
        }
        if (rev == 0) return fail_cov(r, "/ByteRange does not end at the end of a revision (%%EOF)");
        r.revision = rev;
        r.covers_whole_file = m_marks[rev - 1].after_eol == m_end;
        std::string err;
        QPDF* q = revision(end, err);
        if (!q) return fail_cov(r, "the revision this signature closes does not load: " + err);
        const auto xref = q->getXRefTable();
        const QPDFObjGen og = d.getObjGen();
        auto at = xref.find(og);
        auto fin = m_final_xref.find(og);
        if (at == xref.end() || at->second.getType() != 1) {
            return fail_cov(r, "the signature dictionary is not an uncompressed object of its revision");
        }
        if (fin == m_final_xref.end() || fin->second.getType() != 1 || fin->second.getOffset() != at->second.getOffset()) {
            return fail_cov(r, "the signature dictionary was redefined by a later revision");
        }
        std::string serr;
        auto scan = scan_dict_object(m_pdf.first(end), static_cast<std::size_t>(at->second.getOffset()), og.getObj(), og.getGen(),
                                     {"/ByteRange", "/Contents"}, m_opt.max_depth, serr);
        if (!scan) return fail_cov(r, "the signature dictionary cannot be read exactly: " + serr);
        const auto& kbr = scan->keys[0];
        const auto& kc = scan->keys[1];
        if (!kbr || !kc) return fail_cov(r, "/ByteRange or /Contents is not written in the signature dictionary itself");
        auto raw_br = parse_int_array(m_pdf.subspan(kbr->value_begin, kbr->value_end - kbr->value_begin), 4);
        if (!raw_br || raw_br->size() != 4 || !std::equal(raw_br->begin(), raw_br->end(), b)) {
            return fail_cov(r, "/ByteRange as written differs from its parsed value");
        }
        if (kc->kind != 'h') return fail_cov(r, "/Contents is not a hex string");
        if (static_cast<std::int64_t>(kc->value_begin) != b[1] || static_cast<std::int64_t>(kc->value_end) != b[2]) {
            return fail_cov(r, "the gap of /ByteRange is not exactly the /Contents of this signature dictionary");
        }
        auto cms = decode_hex_token(m_pdf.subspan(kc->value_begin, kc->value_end - kc->value_begin));
        const std::string parsed = contents.getStringValue();
        if (!cms || cms->size() != parsed.size() || !std::equal(cms->begin(), cms->end(), parsed.begin(),
                                                                [](std::uint8_t x, char y) { return x == static_cast<std::uint8_t>(y); })) {
            return fail_cov(r, "/Contents as written differs from its parsed value");
        }
        r.coverage = {FacetStatus::Ok, r.covers_whole_file ? "covers the whole file except the signature value"
                                                           : "covers revision " + std::to_string(rev) + " of " +
                                                                 std::to_string(m_marks.size()) + " except the signature value"};
        cms_and_chain(*cms, end, r);
        m_pending.back() = {og, rev, q, true};
    }

    void cms_and_chain(const std::vector<std::uint8_t>& der, std::size_t end, SignatureReport& r) {
        const bool cades = r.sub_filter == "ETSI.CAdES.detached";
        if (!cades && r.sub_filter != "adbe.pkcs7.detached") {
            r.valid = {FacetStatus::Indeterminate, "unsupported /SubFilter '" + r.sub_filter + "'"};
            r.intact = r.valid;
            return;
        }
        const auto* b = r.byte_range;
        const Span parts[2] = {m_pdf.subspan(0, static_cast<std::size_t>(b[1])),
                               m_pdf.subspan(static_cast<std::size_t>(b[2]), end - static_cast<std::size_t>(b[2]))};
        cms::DecodeOptions o;
        o.require_ess = cades;
        o.allow_same_signer_repeats = !cades;
        o.keys = &m_chain.keys();  // one parse per distinct key for the CMS and the chain checks
        const auto res = cms::verify_detached(der, parts, o);
        r.warnings.insert(r.warnings.end(), res.warnings.begin(), res.warnings.end());
        r.digest_algorithm = res.digest_algorithm;
        r.signature_algorithm = res.signature_algorithm;
        if (res.digest_matches) {
            r.intact = *res.digest_matches ? Facet{FacetStatus::Ok, "the signed bytes match the message digest"}
                                           : Facet{FacetStatus::Failed, "the signed bytes were changed (digest mismatch)"};
        }
        if (res.signer) {
            r.signer = res.signer->subject_info("X520.CommonName").empty() ? "" : res.signer->subject_info("X520.CommonName").front();
            r.signer_dn = res.signer->subject_dn().to_string();
        }
        if (res.status == cms::CmsStatus::Ok && !cert_key_matches(r, *res.signer)) {
            r.valid = {FacetStatus::Failed, "/Cert names another certificate than the CMS signer (a viewer may show it as the signer)"};
            return;
        }
        if (res.status == cms::CmsStatus::Ok) {
            r.valid = {FacetStatus::Ok, "CMS signature verified (" + res.signature_algorithm + ")"};
        } else {
            r.valid = {res.status == cms::CmsStatus::Unsupported ? FacetStatus::Indeterminate : FacetStatus::Failed, res.reason};
            return;
        }
        std::vector<Botan::X509_CRL> crls = res.crls;  // the validator adds options.crls
        crls.insert(crls.end(), m_dss_crls.begin(), m_dss_crls.end());
        std::vector<Botan::X509_Certificate> extra = res.certificates;
        extra.insert(extra.end(), m_opt.extra.begin(), m_opt.extra.end());
        r.chain = m_chain.validate(*res.signer, extra, crls).facet;
    }

    // /Cert belongs to adbe.x509.rsa_sha1; with a CMS signature it must be absent or the signer's
    // own certificate (first element of an array), or a viewer could display a different signer.
    bool cert_key_matches(SignatureReport& r, const Botan::X509_Certificate& signer) {
        if (!m_sig.hasKey("/Cert")) return true;
        OH c = m_sig.getKey("/Cert");
        if (c.isArray() && c.getArrayNItems() > 0) c = c.getArrayItem(0);
        if (!c.isString()) return false;
        const std::string der = c.getStringValue();
        const auto own = signer.BER_encode();
        r.warnings.push_back("the signature dictionary carries /Cert");
        return der.size() == own.size() && std::equal(own.begin(), own.end(), der.begin(), [](std::uint8_t x, char y) {
                   return x == static_cast<std::uint8_t>(y);
               });
    }

    void modifications(QPDF& rev, SignatureReport& r, const std::vector<SignedRevision>& signatures) {
        if (r.covers_whole_file) {
            r.modifications = {FacetStatus::Ok, "none: the signature covers the final revision"};
            return;
        }
        Changes c = compare_revisions(rev, *m_final, m_opt.compare_budget);
        check_signature_widgets(rev, r.revision, *m_final, signatures, m_opt.compare_budget, c);
        bool bad = false;
        for (const auto& k : c.kinds) {
            r.changes_after.push_back(k);
            if (!is_allowed_change(k)) bad = true;
        }
        std::string detail;
        for (const auto& d : c.details) detail += (detail.empty() ? "" : "; ") + d;
        if (bad) {
            r.modifications = {c.too_complex ? FacetStatus::Indeterminate : FacetStatus::Failed, detail};
        } else {
            r.modifications = {FacetStatus::Ok, c.kinds.empty() ? "none" : "later revisions only added: " + detail};
        }
    }

    static void decide(SignatureReport& r) {
        const std::pair<const char*, const Facet*> facets[] = {
            {"coverage", &r.coverage}, {"intact", &r.intact}, {"valid", &r.valid}, {"chain", &r.chain}, {"modifications", &r.modifications}};
        for (const auto& [name, f] : facets) {
            if (f->status == FacetStatus::Failed) {
                r.verdict = Verdict::Failed;
                r.reason = std::string(name) + ": " + f->detail;
                return;
            }
        }
        for (const auto& [name, f] : facets) {
            if (f->status != FacetStatus::Ok) {
                r.verdict = Verdict::Indeterminate;
                r.reason = std::string(name) + ": " + (f->detail.empty() ? "not checked" : f->detail);
                return;
            }
        }
        r.verdict = Verdict::Passed;
        r.reason = "signature valid, signer trusted, no disallowed change after signing";
    }

    Span m_pdf;
    const VerifyOptions& m_opt;
    ChainValidator m_chain;  ///< one per document: keys and signature checks shared by its signatures
    std::vector<EofMark> m_marks;
    std::size_t m_end = 0;
    std::unique_ptr<QPDF> m_final;
    std::map<QPDFObjGen, QPDFXRefEntry> m_final_xref;
    std::map<std::size_t, std::unique_ptr<QPDF>> m_revs;
    std::vector<Botan::X509_CRL> m_dss_crls;
    OH m_sig;  ///< the signature dictionary being checked
    std::vector<SignedRevision> m_pending;  ///< per signature in field order: its revision once its coverage passed
};

}  // namespace

VerifyReport verify_pdf(std::span<const std::uint8_t> pdf, const std::string& file, const VerifyOptions& options) {
    VerifyReport rep;
    rep.file = file;
    try {
        Verifier(pdf, options).run(rep);
    } catch (const std::exception& e) {
        rep.problems.push_back(std::string("the PDF cannot be read: ") + e.what());
    }
    if (!rep.problems.empty()) {
        rep.verdict = Verdict::Failed;
        rep.reason = rep.problems.front();
    } else if (rep.signatures.empty()) {
        rep.verdict = Verdict::Failed;
        rep.reason = "the PDF has no signatures";
    } else {
        rep.verdict = Verdict::Passed;
        for (const auto& s : rep.signatures) {
            if (s.verdict == Verdict::Failed) rep.verdict = Verdict::Failed;
            else if (s.verdict != Verdict::Passed && rep.verdict == Verdict::Passed) rep.verdict = Verdict::Indeterminate;
        }
        rep.reason = rep.verdict == Verdict::Passed ? "every signature passed" : "not every signature passed";
    }
    return rep;
}

const char* to_string(Verdict v) {
    switch (v) {
        case Verdict::Passed: return "passed";
        case Verdict::Failed: return "failed";
        case Verdict::Indeterminate: return "indeterminate";
        case Verdict::Unknown: break;
    }
    return "unknown";
}

const char* to_string(FacetStatus s) {
    switch (s) {
        case FacetStatus::Ok: return "ok";
        case FacetStatus::Failed: return "failed";
        case FacetStatus::Indeterminate: return "indeterminate";
        case FacetStatus::NotChecked: return "not-checked";
        case FacetStatus::Unknown: break;
    }
    return "unknown";
}

namespace {

/// Every PEM or DER object of type T in the file, in order (at most 1000). Throws core::Error
/// (exit 2) when the file cannot be read or holds none.
template <typename T>
std::vector<T> load_all(const std::string& path, std::size_t max_bytes, const std::string& what) {
    const auto bytes = core::read_file(path, max_bytes);
    const std::string hint = "give a PEM or DER X.509 " + what;
    std::vector<T> out;
    try {
        Botan::DataSource_Memory src(bytes.data(), bytes.size());
        while (!src.end_of_data() && out.size() < 1000) {
            out.emplace_back(src);
            std::uint8_t c = 0;
            while (src.peek(&c, 1, 0) == 1 && (c == '\n' || c == '\r' || c == ' ' || c == '\t')) src.discard_next(1);
        }
    } catch (const std::exception& e) {
        if (out.empty()) core::throw_io(path, "not a " + what + ": " + e.what(), hint);
    }
    if (out.empty()) core::throw_io(path, "no " + what + " found", hint);
    return out;
}

}  // namespace

std::vector<Botan::X509_Certificate> load_certificates(const std::string& path) {
    return load_all<Botan::X509_Certificate>(path, 16u << 20, "certificate");
}

std::vector<Botan::X509_CRL> load_crls(const std::string& path) {
    return load_all<Botan::X509_CRL>(path, 64u << 20, "CRL");
}

}  // namespace kansli::verify
