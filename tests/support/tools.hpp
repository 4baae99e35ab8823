// Test helpers: run outside tools (pdftotext, qpdf, pdfsig, openssl) and the kansli binary.
#pragma once

#include <string>
#include <vector>

namespace kansli::test {

struct RunResult {
    int exit_code = -1;
    std::string out;  ///< stdout
    std::string err;  ///< stderr
};

/// Runs argv (no shell) with optional environment additions ("K=V"), captures stdout and
/// stderr, and returns the exit code (128+signal when killed).
RunResult run(const std::vector<std::string>& argv, const std::vector<std::string>& env = {});

/// Path of the kansli binary under test.
std::string kansli_path();

/// Runs the kansli binary under test with the given arguments.
RunResult kansli(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

/// The path of the kansli binary under test.
std::string kansli_path();

/// A fresh empty temporary directory, unique per call.
std::string temp_dir(const std::string& tag);

/// Path under tests/data.
std::string data(const std::string& rel);

/// Path under the source tree (repository root).
std::string source(const std::string& rel);

/// A classic one-revision PDF from object bodies 1..n (1 is the catalog) with a correct xref
/// table, followed by `tail` (bytes after %%EOF).
std::string classic_pdf(const std::vector<std::string>& objects, const std::string& tail = "");

}  // namespace kansli::test
