#include "pdf/limits.hpp"

namespace kansli::pdf {

const Limits& default_limits() {
    static const Limits limits;
    return limits;
}

}  // namespace kansli::pdf
