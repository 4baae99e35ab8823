#include "job/inspect.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "inspect/inspect.hpp"

namespace kansli::job {

InspectResult inspect(const std::string& path, bool json) {
    const core::Bytes bytes = core::read_file(path, std::size_t{128} << 20);
    try {
        const inspect::Report r = inspect::inspect(bytes, path);
        return {json ? inspect::to_json(r) : inspect::to_text(r), r.broken()};
    } catch (const pdf::Refused& e) {
        throw core::Error(core::ExitCode::Invalid, "inspect", {path, 0, 0}, std::string("cannot inspect: ") + e.what(),
                          e.hint());
    }
}

}  // namespace kansli::job
