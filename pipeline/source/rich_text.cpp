// Inline runs and blocks (model/text.hpp) from the XML tree.
#include "source/builder_impl.hpp"

#include <charconv>

namespace kansli::source::detail {

namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_block_name(std::string_view name) {
    return name == "stycke" || name == "underrubrik" || name == "lista" || name == "tabell" || name == "bild";
}

bool has_visible_text(const xmlNode* first, const xmlNode* stop) {
    for (const xmlNode* c = first; c != stop; c = c->next) {
        if (c->type == XML_ELEMENT_NODE) return true;
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            for (const xmlChar* p = c->content; p && *p; ++p) {
                if (!is_xml_space(static_cast<char>(*p))) return true;
            }
        }
    }
    return false;
}

model::InlineStyle with(model::InlineStyle s, model::InlineStyle add) {
    return static_cast<model::InlineStyle>(static_cast<std::uint8_t>(s) | static_cast<std::uint8_t>(add));
}

/// Collapses XML whitespace across runs: one space between words, none at either end or
/// around line breaks; empty text runs are dropped and neighbours of equal style merged.
model::Inlines collapse(model::Inlines raw) {
    model::Inlines out;
    bool prev_space = true;  // at the start, leading whitespace is dropped
    auto trim_trailing = [&out]() {
        for (auto it = out.rbegin(); it != out.rend(); ++it) {
            if (it->kind != model::Inline::Kind::Text && it->kind != model::Inline::Kind::Link) return;
            if (!it->text.empty() && it->text.back() == ' ') it->text.pop_back();
            if (!it->text.empty() || it->kind == model::Inline::Kind::Link) return;
        }
    };
    for (auto& r : raw) {
        if (r.kind == model::Inline::Kind::Text || r.kind == model::Inline::Kind::Link) {
            std::string text;
            text.reserve(r.text.size());
            for (char c : r.text) {
                if (is_xml_space(c)) {
                    if (!prev_space) text += ' ';
                    prev_space = true;
                } else {
                    text += c;
                    prev_space = false;
                }
            }
            r.text = std::move(text);
            if (r.kind == model::Inline::Kind::Text && !out.empty() && out.back().kind == model::Inline::Kind::Text &&
                out.back().style == r.style) {
                out.back().text += r.text;
                continue;
            }
            out.push_back(std::move(r));
        } else if (r.kind == model::Inline::Kind::LineBreak) {
            trim_trailing();
            out.push_back(std::move(r));
            prev_space = true;
        } else {
            out.push_back(std::move(r));
            prev_space = false;
        }
    }
    trim_trailing();
    std::erase_if(out, [](const model::Inline& r) { return r.kind == model::Inline::Kind::Text && r.text.empty(); });
    return out;
}

}  // namespace

std::string collapsed_text(const xmlNode* n) {
    std::string raw = text_of(n);
    std::string out;
    bool prev_space = true;
    for (char c : raw) {
        if (is_xml_space(c)) {
            if (!prev_space) out += ' ';
            prev_space = true;
        } else {
            out += c;
            prev_space = false;
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

namespace {

void collect_inlines(Builder& b, const xmlNode* first, const xmlNode* stop, model::InlineStyle style,
                     model::Inlines& out) {
    for (const xmlNode* c = first; c != stop; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            model::Inline r;
            r.kind = model::Inline::Kind::Text;
            r.style = style;
            r.text = c->content ? reinterpret_cast<const char*>(c->content) : "";
            r.loc = b.loc(c);
            out.push_back(std::move(r));
            continue;
        }
        if (c->type != XML_ELEMENT_NODE) continue;
        const auto name = local_name(c);
        if (name == "fet") {
            collect_inlines(b, c->children, nullptr, with(style, model::InlineStyle::Bold), out);
        } else if (name == "kursiv") {
            collect_inlines(b, c->children, nullptr, with(style, model::InlineStyle::Italic), out);
        } else if (name == "radbrytning") {
            model::Inline r;
            r.kind = model::Inline::Kind::LineBreak;
            r.loc = b.loc(c);
            out.push_back(std::move(r));
        } else if (name == "länk") {
            model::Inline r;
            r.kind = model::Inline::Kind::Link;
            r.style = style;
            r.href = attr_or(c, "href");
            r.text = text_of(c);
            if (collapsed_text(c).empty()) r.text = r.href;
            r.loc = b.loc(c);
            out.push_back(std::move(r));
        } else if (name == "fotnot") {
            b.footnotes.push_back(b.inlines(c));
            model::Inline r;
            r.kind = model::Inline::Kind::FootnoteRef;
            r.style = style;
            r.footnote_index = static_cast<int>(b.footnotes.size());
            r.loc = b.loc(c);
            out.push_back(std::move(r));
        } else {
            collect_inlines(b, c->children, nullptr, style, out);  // unknown: keep its text
        }
    }
}

model::Block paragraph_from(Builder& b, const xmlNode* first, const xmlNode* stop, const xmlNode* owner) {
    model::Block blk;
    blk.kind = model::Block::Kind::Paragraph;
    model::Inlines raw;
    collect_inlines(b, first, stop, model::InlineStyle::Regular, raw);
    blk.inlines = collapse(std::move(raw));
    blk.loc = b.loc(first && first->type == XML_ELEMENT_NODE ? first : owner);
    return blk;
}

std::vector<model::TableCell> cells(Builder& b, const xmlNode* row) {
    std::vector<model::TableCell> out;
    for (const xmlNode* c : elements(row)) {
        if (!is_element(c, "cell")) continue;
        out.push_back({b.blocks(c), b.loc(c)});
    }
    return out;
}

}  // namespace

/// A table kansli can lay out without losing a column: at most kMaxTableColumns columns, and
/// kolumnbredder (when given) with one width per column.
void Builder::table_shape(const xmlNode* n, const model::Block& blk) {
    std::size_t ncols = blk.header.size();
    const model::SourceLoc* widest = nullptr;
    for (const auto& r : blk.rows) {
        if (r.cells.size() > ncols) widest = &r.loc;
        ncols = std::max(ncols, r.cells.size());
    }
    if (ncols > kMaxTableColumns) {
        sink.error("table", widest != nullptr ? *widest : loc(n),
                   "the table has " + std::to_string(ncols) + " columns; kansli lays out at most " +
                       std::to_string(kMaxTableColumns) + " (and only as many as leave each 5 mm of text)",
                   "split the table, or turn it so that the long side runs down the page");
    } else if (!blk.column_weights.empty() && blk.column_weights.size() != ncols) {
        error(n, "table",
              "kolumnbredder=\"…\" gives " + std::to_string(blk.column_weights.size()) + " widths for " +
                  std::to_string(ncols) + " columns",
              "give one relative width per column, e.g. kolumnbredder=\"1 2 1\" for three");
    }
}

model::Inlines Builder::inlines(const xmlNode* n) {
    model::Inlines raw;
    if (n) collect_inlines(*this, n->children, nullptr, model::InlineStyle::Regular, raw);
    return collapse(std::move(raw));
}

model::Blocks Builder::blocks(const xmlNode* n) {
    model::Blocks out;
    if (!n) return out;
    const xmlNode* run = nullptr;  // start of pending loose inline content
    auto flush = [&](const xmlNode* stop) {
        if (run && has_visible_text(run, stop)) out.push_back(paragraph_from(*this, run, stop, n));
        run = nullptr;
    };
    for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && is_block_name(local_name(c))) {
            flush(c);
            out.push_back(block(c));
        } else if (!run) {
            run = c;
        }
    }
    flush(nullptr);
    return out;
}

model::Block Builder::block(const xmlNode* n) {
    model::Block blk;
    blk.loc = loc(n);
    const auto name = local_name(n);
    if (name == "stycke" || name == "underrubrik") {
        blk.kind = name == "stycke" ? model::Block::Kind::Paragraph : model::Block::Kind::Subheading;
        blk.inlines = inlines(n);
    } else if (name == "lista") {
        blk.kind = model::Block::Kind::List;
        blk.numbered = attr_or(n, "typ") == "nummer";
        if (auto s = int_attr(n, "start")) blk.list_start = *s;
        for (const xmlNode* c : elements(n)) {
            if (is_element(c, "punkt")) blk.items.push_back({blocks(c), loc(c)});
        }
    } else if (name == "tabell") {
        blk.kind = model::Block::Kind::Table;
        if (auto w = attr(n, "kolumnbredder")) {
            std::string_view s = *w;
            while (!s.empty()) {
                while (!s.empty() && is_xml_space(s.front())) s.remove_prefix(1);
                if (s.empty()) break;
                double v = 0;
                auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
                if (ec != std::errc() || v <= 0) {
                    error(n, "number", "kolumnbredder=\"" + *w + "\" is not a list of positive numbers",
                          "write relative widths separated by spaces, e.g. kolumnbredder=\"50 50\"");
                    blk.column_weights.clear();
                    break;
                }
                blk.column_weights.push_back(v);
                s.remove_prefix(static_cast<std::size_t>(p - s.data()));
            }
        }
        for (const xmlNode* c : elements(n)) {
            if (is_element(c, "huvud")) blk.header = cells(*this, c);
            if (is_element(c, "rad")) blk.rows.push_back({cells(*this, c), loc(c)});
        }
        table_shape(n, blk);
    } else if (name == "bild") {
        blk.kind = model::Block::Kind::Image;
        blk.image_path = attr_or(n, "fil");
        blk.alt = attr_or(n, "alt");
        if (auto w = attr(n, "bredd")) {
            std::string_view s = *w;
            double v = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            std::string_view unit(p, static_cast<std::size_t>(s.data() + s.size() - p));
            if (ec != std::errc() || v <= 0 || unit != "mm") {
                error(n, "number", "bredd=\"" + *w + "\" is not a width in millimetres", "write e.g. bredd=\"60mm\"");
            } else {
                blk.image_width_mm = v;
            }
        }
    }
    return blk;
}

}  // namespace kansli::source::detail
