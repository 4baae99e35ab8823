#include "verify/cmscheck.hpp"

#include "cms/decode.hpp"
#include "verify/digests.hpp"
#include "verify/parallel.hpp"

#include <algorithm>
#include <string>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;
using Span = std::span<const std::uint8_t>;

// /Cert belongs to adbe.x509.rsa_sha1; with a CMS signature it must be absent or the signer's
// own certificate (first element of an array), or a viewer could display a different signer.
bool cert_key_matches(const SigCert& cert, SignatureReport& r, const Botan::X509_Certificate& signer) {
    if (cert.error) std::rethrow_exception(cert.error);
    if (!cert.present) return true;
    if (!cert.is_string) return false;
    const std::string& der = cert.der;
    const auto own = signer.BER_encode();
    r.warnings.push_back("the signature dictionary carries /Cert");
    return der.size() == own.size() && std::equal(own.begin(), own.end(), der.begin(), [](std::uint8_t x, char y) {
               return x == static_cast<std::uint8_t>(y);
           });
}

}  // namespace

SigCert read_sig_cert(QPDFObjectHandle sig) {
    SigCert out;
    try {
        if (!sig.hasKey("/Cert")) return out;
        out.present = true;
        OH c = sig.getKey("/Cert");
        if (c.isArray() && c.getArrayNItems() > 0) c = c.getArrayItem(0);
        out.is_string = c.isString();
        if (out.is_string) out.der = c.getStringValue();
    } catch (...) {
        out.error = std::current_exception();
    }
    return out;
}

void check_all_cms(Span pdf, std::vector<CmsCheck>& checks, const ChainValidator& chain,
                   const std::vector<Botan::X509_CRL>& dss_crls, const std::vector<Botan::X509_Certificate>& extra,
                   std::vector<SignatureReport>& reports, TimestampChecker* timestamps, std::size_t threads) {
    // The ranges each check's CMS digest covers (as check_cms_and_chain cuts them), hashed once.
    std::vector<RangeDigests::Range> ranges;
    for (const auto& c : checks) {
        const SignatureReport& r = reports[c.index];
        const auto* b = r.byte_range;
        const bool cms = r.sub_filter == "ETSI.CAdES.detached" || r.sub_filter == "adbe.pkcs7.detached";
        const bool ok = cms && b[1] >= 0 && b[2] >= 0;
        ranges.push_back(ok ? RangeDigests::Range{static_cast<std::size_t>(b[1]), static_cast<std::size_t>(b[2]), c.end}
                            : RangeDigests::Range{1, 0, 0});  // refused by RangeDigests: hashed apart
    }
    RangeDigests digests(pdf, ranges);
    run_indexed(checks.size(), threads, [&](std::size_t i) {
        CmsCheck& c = checks[i];
        SignatureReport& r = reports[c.index];
        try {
            check_cms_and_chain(pdf, c.der, c.end, c.cert, chain, dss_crls, extra, r, timestamps,
                                [&digests, i](const std::string& hash) { return digests.digest(i, hash); });
        } catch (const std::exception& e) {
            c.threw = true;
            if (r.coverage.status == FacetStatus::NotChecked) r.coverage = {FacetStatus::Failed, e.what()};
        }
    });
}

void check_cms_and_chain(Span pdf, const std::vector<std::uint8_t>& der, std::size_t end, const SigCert& cert,
                         const ChainValidator& chain, const std::vector<Botan::X509_CRL>& dss_crls,
                         const std::vector<Botan::X509_Certificate>& extra_certs, SignatureReport& r,
                         TimestampChecker* timestamps, const DigestOf& digest_of) {
    const bool cades = r.sub_filter == "ETSI.CAdES.detached";
    const auto* b = r.byte_range;
    const Span parts[2] = {pdf.subspan(0, static_cast<std::size_t>(b[1])),
                           pdf.subspan(static_cast<std::size_t>(b[2]), end - static_cast<std::size_t>(b[2]))};
    if (r.sub_filter == "ETSI.RFC3161" && timestamps) return timestamps->check_document(der, parts, r);
    if (!cades && r.sub_filter != "adbe.pkcs7.detached") {
        r.valid = {FacetStatus::Indeterminate, "unsupported /SubFilter '" + r.sub_filter + "'"};
        r.intact = r.valid;
        return;
    }
    if (!der.empty() && std::all_of(der.begin(), der.end(), [](std::uint8_t c) { return c == 0; })) {
        // A prepared field (kansli sign --prepare) or a forgery: there is no signature to verify.
        r.valid = {FacetStatus::Failed,
                   "prepared for an external key, not signed: /Contents is empty (kansli sign --complete)"};
        return;
    }
    cms::DecodeOptions o;
    o.require_ess = cades;
    o.allow_same_signer_repeats = !cades;
    o.keys = &chain.keys();  // one parse per distinct signer key for the document's CMS checks
    o.content_digest = digest_of;
    const auto res = cms::verify_detached(der, parts, o);
    r.warnings.insert(r.warnings.end(), res.warnings.begin(), res.warnings.end());
    r.digest_algorithm = res.digest_algorithm;
    r.signature_algorithm = res.signature_algorithm;
    if (res.digest_matches) {
        r.intact = *res.digest_matches ? Facet{FacetStatus::Ok, "the signed bytes match the message digest"}
                                       : Facet{FacetStatus::Failed, "the signed bytes were changed (digest mismatch)"};
    }
    if (res.signer) {
        r.signer = res.signer->subject_info("X520.CommonName").empty()
                       ? ""
                       : res.signer->subject_info("X520.CommonName").front();
        r.signer_dn = res.signer->subject_dn().to_string();
    }
    if (res.status == cms::CmsStatus::Ok && !cert_key_matches(cert, r, *res.signer)) {
        r.valid = {FacetStatus::Failed,
                   "/Cert names another certificate than the CMS signer (a viewer may show it as the signer)"};
        return;
    }
    if (res.status == cms::CmsStatus::Ok) {
        r.valid = {FacetStatus::Ok, "CMS signature verified (" + res.signature_algorithm + ")"};
    } else {
        r.valid = {res.status == cms::CmsStatus::Unsupported ? FacetStatus::Indeterminate : FacetStatus::Failed,
                   res.reason};
        return;
    }
    std::vector<Botan::X509_CRL> crls = res.crls;  // the validator adds options.crls
    crls.insert(crls.end(), dss_crls.begin(), dss_crls.end());
    std::vector<Botan::X509_Certificate> extra = res.certificates;
    extra.insert(extra.end(), extra_certs.begin(), extra_certs.end());
    r.chain = chain.validate(*res.signer, extra, crls).facet;
    if (timestamps) timestamps->check(res, r);
}

}  // namespace kansli::verify
