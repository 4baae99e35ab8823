// INTERNAL to job/: the justerat protokoll behind `kansli utdrag` — its source, its justering
// signatures (checked) and its § proof (recomputed, equal to the root they signed).
#pragma once

#include "core/files.hpp"
#include "job/proof.hpp"
#include "job/utdrag.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/style.hpp"
#include "model/document.hpp"

#include <memory>

namespace kansli::job::detail {

struct JusteratProtokoll {
    std::string pdf_path;
    model::Document doc;
    const model::Protokoll* protokoll = nullptr;
    std::vector<core::Bytes> signatures;  ///< the CMS of each justering signature, in signing order
    std::unique_ptr<layout::Style> style;
    std::unique_ptr<layout::FontSet> fonts;
    std::unique_ptr<layout::Hyphenator> hyphenator;
    ProtokollProof proof;
};

/// Opens and checks the protokoll of `req` (see make_utdrag for the errors).
JusteratProtokoll open_justerat(const UtdragRequest& req);

}  // namespace kansli::job::detail
