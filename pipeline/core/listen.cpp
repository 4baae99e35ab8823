#include "core/listen.hpp"

#include "core/diagnostic.hpp"

#include <charconv>

namespace kansli::core {

ListenAddress parse_listen(const std::string& s, const std::string& who, const std::string& example) {
    const auto usage = [&](const std::string& message, std::string hint) {
        throw Error(ExitCode::Usage, who, {}, message, std::move(hint));
    };
    const auto colon = s.rfind(':');
    if (colon == std::string::npos || colon == 0) usage("--listen '" + s + "' is not HOST:PORT", "e.g. " + example);
    ListenAddress out;
    out.host = s.substr(0, colon);
    if (out.host.size() > 2 && out.host.front() == '[' && out.host.back() == ']') {
        out.host = out.host.substr(1, out.host.size() - 2);
    }
    out.port = -1;
    const char* first = s.data() + colon + 1;
    const char* last = s.data() + s.size();
    if (std::from_chars(first, last, out.port).ptr != last || out.port < 0 || out.port > 65535) {
        usage("--listen '" + s + "': the port must be 0..65535", {});
    }
    return out;
}

bool is_loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0; }

}  // namespace kansli::core
