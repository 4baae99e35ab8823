// INTERNAL to inspect/: walking what a PDF draws, bounded and without recursion: the resources of
// the pages (inherited ones too), of the form XObjects they use and of annotation appearances.
#pragma once

#include "inspect/doc.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kansli::inspect::detail {

/// A font as drawn: its resource name, where (e.g. "page 3"), the font dictionary.
struct UsedFont {
    std::string resource;
    std::string where;
    mutable OH font;  // qpdf 11 reads through non-const handles
};

/// A content stream that draws: a page's contents, a form XObject, an annotation appearance.
struct Drawn {
    std::string where;
    mutable OH stream;
    mutable OH resources;  ///< its resource dictionary (null when none)
};

/// Every content stream and the resources it draws with, each stream once (at most 100,000
/// streams, form XObjects nested at most 16 deep). Walked on the first call, kept in the Doc.
const std::vector<Drawn>& drawn_streams(const Doc& doc);

/// Every font of those resources, each font object once (by object number; direct fonts each
/// time). Collected on the first call, kept in the Doc.
const std::vector<UsedFont>& used_fonts(const Doc& doc);

/// Calls `fn` for every annotation of every page (1-based page number), at most 1,000,000.
void for_each_annotation(const Doc& doc, const std::function<void(int page, OH annot)>& fn);

/// "object 12 0" for an indirect object, "a direct object" otherwise.
std::string object_name(OH o);

/// A name or string value as text ("" when neither).
std::string text_of(OH o);

}  // namespace kansli::inspect::detail
