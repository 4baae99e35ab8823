// The documents: model::Document → PageSet in the house style. One entry point; the kinds
// live in compose_protokoll.cpp, compose_kallelse.cpp and compose_avtal.cpp.
#pragma once

#include "core/diagnostic.hpp"
#include "core/time.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/pageset.hpp"
#include "layout/style.hpp"
#include "model/document.hpp"

namespace kansli::layout {

/// Lays out a whole document: paginates, then draws the page templates with the real page count.
/// `hyphenator` may be null (no hyphenation; it is mutated as a cache otherwise). `created` is
/// the injected build time (metadata only). Warnings (missing glyphs, unreadable images) go to
/// `diags` when given. Deterministic for the same inputs. Throws core::Error only for a document
/// of unknown kind; any text, however hostile, lays out.
PageSet compose(const model::Document& doc, const Style& style, const FontSet& fonts, Hyphenator* hyphenator,
                core::Instant created, core::DiagSink* diags = nullptr);

/// What every composer needs.
struct ComposeContext {
    const Style& style;
    const FontSet& fonts;
    Hyphenator* hyphenator = nullptr;
    core::DiagSink* diags = nullptr;
    std::string base_dir;
};

PageSet compose_protokoll(const model::Protokoll& p, const ComposeContext& cx);
PageSet compose_kallelse(const model::Kallelse& k, const ComposeContext& cx);
PageSet compose_avtal(const model::Avtal& a, const ComposeContext& cx);

/// "Name (Party)" or "Name".
std::string name_with_party(const std::string& name, const std::string& party);
/// Upper-cases ASCII and å, ä, ö, é, ü (for document kind labels).
std::string upper_sv(std::string_view s);

}  // namespace kansli::layout
