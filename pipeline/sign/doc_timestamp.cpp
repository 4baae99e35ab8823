// Document time-stamps (PAdES B-LTA) through sign_pdf's own reserve-and-patch protocol, and the
// trailer of an update, shared by every revision sign/ appends.
#include "sign/existing.hpp"
#include "sign/ltv.hpp"
#include "sign/ltv_parts.hpp"
#include "sign/pdf_signer.hpp"

#include <algorithm>

namespace kansli::sign {
namespace detail {

TrailerInfo trailer_info(const Document& d) {
    OH trailer = d.qpdf->getTrailer();
    TrailerInfo ti;
    ti.root = trailer.getKey("/Root").unparse();
    if (trailer.hasKey("/Info")) ti.info = trailer.getKey("/Info").unparse();
    if (OH id = trailer.getKey("/ID"); id.isArray() && id.getArrayNItems() >= 1 && id.getArrayItem(0).isString()) {
        ti.first_id = id.getArrayItem(0).getStringValue();
    }
    if (OH size = trailer.getKey("/Size"); size.isInteger() && size.getIntValue() > 0) {
        ti.size = static_cast<std::size_t>(std::min<long long>(size.getIntValue(), 8388607));
    }
    ti.size = std::max(ti.size, static_cast<std::size_t>(d.max_object) + 1);
    ti.prev = d.last_xref;
    ti.xref_stream = d.xref_stream;
    return ti;
}

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
