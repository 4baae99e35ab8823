#include "cli/command.hpp"

#include <iostream>

namespace kansli::cli {

// Placeholder until the 'demo' stage lands; exits 2 so nothing mistakes it for success.
int run_demo(int, char**, const Context&) {
    std::cerr << "kansli demo: not available in this build yet\n";
    return 2;
}

}  // namespace kansli::cli
