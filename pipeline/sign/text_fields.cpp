// Text field values in an incremental update (the ANSLAG/BEVIS dates of `kansli anslag`), and
// the justering state that `kansli anslag` checks first.
#include "sign/text_fields.hpp"

#include "sign/appearance.hpp"
#include "sign/existing.hpp"
#include "sign/fields.hpp"
#include "sign/font_embed.hpp"
#include "sign/form_fill.hpp"
#include "sign/refuse.hpp"
#include "sign/target.hpp"

#include <algorithm>
#include <cstring>

namespace kansli::sign {
namespace detail {
namespace {

bool has_value(const SigField& f) {
    OH v = OH(f.field).getKey("/V");
    return v.isString() && !v.getUTF8Value().empty();
}

// "D:20251204…" → 2025-12-04: the signer's own calendar date (a kansli /M is UTC).
std::optional<core::Date> date_of_pdf_date(OH m) {
    if (!m.isString()) return std::nullopt;
    const std::string s = m.getStringValue();
    if (s.size() < 10 || s.compare(0, 2, "D:") != 0) return std::nullopt;
    return core::parse_date(s.substr(2, 4) + "-" + s.substr(6, 2) + "-" + s.substr(8, 2));
}

constexpr int kMaxNesting = 64;

Document open_checked(const core::Bytes& pdf) {
    if (pdf.size() < 8 || std::memcmp(pdf.data(), "%PDF-", 5) != 0) refuse("the input is not a PDF file");
    if (nesting_depth(pdf, kMaxNesting) > kMaxNesting) {
        refuse("the PDF nests dictionaries or arrays deeper than " + std::to_string(kMaxNesting) + " levels");
    }
    return open_document(pdf);
}

}  // namespace

void set_text_values(QPDF& q, UpdateWriter& writer, OH acroform, const std::vector<TextValue>& values,
                     const std::string& font_path, ChangedObjects& changed) {
    const auto fields = text_fields(q);
    for (const auto& v : values) {
        const auto it =
            std::find_if(fields.begin(), fields.end(), [&](const SigField& f) { return f.name == v.field; });
        if (it == fields.end()) {
            refuse("the PDF has no text field \"" + v.field + "\"",
                   "only a protokoll built by this kansli, with the date left open in the source, has it");
        }
        if (has_value(*it)) refuse("the text field \"" + v.field + "\" is filled already");
        if (!it->field.isIndirect() || !it->widget.isIndirect())
            refuse("the text field \"" + v.field + "\" is not an indirect object");
        OH field = it->field;
        OH widget = it->widget;
        field.replaceKey("/V", OH::newUnicodeString(v.value));
        set_appearance(q, writer, acroform, widget, font_path, {v.value});
        changed.mark(field);
        changed.mark(widget);
    }
}

}  // namespace detail

JusteringState read_justering(const core::Bytes& pdf) {
    JusteringState st;
    try {
        detail::Document d = detail::open_checked(pdf);
        QPDF& q = *d.qpdf;
        const auto sigs = detail::signature_fields(q);
        st.problems = detail::check_existing_signatures(pdf, sigs);
        st.order = detail::signing_order(q);
        for (const auto& name : st.order) {
            const auto it =
                std::find_if(sigs.begin(), sigs.end(), [&](const detail::SigField& f) { return f.name == name; });
            if (it == sigs.end() || !it->is_signed) {
                st.unsigned_fields.push_back(name);
                continue;
            }
            const auto date = detail::date_of_pdf_date(detail::OH(it->field).getKey("/V").getKey("/M"));
            if (date && (!st.last_date || *st.last_date < *date)) st.last_date = date;
        }
        for (const auto& f : detail::text_fields(q))
            (detail::has_value(f) ? st.filled_text_fields : st.empty_text_fields).push_back(f.name);
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {
        refuse(std::string("cannot read the PDF: ") + e.what());
    }
    return st;
}

core::Bytes fill_text_fields(const core::Bytes& pdf, const std::vector<TextValue>& values, core::Instant time,
                             const std::string& font_path) {
    using detail::OH;
    try {
        detail::Document d = detail::open_checked(pdf);
        QPDF& q = *d.qpdf;
        if (const auto problems = detail::check_existing_signatures(pdf, detail::signature_fields(q));
            !problems.empty()) {
            refuse("an existing signature does not check out: " + problems.front(),
                   "a changed document must not be filled in");
        }
        OH root = q.getRoot();
        OH af = root.getKey("/AcroForm");
        if (!af.isDictionary()) refuse("the PDF has no form fields");
        detail::ChangedObjects changed;
        changed.mark(af.isIndirect() ? af : root);
        detail::UpdateWriter writer;
        detail::set_text_values(q, writer, af, values, font_path, changed);
        if (OH info = q.getTrailer().getKey("/Info"); info.isIndirect() && info.isDictionary()) {
            info.replaceKey("/ModDate", OH::newString(core::format_pdf_date(time)));
            changed.mark(info);
        }
        changed.write(writer);
        detail::TrailerInfo ti = detail::trailer_info(d);
        if (ti.xref_stream) ti.xref_stream_number = detail::new_object(q).getObjectID();
        std::map<int, std::size_t> offsets;
        core::Bytes out = writer.finish(pdf, ti, offsets);
        if (out.size() <= pdf.size() || std::memcmp(out.data(), pdf.data(), pdf.size()) != 0)
            refuse("internal error: the update changed bytes of the original file");
        return out;
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {
        refuse(std::string("cannot process the PDF: ") + e.what());
    }
}

}  // namespace kansli::sign
