#include "sign/xmp_dates.hpp"

#include "pdf/reader.hpp"
#include "pdf/xmp.hpp"

namespace kansli::sign::detail {

namespace {
constexpr std::uint64_t kMaxXmpBytes = std::uint64_t{1} << 20;
}

bool update_xmp_dates(QPDF& doc, UpdateWriter& writer, core::Instant time) {
    OH md = doc.getRoot().getKey("/Metadata");
    if (md.isNull()) return true;
    if (!md.isStream() || !md.isIndirect()) return false;
    std::string xmp;
    try {
        pdf::Limits limits = pdf::default_limits();
        limits.stream_decoded_bytes = kMaxXmpBytes;
        limits.total_decoded_bytes = kMaxXmpBytes;
        pdf::Usage used;
        xmp = pdf::read_stream(md, limits, used);
    } catch (const std::exception&) {
        return false;
    }
    const std::string when = core::format_iso(time);
    if (!pdf::replace_xmp_property(xmp, "xmp:ModifyDate", when)) return false;
    pdf::replace_xmp_property(xmp, "xmp:MetadataDate", when);
    writer.add(md.getObjectID(), md.getGeneration(), stream_text("/Type /Metadata /Subtype /XML", xmp, false));
    return true;
}

}  // namespace kansli::sign::detail
