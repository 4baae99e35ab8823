// `kansli demo --batch N`: N varied meetings made from the example protokoll, each built and
// signed in order by the demo keys, in-process: the input of the archive demo and benchmarks.
#pragma once

#include "core/time.hpp"

#include <cstddef>
#include <iosfwd>
#include <string>

namespace kansli::archive {

struct BatchConfig {
    std::string home;     ///< kansli home: templates/examples, keys/demo, schemas
    std::string out_dir;  ///< where NNNN-<organ>-<date>.xml and .pdf (signed) go
    std::size_t count = 0;
    core::Instant time;  ///< the batch's "now": every meeting, build and signature precedes it
};

/// Writes `count` source files and their signed PDFs (same stem) into out_dir. Meeting i is a
/// pure function of (i, time): organ, date (weekdays of February, September to November, up to
/// five years before `time`, not before the demo certificates' 2020), first § number, the §§ kept
/// from the example, attendance and a vote with a random tally. Each is validated, built at
/// 10:00 the day after the meeting and signed by sekreterare, justerare and ordförande an hour
/// apart. Prints one line per 100 documents to `out`. Returns 0; throws core::Error on failure.
int run_batch(const BatchConfig& cfg, std::ostream& out);

/// The source XML of meeting `index` (0-based) for a batch ending at `time`, from `tmpl` (the
/// text of the example protokoll). Exposed for the tests.
std::string batch_source(const std::string& tmpl, std::size_t index, core::Instant time);

}  // namespace kansli::archive
