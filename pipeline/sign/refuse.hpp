// INTERNAL to sign/: how the stage refuses its input (one definition for its files, which a unity
// build compiles together).
#pragma once

#include "core/diagnostic.hpp"

#include <string>
#include <utility>

namespace kansli::sign {

/// Refuses the input: exit code 1, diagnostic kind `kind` ("sign"; "ltv" for `kansli ltv`).
[[noreturn]] inline void refuse(const std::string& message, std::string hint = {}, const char* kind = "sign") {
    throw core::Error(core::ExitCode::Invalid, kind, {}, message, std::move(hint));
}

}  // namespace kansli::sign
