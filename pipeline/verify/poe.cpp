#include "verify/poe.hpp"

#include "cms/pubkey.hpp"

#include <botan/certstor.h>
#include <botan/x509path.h>

#include <chrono>
#include <memory>

namespace kansli::verify {
namespace {

using Cert = std::shared_ptr<const Botan::X509_Certificate>;
using Code = Botan::Certificate_Status_Code;

std::chrono::system_clock::time_point tp(core::Instant t) {
    return std::chrono::system_clock::time_point(std::chrono::seconds(t.seconds));
}

core::Instant instant(const Botan::X509_Time& t) {
    return core::Instant{static_cast<std::int64_t>(t.time_since_epoch())};
}

std::string cn(const Botan::X509_Certificate& c) {
    const auto v = c.subject_info("X520.CommonName");
    return v.empty() ? c.subject_dn().to_string() : v.front();
}

// The path of `signer` to an anchor of `trust` through `extra`; empty when none.
std::vector<Cert> path_of(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                          const std::vector<Botan::X509_Certificate>& trust) {
    Botan::Certificate_Store_In_Memory store;
    for (const auto& t : trust) store.add_certificate(t);
    std::vector<Cert> candidates;
    for (const auto& e : extra) candidates.push_back(std::make_shared<const Botan::X509_Certificate>(e));
    std::vector<Cert> path;
    const auto code = Botan::PKIX::build_certificate_path(
        path, {&store}, std::make_shared<const Botan::X509_Certificate>(signer), candidates);
    if (code != Code::OK) path.clear();
    return path;
}

// Does `crl` belong to the certificate `cert` issued by `issuer` (name and signature)?
bool crl_of(const Botan::X509_CRL& crl, const Botan::X509_Certificate& cert, const Botan::X509_Certificate& issuer) {
    if (crl.issuer_dn() != cert.issuer_dn()) return false;
    try {
        const auto key = cms::KeyCache::process().key_of(issuer);  // parsed once per process
        return key->valid() && crl.check_signature(*key->key());
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace

Facet validate_at_poe(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                      const std::vector<Botan::X509_CRL>& crls, const std::vector<Botan::X509_Certificate>& trust,
                      core::Instant poe) {
    try {
        const std::vector<Cert> path = path_of(signer, extra, trust);
        if (path.empty()) return {FacetStatus::Indeterminate, "no path to a trust anchor"};
        auto status =
            Botan::PKIX::check_chain(path, tp(poe), "", Botan::Usage_Type::UNSPECIFIED, cms::kMinKeyStrength, {});
        // Per certificate the freshest CRL of its issuer; revocation is judged when that CRL was
        // issued (at the POE at the earliest), its dates against the POE below.
        std::vector<std::shared_ptr<const Botan::X509_CRL>> chosen(path.size());
        core::Instant crl_time = poe;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            for (const auto& c : crls) {
                if (!crl_of(c, *path[i], *path[i + 1])) continue;
                if (!chosen[i] || instant(c.this_update()) > instant(chosen[i]->this_update())) {
                    chosen[i] = std::make_shared<const Botan::X509_CRL>(c);
                }
            }
            if (chosen[i]) crl_time = std::max(crl_time, instant(chosen[i]->this_update()));
        }
        auto crl_status = Botan::PKIX::check_crl(path, chosen, tp(crl_time));
        std::string after;
        for (std::size_t i = 0; i < crl_status.size() && i < path.size(); ++i) {
            if (!crl_status[i].count(Code::CERT_IS_REVOKED) || !chosen[i]) continue;
            for (const auto& entry : chosen[i]->get_revoked()) {
                if (entry.serial_number() != path[i]->serial_number()) continue;
                const core::Instant when = instant(entry.expire_time());
                if (when > poe) {  // revoked after the proof of existence: it does not count
                    crl_status[i].erase(Code::CERT_IS_REVOKED);
                    if (crl_status[i].empty()) crl_status[i].insert(Code::VALID_CRL_CHECKED);
                    after += "; '" + cn(*path[i]) + "' was revoked at " + core::format_iso(when) +
                             ", after the proof of existence";
                } else {
                    return {FacetStatus::Failed, "the certificate '" + cn(*path[i]) + "' was revoked at " +
                                                     core::format_iso(when) + ", before the proof of existence at " +
                                                     core::format_iso(poe)};
                }
            }
        }
        Botan::PKIX::merge_revocation_status(status, crl_status, {}, true, false);
        const Code code = Botan::PKIX::overall_status(status);
        const std::string at = core::format_iso(poe);
        if (code < Code::FIRST_ERROR_STATUS) {
            return {FacetStatus::Ok, "chain valid and not revoked at the proof of existence " + at + after};
        }
        const std::string what = std::string("at the proof of existence ") + at + ": " + Botan::to_string(code);
        const bool failed = code == Code::CERT_IS_REVOKED || code == Code::SIGNATURE_ERROR ||
                            code == Code::CERT_HAS_EXPIRED || code == Code::CERT_NOT_YET_VALID ||
                            code == Code::INVALID_USAGE || code == Code::CHAIN_NAME_MISMATCH;
        return {failed ? FacetStatus::Failed : FacetStatus::Indeterminate, what};
    } catch (const std::exception& e) {
        return {FacetStatus::Indeterminate, std::string("path validation error: ") + e.what()};
    }
}

bool has_validation_data(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& certs,
                         const std::vector<Botan::X509_CRL>& crls, const std::vector<Botan::X509_Certificate>& trust) {
    try {
        const std::vector<Cert> path = path_of(signer, certs, trust);
        if (path.empty()) return false;
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            bool found = false;
            for (const auto& c : crls) found = found || crl_of(c, *path[i], *path[i + 1]);
            if (!found) return false;
        }
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

}  // namespace kansli::verify
