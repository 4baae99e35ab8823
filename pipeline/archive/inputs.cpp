#include "archive/inputs.hpp"

#include "core/diagnostic.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace kansli::archive {

namespace fs = std::filesystem;

std::vector<std::string> find_inputs(const std::vector<std::string>& inputs, const std::string& skip) {
    std::vector<std::string> out;
    std::error_code ec;
    const fs::path skip_path = skip.empty() ? fs::path() : fs::weakly_canonical(skip, ec);
    for (const auto& in : inputs) {
        const auto st = fs::status(in, ec);
        if (ec || !fs::exists(st)) core::throw_io(in, "no such file or folder");
        if (!fs::is_directory(st)) {
            out.push_back(in);
            continue;
        }
        auto it = fs::recursive_directory_iterator(in, fs::directory_options::none, ec);
        for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            const std::string name = it->path().filename().string();
            const bool hidden = !name.empty() && name[0] == '.';
            if (it->is_directory(ec)) {
                if (hidden || (!skip_path.empty() && fs::weakly_canonical(it->path(), ec) == skip_path)) {
                    it.disable_recursion_pending();
                }
                continue;
            }
            if (!hidden && it->is_regular_file(ec) && it->path().extension() == ".pdf") {
                out.push_back(it->path().string());
            }
        }
        if (ec) core::throw_io(in, "cannot read the folder: " + ec.message());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::pair<unsigned, unsigned> parse_shard(const std::string& s) {
    const auto slash = s.find('/');
    unsigned k = 0, n = 0;
    const bool ok = slash != std::string::npos &&
                    std::from_chars(s.data(), s.data() + slash, k).ptr == s.data() + slash &&
                    std::from_chars(s.data() + slash + 1, s.data() + s.size(), n).ptr == s.data() + s.size() &&
                    k >= 1 && k <= n && n <= 65536;
    if (!ok) core::throw_io("--shard", "'" + s + "' is not K/N with 1 <= K <= N", "e.g. --shard 2/4");
    return {k, n};
}

}  // namespace kansli::archive
