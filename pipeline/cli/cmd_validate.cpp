#include "cli/command.hpp"

#include <iostream>

namespace kansli::cli {

// Placeholder until the 'validate' stage lands; exits 2 so nothing mistakes it for success.
int run_validate(int, char**, const Context&) {
    std::cerr << "kansli validate: not available in this build yet\n";
    return 2;
}

}  // namespace kansli::cli
