// Helpers of the render tests: render a page set to a file, and read it back with outside tools.
#pragma once

#include "core/files.hpp"
#include "render/render.hpp"
#include "render/sample.hpp"
#include "support/tools.hpp"

#include <regex>
#include <string>
#include <vector>

namespace kansli::test {

/// A rendered page set saved to a fresh temporary folder.
struct Rendered {
    std::string dir;
    std::string path;
    core::Bytes bytes;
};

inline Rendered render_sample(const layout::PageSet& ps, const std::string& tag) {
    Rendered r;
    r.dir = temp_dir("render-" + tag);
    r.bytes = render::render_pdf(ps);
    r.path = save(r.dir, "out.pdf", r.bytes);
    return r;
}

/// pdftotext of one page (1-based), UTF-8.
inline std::string page_text(const std::string& pdf, int page) {
    auto p = std::to_string(page);
    return run({"pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, pdf, "-"}).out;
}

// The dictionary (one object of a QDF dump) containing `needle`, for every such object.
inline std::vector<std::string> objects_with(const std::string& qdf, const std::string& needle) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = qdf.find(needle, pos)) != std::string::npos) {
        auto begin = qdf.rfind(" obj\n", pos);
        auto end = qdf.find("endobj", pos);
        out.push_back(qdf.substr(begin, end - begin));
        pos = end;
    }
    return out;
}

/// Page count as pdfinfo reports it; -1 when pdfinfo fails.
inline int page_count(const std::string& pdf) {
    std::smatch m;
    auto info = run({"pdfinfo", pdf}).out;
    if (!std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
    return std::stoi(m[1]);
}

}  // namespace kansli::test
