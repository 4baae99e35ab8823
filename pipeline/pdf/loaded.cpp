#include "pdf/loaded.hpp"

#include "pdf/page_tree.hpp"

#include <exception>

namespace kansli::pdf {

std::optional<SharedOpened> adopt(const Loaded* loaded, std::span<const std::uint8_t> file, const Limits& limits,
                                  const OpenOptions& options) {
    if (loaded == nullptr || !loaded->qpdf) return std::nullopt;
    if (loaded->bytes.data() != file.data() || loaded->bytes.size() != file.size()) return std::nullopt;
    if (!(loaded->options == options)) return std::nullopt;
    // file_bytes is read by check_bytes alone (TooLarge): equal outcomes when both allow the file.
    if (file.size() > limits.file_bytes || file.size() > loaded->limits.file_bytes) return std::nullopt;
    Limits same = loaded->limits;
    same.file_bytes = limits.file_bytes;
    if (!(same == limits)) return std::nullopt;
    try {
        return SharedOpened{loaded->qpdf, walk_page_tree(*loaded->qpdf, limits, options.require_pages)};
    } catch (const std::exception&) {
        return std::nullopt;  // cannot be after check_loaded passed; if it were, the caller's own open says why
    }
}

}  // namespace kansli::pdf
