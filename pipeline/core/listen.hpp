// A server's --listen address (kansli tsa serve, kansli portal): one parser for both.
#pragma once

#include <string>

namespace kansli::core {

struct ListenAddress {
    std::string host;  ///< without the brackets of an IPv6 literal
    int port = 0;      ///< 0..65535; 0: a free port
};

/// "host:port" or "[v6]:port". Throws core::Error (exit 2, kind `who`) with `example` as the hint
/// when it is not HOST:PORT or the port is outside 0..65535.
ListenAddress parse_listen(const std::string& s, const std::string& who, const std::string& example);

/// True for localhost, ::1 and 127.0.0.0/8 (written as 127.x...).
bool is_loopback(const std::string& host);

}  // namespace kansli::core
