#include "job/anslag.hpp"

#include "core/anslag_fields.hpp"
#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "job/refuse.hpp"
#include "job/sign.hpp"
#include "layout/fonts.hpp"
#include "rules/calendar.hpp"
#include "sign/form_fill.hpp"

#include <algorithm>
#include <ostream>

namespace kansli::job {
namespace {

std::string list(const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "\"" : ", \"") + n + "\"";
    return s;
}

bool contains(const std::vector<std::string>& v, const char* name) {
    return std::find(v.begin(), v.end(), name) != v.end();
}

/// The justering date of cfg.input; refuses what is not justerat or has no open ANSLAG fields.
core::Date justering_of(const std::string& file, const core::Bytes& pdf) {
    const sign::JusteringState st = sign::read_justering(pdf);
    if (!st.problems.empty()) {
        refuse("anslag", file, "an existing signature does not check out: " + st.problems.front(),
               "a changed protokoll must not be announced; run kansli verify");
    }
    if (st.order.empty()) {
        refuse("anslag", file, "the PDF has no signing order: it is not a protokoll built by kansli",
               "build the protokoll with kansli build and have it justerat with kansli sign");
    }
    if (!st.unsigned_fields.empty()) {
        refuse("anslag", file, "the protokoll is not justerat: " + list(st.unsigned_fields) + " not signed yet",
               "the ANSLAG dates are filled after the last justering signature");
    }
    for (const char* name : {core::kAnslagPostedField, core::kAnslagRemovedField}) {
        if (contains(st.filled_text_fields, name)) refuse("anslag", file, "the ANSLAG dates are filled already");
        if (!contains(st.empty_text_fields, name)) {
            refuse("anslag", file, std::string("the PDF has no ANSLAG field \"") + name + "\"",
                   "kansli build makes the fields when the source's <anslag> gives no uppsatt/nedtas dates");
        }
    }
    if (!st.last_date) refuse("anslag", file, "the date of the last justering signature cannot be read (its /M)");
    return *st.last_date;
}

}  // namespace

AnslagOutcome anslag_dates_for(const core::Date& justering, const core::Date& posted) {
    const rules::AnslagDates d = rules::anslag_dates(justering, posted);
    if (posted < justering) {
        throw core::Error(core::ExitCode::Invalid, "anslag", {},
                          "the notice cannot go up on " + core::format_date(posted) + ", before the justering on " +
                              core::format_date(justering),
                          "uppsättande is the day the justering is announced: on or after it");
    }
    if (d.latest_posting < posted) {
        throw core::Error(core::ExitCode::Invalid, "anslag", {},
                          "the notice must go up by " + core::format_date(d.latest_posting) +
                              ", the second day after the justering on " + core::format_date(justering) + ", not on " +
                              core::format_date(posted),
                          "Kommunallagen 8 kap. 12 § (a deadline on a holiday moves to the next working day)");
    }
    return AnslagOutcome{justering, posted, d.appeal_ends, d.earliest_removal, {}};
}

AnslagOutcome run_anslag(const AnslagConfig& cfg) {
    if (!core::is_valid_date(cfg.posted)) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, "--uppsatt is not a real date", "give YYYY-MM-DD");
    }
    core::InputFiles inputs;
    inputs.add(cfg.input, "the protokoll");
    inputs.add(cfg.key_path, "the private key");
    inputs.add(cfg.cert_path, "the certificate");
    inputs.add(cfg.passphrase_file, "the passphrase file");
    inputs.add(cfg.font_path, "the appearance font");
    if (cfg.output.empty()) throw core::Error(core::ExitCode::Usage, "usage", {}, "no output file given");
    inputs.check_output(cfg.output);
    const core::Bytes pdf = core::read_file(cfg.input);
    AnslagOutcome out;
    try {
        out = anslag_dates_for(justering_of(cfg.input, pdf), cfg.posted);
    } catch (core::Error& e) {
        auto d = e.diagnostics();
        for (auto& x : d)
            if (x.loc.file.empty()) x.loc.file = cfg.input;
        throw core::Error(e.code(), std::move(d));
    }
    const std::vector<sign::TextValue> values{{core::kAnslagPostedField, core::format_date(out.posted)},
                                              {core::kAnslagRemovedField, core::format_date(out.removal)}};
    if (!cfg.key_path.empty()) {
        SignConfig sc;
        sc.input = cfg.input;
        sc.output = cfg.output;
        sc.key_path = cfg.key_path;
        sc.cert_path = cfg.cert_path;
        sc.passphrase = cfg.passphrase;
        sc.passphrase_file = cfg.passphrase_file;
        sc.field = "Registrator";
        sc.new_field = true;
        sc.reason = "Anslag";
        sc.time = cfg.time;
        sc.font_path = cfg.font_path;
        sc.text_values = values;
        out.signer = sign_file(sc).signer;
        return out;
    }
    const std::string font = cfg.font_path.empty() ? layout::find_font("LiberationSans-Regular.ttf") : cfg.font_path;
    const core::Bytes filled = sign::fill_text_fields(pdf, values, cfg.time, font);
    core::write_file_atomic(cfg.output, filled);
    return out;
}

std::string demo_anslag(const std::string& signed_pdf, core::Instant time, std::ostream& out) {
    const core::Bytes pdf = core::read_file(signed_pdf);
    const core::Date justering = justering_of(signed_pdf, pdf);
    AnslagConfig cfg;
    cfg.input = signed_pdf;
    cfg.output = signed_pdf.substr(0, signed_pdf.size() - 4) + ".anslag.pdf";
    cfg.posted = justering;
    cfg.time = time;
    out << "\n   Fill the ANSLAG/BEVIS dates of the justerat protokoll (kansli anslag)\n";
    const AnslagOutcome o = run_anslag(cfg);
    out << "  justerat " << core::format_date(o.justering) << ", anslag uppsatt " << core::format_date(o.posted)
        << ": the appeal period ends " << core::format_date(o.appeal_ends) << ", nedtagande "
        << core::format_date(o.removal) << " → " << cfg.output << "\n";
    return cfg.output;
}

}  // namespace kansli::job
