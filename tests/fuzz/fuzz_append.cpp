// libFuzzer target: the build path of an appended PDF (render/append: the hardened open under
// pdf::Limits, a placeholder page in a PoDoFo document, qpdf copying the pages in its place and
// writing the result) on arbitrary bytes. A refusal is core::Error; anything else escaping, a
// crash, a leak, a hang or unbounded memory is a finding.
#include "core/diagnostic.hpp"
#include "render/append.hpp"
#include "render/conformance.hpp"

#include <podofo/podofo.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace {

std::string input_path() {
    static const std::string path = "/tmp/kansli-fuzz-append-" + std::to_string(::getpid()) + ".pdf";
    return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
    const std::string path = input_path();
    if (FILE* f = std::fopen(path.c_str(), "wb")) {
        if (size) std::fwrite(data, 1, size, f);
        std::fclose(f);
    } else {
        return 0;
    }
    try {
        std::vector<kansli::render::Appended> appended;
        appended.push_back(kansli::render::open_appended(path, std::size_t{64} << 20));
        PoDoFo::PdfMemDocument doc;
        doc.CreatePage(PoDoFo::PdfRect(0, 0, 595, 842));
        (void)kansli::render::add_placeholder(doc, appended.back());
        PoDoFo::PdfRefCountedBuffer buffer;
        PoDoFo::PdfOutputDevice device(&buffer);
        doc.Write(&device);
        const auto* begin = reinterpret_cast<const std::uint8_t*>(buffer.GetBuffer());
        const kansli::core::Bytes rendered(begin, begin + device.GetLength());
        const auto merged = kansli::render::rewrite_with_qpdf(rendered, appended, false, {});
        if (merged.size() < rendered.size() / 2) __builtin_trap();  // lost our own page
    } catch (const kansli::core::Error&) {}
    return 0;
}
