// libFuzzer target: the XML loader and the rules (parse, XSD validation, model build, rules)
// on arbitrary bytes must never crash, hang or leak, and must report an error for anything it
// does not accept. The file system is out of reach: the document's folder does not exist, so
// every fil="…" is "not found" (the --root checks are tested in tests/job).
#include "rules/check.hpp"
#include "source/build_document.hpp"
#include "source/schema_set.hpp"
#include "source/xml_tree.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {
const kansli::source::SchemaSet& schemas() {
    static const kansli::source::SchemaSet set = [] {
        const char* home = std::getenv("KANSLI_HOME");
        return kansli::source::SchemaSet::load(std::string(home != nullptr && *home != 0 ? home : KANSLI_FUZZ_HOME) +
                                               "/schemas");
    }();
    return set;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kansli;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string path = "/nonexistent-kansli-fuzz/doc.xml";
    core::DiagSink sink;
    auto tree = source::parse_xml(text, path, sink);
    if (!tree) {
        if (!sink.has_errors()) std::abort();  // rejected without saying why
        return 0;
    }
    if (!schemas().validate(*tree, sink)) return 0;
    auto doc = source::build_document(*tree, path, sink);
    if (!doc) return 0;
    (void)rules::check_document(*doc, sink);
    return 0;
}
