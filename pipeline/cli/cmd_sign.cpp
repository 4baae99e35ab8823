#include "cli/command.hpp"

#include <iostream>

namespace kansli::cli {

// Placeholder until the 'sign' stage lands; exits 2 so nothing mistakes it for success.
int run_sign(int, char**, const Context&) {
    std::cerr << "kansli sign: not available in this build yet\n";
    return 2;
}

}  // namespace kansli::cli
