#include "inspect/doc.hpp"

#include "verify/scan.hpp"

namespace kansli::inspect {

Doc::Doc(std::span<const std::uint8_t> file)
    : bytes(file),
      m_opened(pdf::open(file, pdf::default_limits(), pdf::OpenOptions{false, false})),
      m_limits(pdf::default_limits()) {
    revisions = verify::find_eof_marks(file).size();
    OH md = pdf().getRoot().getKey("/Metadata");
    if (md.isStream()) {
        try {
            xmp = read(md);
        } catch (const std::exception&) {
            xmp.clear();  // the metadata checks say why
        }
    }
    claims = pdf::xmp_claims(xmp);
}

std::string Doc::read(OH stream) const { return pdf::read_stream(stream, m_limits, m_used); }

}  // namespace kansli::inspect
