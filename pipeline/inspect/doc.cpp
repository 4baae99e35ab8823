#include "inspect/doc.hpp"

#include "core/byte_memo.hpp"
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

namespace {

/// Decoded streams by what decoding them depends on (Doc::read_recurring), per thread.
core::ByteMemo& recurring_memo() {
    thread_local core::ByteMemo memo(Doc::kRecurringMaxEntry, Doc::kRecurringMaxBytes);
    return memo;
}

}  // namespace

std::string Doc::read_recurring(OH stream) const {
    if (!stream.isStream()) return read(stream);
    // What qpdf's decoding reads: the filters and their parameters (resolved: their object
    // numbers mean nothing in another file) and the raw bytes. Lengths are explicit, so no two
    // different triples give the same key.
    std::string key;
    try {
        OH dict = stream.getDict();
        const std::string filters = dict.getKey("/Filter").unparseResolved();
        const std::string parms = dict.getKey("/DecodeParms").unparseResolved();
        const auto raw = stream.getRawStreamData();
        key = std::to_string(filters.size()) + ":" + filters + std::to_string(parms.size()) + ":" + parms;
        key.append(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
    } catch (const std::exception&) {
        return read(stream);  // not a key qpdf can give (a stream among the parameters): as read() says
    }
    core::ByteMemo& memo = recurring_memo();
    if (const std::string* known = memo.find(key)) {
        pdf::charge_decoded(known->size(), m_limits, m_used);
        return *known;
    }
    std::string data = read(stream);
    memo.add(std::move(key), data);
    return data;
}

}  // namespace kansli::inspect
