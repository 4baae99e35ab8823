#include "inspect/doc.hpp"

#include "inspect/walk.hpp"
#include "verify/scan.hpp"

namespace kansli::inspect {

namespace {

pdf::SharedOpened open_or_adopt(std::span<const std::uint8_t> file, const pdf::Loaded* loaded) {
    const pdf::OpenOptions options{false, false};
    if (auto shared = pdf::adopt(loaded, file, pdf::default_limits(), options)) return std::move(*shared);
    pdf::Opened opened = pdf::open(file, pdf::default_limits(), options);
    return {std::move(opened.qpdf), std::move(opened.pages)};
}

}  // namespace

Doc::Doc(std::span<const std::uint8_t> file, const pdf::Loaded* loaded)
    : bytes(file), m_opened(open_or_adopt(file, loaded)), m_limits(pdf::default_limits()) {
    for (const auto& m : verify::find_eof_marks(file)) revision_ends.push_back(m.after_eol);
    revisions = revision_ends.size();
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

Doc::~Doc() = default;

namespace {
constexpr std::size_t kKeepStream = 1u << 20;  ///< streams up to this size are kept after decoding
constexpr std::size_t kKeepTotal = 4u << 20;   ///< and up to this much together (memory per Doc)
}  // namespace

std::string Doc::read(OH stream) const {
    const QPDFObjGen og = stream.getObjGen();
    if (const auto it = m_decoded.find(og); og.isIndirect() && it != m_decoded.end()) {
        pdf::charge_decoded(it->second.size(), m_limits, m_used);
        return it->second;
    }
    std::string data = pdf::read_stream(stream, m_limits, m_used);
    if (og.isIndirect() && data.size() <= kKeepStream && m_decoded_bytes + data.size() <= kKeepTotal) {
        m_decoded_bytes += data.size();
        m_decoded.emplace(og, data);
    }
    return data;
}

}  // namespace kansli::inspect
