// Internal to source/: shared state and helpers of the XML → model builders.
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"
#include "source/build_document.hpp"
#include "source/xml_impl.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kansli::source::detail {

/// What every builder function needs: the tree (for locations), the sink, and the footnotes
/// collected so far (numbered in document order across the whole document).
struct Builder {
    const XmlTreeImpl& tree;
    core::DiagSink& sink;
    std::vector<model::Inlines> footnotes;

    [[nodiscard]] core::SourceLoc loc(const xmlNode* n) const { return tree.loc(n); }
    void error(const xmlNode* n, std::string kind, std::string message, std::string hint = {}) {
        sink.error(std::move(kind), loc(n), std::move(message), std::move(hint));
    }

    // Values of attributes/elements, reported at `n` when malformed.
    std::optional<core::Date> date_attr(const xmlNode* n, const char* name);
    core::Date date_text(const xmlNode* n);
    std::optional<int> time_attr(const xmlNode* n, const char* name);
    std::optional<int> int_attr(const xmlNode* n, const char* name);
    model::ParagraphRanges ranges_attr(const xmlNode* n, const char* name);

    // Rich text (rich_text.cpp).
    model::Inlines inlines(const xmlNode* n);
    /// Columns beyond this are refused ("table"); layout never drops one (layout/blocks.hpp).
    static constexpr std::size_t kMaxTableColumns = 64;
    void table_shape(const xmlNode* n, const model::Block& blk);
    model::Blocks blocks(const xmlNode* n);
    model::Block block(const xmlNode* n);

    // Shared pieces.
    model::Header header(const xmlNode* huvud);
    std::vector<model::Attachment> attachments(const xmlNode* beslutsunderlag);
    model::Person person(const xmlNode* n);
};

/// Text of an element with whitespace collapsed and trimmed (for titles, names, labels).
std::string collapsed_text(const xmlNode* n);

model::Protokoll build_protokoll(Builder& b, const xmlNode* root);
model::Kallelse build_kallelse(Builder& b, const xmlNode* root);
model::Avtal build_avtal(Builder& b, const xmlNode* root);

}  // namespace kansli::source::detail
