// Document time-stamps (PAdES B-LTA) through sign_pdf's own reserve-and-patch protocol.
#include "sign/existing.hpp"
#include "sign/ltv.hpp"
#include "sign/ltv_parts.hpp"
#include "sign/pdf_signer.hpp"

#include <algorithm>

namespace kansli::sign {
namespace detail {

Target document_timestamp_target(const core::Bytes& pdf, const std::vector<SigField>& fields) {
    if (const auto problems = check_existing_signatures(pdf, fields); !problems.empty()) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
        throw core::Error(core::ExitCode::Invalid, "ltv", {}, "an existing signature does not check out: " + all,
                          "a changed document must not be time-stamped as if it were intact");
    }
    const std::string base = "Dokumenttidsstämpel";
    for (std::size_t n = 1;; ++n) {
        const std::string name = n == 1 ? base : base + " " + std::to_string(n);
        if (std::none_of(fields.begin(), fields.end(), [&](const SigField& f) { return f.name == name; })) {
            return Target{std::nullopt, name};
        }
    }
}

}  // namespace detail

core::Bytes append_document_timestamp(const core::Bytes& pdf,
                                      const std::function<core::Bytes(const core::Bytes&)>& token, core::Instant time,
                                      std::size_t reserve) {
    SignRequest req;
    req.time = time;
    req.document_timestamp = token;
    req.document_timestamp_reserve = reserve;
    return sign_pdf(pdf, req);
}

}  // namespace kansli::sign
