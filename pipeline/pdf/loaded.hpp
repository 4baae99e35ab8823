// A PDF the hardened reader has loaded once, handed from one reader of a file to a second reader
// of the same file (verify → the archive's preflight, `kansli inspect`), and the test of whether it
// is what the second reader would open itself. libqpdf resolves objects lazily and keeps them:
// the second reader then neither parses the file again nor decodes its object streams again.
#pragma once

#include "pdf/limits.hpp"
#include "pdf/reader.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace kansli::pdf {

/// What one reader loaded, exactly as open(bytes, limits, options) loads it: check_bytes(bytes,
/// limits) passed, qpdf read `bytes` (warnings suppressed, recovery as `options` says) and its
/// catalog, and check_loaded(limits, options) passed on it, from a fresh Usage. `bytes` are not
/// owned: the holder keeps them alive and unchanged while this exists. Every user of `qpdf`
/// reads only (no object is replaced, added or repaired).
struct Loaded {
    std::span<const std::uint8_t> bytes;
    Limits limits;
    OpenOptions options;
    std::shared_ptr<QPDF> qpdf;
};

/// A QPDF shared by its readers, with the leaves of its page tree in order.
struct SharedOpened {
    std::shared_ptr<QPDF> qpdf;
    std::vector<QPDFObjectHandle> pages;
};

/// `loaded` when open(file, limits, options) would give the same document, with the pages its page
/// tree walk gives (check_loaded's last step, run again on the same objects under `limits`):
///  - the same bytes: the very buffer, whole (a revision that ends before the file does is
///    another document; the caller guarantees the buffer unchanged since it was loaded);
///  - the same options (recovery, the page requirement);
///  - the same limits, but for file_bytes, which only decides whether a file is too large: both
///    must allow this file.
/// nullopt when `loaded` is null or any of that is not so: the caller opens the file itself.
std::optional<SharedOpened> adopt(const Loaded* loaded, std::span<const std::uint8_t> file, const Limits& limits,
                                  const OpenOptions& options);

}  // namespace kansli::pdf
