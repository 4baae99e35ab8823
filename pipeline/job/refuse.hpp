// INTERNAL to job/: how the stage's commands refuse an input file (one definition for its files,
// which a unity build compiles together).
#pragma once

#include "core/diagnostic.hpp"

#include <string>
#include <utility>

namespace kansli::job {

/// Refuses input `file`: exit code 1, diagnostic kind `kind` ("anslag", "ltv", "utdrag").
[[noreturn]] inline void refuse(const char* kind, const std::string& file, const std::string& message,
                                std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, kind, core::SourceLoc{file, 0, 0}, message, std::move(hint));
}

}  // namespace kansli::job
