// libFuzzer target: verify_pdf on arbitrary bytes must never crash, hang or leak.
#include "verify/verify.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    kansli::verify::VerifyOptions opt;
    opt.at = kansli::core::Instant{1893456000};  // 2030-01-01
    opt.compare_budget = 200000;
    (void)kansli::verify::verify_pdf(std::span<const std::uint8_t>(data, size), "fuzz", opt);
    return 0;
}
