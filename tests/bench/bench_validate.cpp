// bench_validate [FILE] [N]: validates a source N times in-process and prints milliseconds per
// document, per stage (read, parse, schema, model, rules) and for job::load_document as a whole.
// Default: templates/examples/protokoll-2023-02-24.xml, N = 200.
#include "core/files.hpp"
#include "job/load.hpp"
#include "rules/check.hpp"
#include "source/build_document.hpp"
#include "source/schema_set.hpp"
#include "support/tools.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace kansli;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
}  // namespace

int main(int argc, char** argv) {
    const std::string path = argc > 1 ? argv[1] : test::source("templates/examples/protokoll-2023-02-24.xml");
    const int n = argc > 2 ? std::max(1, std::atoi(argv[2])) : 200;
    auto t = Clock::now();
    const auto schemas = source::SchemaSet::load(test::source("schemas"));
    const double load_schemas = ms_since(t);

    double read = 0, parse = 0, schema = 0, model = 0, rules = 0;
    for (int i = 0; i < n; ++i) {
        core::DiagSink sink;
        t = Clock::now();
        const auto bytes = core::read_file(path);
        read += ms_since(t);
        t = Clock::now();
        auto tree =
            source::parse_xml(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path, sink);
        parse += ms_since(t);
        t = Clock::now();
        const bool valid = tree && schemas.validate(*tree, sink);
        schema += ms_since(t);
        if (!valid) {
            std::fprintf(stderr, "%s is not valid\n", path.c_str());
            return 1;
        }
        t = Clock::now();
        auto doc = source::build_document(*tree, path, sink);
        model += ms_since(t);
        t = Clock::now();
        if (doc) rules::check_document(*doc, sink);
        rules += ms_since(t);
    }
    t = Clock::now();
    for (int i = 0; i < n; ++i) {
        core::DiagSink sink;
        if (!job::load_document(path, schemas, sink)) return 1;
    }
    const double whole = ms_since(t);

    std::printf("bench_validate: %s, %d runs, %zu bytes\n", path.c_str(), n, core::read_file(path).size());
    std::printf("  schemas loaded once: %8.3f ms\n", load_schemas);
    std::printf("  read                 %8.3f ms/doc\n", read / n);
    std::printf("  parse                %8.3f ms/doc\n", parse / n);
    std::printf("  schema               %8.3f ms/doc\n", schema / n);
    std::printf("  model                %8.3f ms/doc\n", model / n);
    std::printf("  rules                %8.3f ms/doc\n", rules / n);
    std::printf("  load_document        %8.3f ms/doc\n", whole / n);
    return 0;
}
