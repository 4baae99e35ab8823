// kansli ltv: collects, for every signature and time-stamp of the file, the path to a trust
// anchor (Botan::PKIX::build_certificate_path, the public path builder) and the CRL of each
// certificate's issuer (a CRL belongs to a certificate when its issuer name is the certificate's
// issuer and it verifies with the issuer's key: Botan's X509_CRL::check_signature), then appends
// the DSS revision and, with a TSA, the document time-stamp revision (sign/ltv.hpp).
#include "job/ltv.hpp"

#include "cms/decode.hpp"
#include "core/diagnostic.hpp"
#include "job/refuse.hpp"
#include "sign/ltv.hpp"
#include "verify/verify.hpp"

#include <botan/certstor.h>
#include <botan/x509path.h>

#include <algorithm>
#include <memory>
#include <span>

namespace kansli::job {
namespace {

using Cert = std::shared_ptr<const Botan::X509_Certificate>;
using Span = std::span<const std::uint8_t>;

std::string cn(const Botan::X509_Certificate& c) {
    const auto v = c.subject_info("X520.CommonName");
    return v.empty() ? c.subject_dn().to_string() : v.front();
}

struct Crl {
    Botan::X509_CRL crl;
    std::string file;  ///< the --crl file, or "" for one from the PDF
    bool used = false;
    bool wrong_signer = false;  ///< its issuer name matched a certificate's issuer, its signature did not
};

// An end entity (signer or TSA) with the certificates its CMS carries, and whose it is.
struct EndEntity {
    Botan::X509_Certificate cert;
    std::vector<Botan::X509_Certificate> carried;
    std::string what;  ///< "the signature \"Sekreterare\"", "its time-stamp", ...
};

class Collector {
public:
    Collector(const LtvConfig& cfg, const sign::DssContent& dss) : m_cfg(cfg) {
        for (const auto& path : cfg.trust) {
            for (const auto& c : verify::load_certificates(path)) m_trust.add_certificate(c);
        }
        for (const auto& path : cfg.certs) {
            for (const auto& c : verify::load_certificates(path))
                m_extra.push_back(std::make_shared<const Botan::X509_Certificate>(c));
        }
        for (const auto& path : cfg.crls) {
            for (const auto& c : verify::load_crls(path)) m_crls.push_back({c, path});
        }
        for (const auto& der : dss.certs) add_extra(der);
        for (const auto& der : dss.crls) add_crl(der);
    }

    /// Adds the path and CRLs of `e` to the VRI entry `vri`.
    void collect(const EndEntity& e, sign::DssAddition::Vri& vri) {
        std::vector<Cert> extra = m_extra;
        for (const auto& c : e.carried) extra.push_back(std::make_shared<const Botan::X509_Certificate>(c));
        std::vector<Cert> path;
        const auto code = Botan::PKIX::build_certificate_path(
            path, {&m_trust}, std::make_shared<const Botan::X509_Certificate>(e.cert), extra);
        if (code != Botan::Certificate_Status_Code::OK || path.empty()) {
            refuse("ltv", m_cfg.input,
                   "the certificate '" + cn(e.cert) + "' of " + e.what + " has no path to a trust anchor (" +
                       Botan::to_string(code) + ")",
                   "give its root with --trust and any missing intermediate with --cert");
        }
        for (std::size_t i = 0; i < path.size(); ++i) {
            push(vri.certs, path[i]->BER_encode());
            if (i + 1 == path.size() && path[i]->is_self_signed()) break;  // the anchor: no CRL
            const Botan::X509_Certificate& issuer = i + 1 < path.size() ? *path[i + 1] : *path[i];
            bool found = false;
            for (auto& c : m_crls) {
                if (c.crl.issuer_dn() != issuer.subject_dn()) continue;
                std::unique_ptr<Botan::Public_Key> key(issuer.subject_public_key());
                if (!c.crl.check_signature(*key)) {
                    c.wrong_signer = true;
                    continue;
                }
                c.used = true;
                found = true;
                push(vri.crls, c.crl.BER_encode());
            }
            if (!found) {
                refuse("ltv", m_cfg.input,
                       "no CRL of '" + cn(issuer) + "' for the certificate '" + cn(*path[i]) + "' of " + e.what,
                       "give the issuer's current CRL with --crl");
            }
        }
    }

    void add_extra(const std::vector<std::uint8_t>& der) {
        try {
            m_extra.push_back(std::make_shared<const Botan::X509_Certificate>(der));
        } catch (const std::exception&) {}  // a broken certificate in the DSS helps no path
    }
    void add_crl(const std::vector<std::uint8_t>& der) {
        try {
            m_crls.push_back({Botan::X509_CRL(der), ""});
        } catch (const std::exception&) {}
    }
    void add_crls(const std::vector<Botan::X509_CRL>& crls) {
        for (const auto& c : crls) m_crls.push_back({c, ""});
    }

    /// Every --crl must have served a chain of the file.
    void check_all_used() const {
        for (const auto& c : m_crls) {
            if (c.file.empty() || c.used) continue;
            const std::string issuer = c.crl.issuer_dn().to_string();
            if (c.wrong_signer) {
                refuse("ltv", c.file,
                       "this CRL names the issuer '" + issuer +
                           "' but is not signed by that issuer's key in the file's chains",
                       "a CRL that does not match its issuer is refused; get the CRL from the issuing CA");
            }
            refuse("ltv", c.file,
                   "this CRL of '" + issuer + "' matches no certificate of the file's signatures and time-stamps",
                   "give only the CRLs of the issuers in the chains (--crl)");
        }
    }

private:
    static void push(std::vector<core::Bytes>& v, const std::vector<std::uint8_t>& der) {
        core::Bytes b(der.begin(), der.end());
        if (std::find(v.begin(), v.end(), b) == v.end()) v.push_back(std::move(b));
    }

    const LtvConfig& m_cfg;
    Botan::Certificate_Store_In_Memory m_trust;
    std::vector<Cert> m_extra;
    std::vector<Crl> m_crls;
};

// The end entities of one signature or document time-stamp, after checking its CMS and tokens.
std::vector<EndEntity> end_entities(const core::Bytes& pdf, const sign::EmbeddedSignature& s, Collector& collector,
                                    const std::string& file) {
    const auto& b = s.byte_range;
    const auto size = static_cast<std::int64_t>(pdf.size());
    const std::string what =
        (s.sub_filter == "ETSI.RFC3161" ? "the document time-stamp \"" : "the signature \"") + s.field + "\"";
    if (b[0] != 0 || b[1] < 0 || b[2] < b[1] || b[3] < 0 || b[2] > size || b[3] > size - b[2]) {
        refuse("ltv", file, what + " has a /ByteRange outside the file");
    }
    const Span all(pdf.data(), pdf.size());
    const Span parts[2] = {all.subspan(0, static_cast<std::size_t>(b[1])),
                           all.subspan(static_cast<std::size_t>(b[2]), static_cast<std::size_t>(b[3]))};
    std::vector<EndEntity> out;
    const auto token_of = [&](const core::Bytes& token, const core::Bytes& data, const std::string& whose) {
        const auto tc = cms::tsp::check_token_over(token, data);
        if (!tc.problem.empty()) refuse("ltv", file, whose + " does not check out: " + tc.problem);
        collector.add_crls(tc.cms.crls);
        out.push_back({*tc.cms.signer, tc.cms.certificates, whose});
    };
    if (s.sub_filter == "ETSI.RFC3161") {
        core::Bytes data(parts[0].begin(), parts[0].end());
        data.insert(data.end(), parts[1].begin(), parts[1].end());
        token_of(s.contents, data, what);
        return out;
    }
    cms::DecodeOptions o;
    o.require_ess = s.sub_filter == "ETSI.CAdES.detached";
    o.allow_same_signer_repeats = !o.require_ess;
    const auto res = cms::verify_detached(s.contents, parts, o);
    if (res.status != cms::CmsStatus::Ok) refuse("ltv", file, what + " does not check out: " + res.reason);
    collector.add_crls(res.crls);
    out.push_back({*res.signer, res.certificates, what});
    const core::Bytes value(res.signature_value.begin(), res.signature_value.end());
    for (const auto& a : res.unsigned_attributes) {
        if (a.oid != cms::tsp::kSignatureTimeStamp) continue;
        for (const auto& v : a.values) token_of(core::Bytes(v.begin(), v.end()), value, "the time-stamp of " + what);
    }
    return out;
}

}  // namespace

core::Bytes ltv_bytes(const core::Bytes& pdf, const LtvConfig& cfg, LtvOutcome& outcome) {
    const auto sigs = sign::embedded_signatures(pdf);
    if (sigs.empty()) refuse("ltv", cfg.input, "the PDF has no signatures", "sign it first (kansli sign)");
    const sign::DssContent before = sign::read_dss(pdf);
    Collector collector(cfg, before);
    sign::DssAddition add;
    for (const auto& s : sigs) {
        (s.sub_filter == "ETSI.RFC3161" ? outcome.doc_timestamps : outcome.signatures)++;
        auto& vri = add.vri[sign::vri_key(s.contents)];
        for (const auto& e : end_entities(pdf, s, collector, cfg.input)) collector.collect(e, vri);
    }
    collector.check_all_used();
    core::Bytes out = sign::append_dss(pdf, add, cfg.time);
    const sign::DssContent after = sign::read_dss(out);
    outcome.certs = after.certs.size();
    outcome.crls = after.crls.size();
    outcome.certs_added = after.certs.size() - before.certs.size();
    outcome.crls_added = after.crls.size() - before.crls.size();
    if (cfg.timestamp) {
        out = sign::append_document_timestamp(
            out,
            [&cfg](const core::Bytes& digest) {
                cms::tsp::Imprint imprint = cms::tsp::sha256_imprint({});
                imprint.hashed = digest;
                return cfg.timestamp(imprint);
            },
            cfg.time);
        outcome.timestamped = true;
    }
    outcome.bytes_in = pdf.size();
    outcome.bytes_out = out.size();
    return out;
}

LtvOutcome ltv_file(const LtvConfig& cfg) {
    if (cfg.output.empty()) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, "no output file given", "give -o OUT.pdf");
    }
    core::InputFiles inputs;
    inputs.add(cfg.input, "the PDF");
    for (const auto& f : cfg.trust) inputs.add(f, "a trust anchor");
    for (const auto& f : cfg.certs) inputs.add(f, "a certificate");
    for (const auto& f : cfg.crls) inputs.add(f, "a CRL");
    inputs.check_output(cfg.output);
    const core::Bytes pdf = core::read_file(cfg.input);
    LtvOutcome outcome;
    core::Bytes out;
    try {
        out = ltv_bytes(pdf, cfg, outcome);
    } catch (core::Error& e) {
        auto d = e.diagnostics();
        for (auto& x : d) {
            if (x.loc.file.empty()) x.loc.file = cfg.input;
        }
        throw core::Error(e.code(), std::move(d));
    }
    core::write_file_atomic(cfg.output, out);
    return outcome;
}

}  // namespace kansli::job
