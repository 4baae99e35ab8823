#include "render/content.hpp"

#include "render/pdf_text.hpp"
#include "render/tagging.hpp"

#include <algorithm>
#include <optional>

namespace kansli::render {

namespace {

using layout::Length;

void append_color(std::string& out, const layout::Color& c, const char* op) {
    for (std::uint8_t v : {c.r, c.g, c.b}) {
        append_milli(out, (static_cast<std::int64_t>(v) * 1000 + 127) / 255);
        out += ' ';
    }
    out += op;
    out += '\n';
}

/// A text string for a content stream: () when empty, else UTF-16BE with a byte order mark in hex.
void append_text_string(std::string& out, const std::u32string& text) {
    if (text.empty()) {
        out += "()";
        return;
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    auto unit = [&out](std::uint32_t u) {
        for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(u >> shift) & 0xf];
    };
    out += "<FEFF";
    for (char32_t c : text) {
        if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) c = 0xfffd;
        if (c >= 0x10000) {
            unit(0xd800 + ((c - 0x10000) >> 10));
            unit(0xdc00 + ((c - 0x10000) & 0x3ff));
        } else {
            unit(c);
        }
    }
    out += '>';
}

class Writer final {
public:
    Writer(FontTable& fonts, ImageTable& images, PageResources& used, Tagging* tags, std::size_t page)
        : m_fonts(fonts),
          m_images(images),
          m_used(used),
          m_tags(tags && tags->active() ? tags : nullptr),
          m_page(page) {}

    void operator()(const layout::TextRun& t) {
        if (t.text.empty()) return;
        const bool split = m_tags && m_join && (m_join->head > 0 || m_join->tail > 0) && m_tags->is_element(t.element);
        if (split && m_marked && !m_marked_in_text) {
            // The halves of a hyphenated word get MCIDs of their own (show), which must begin
            // and end inside the text object: end what was opened outside it first.
            end_text();
            close_marked();
        } else if (!split) {
            mark(t.element);
        }
        if (!m_in_text) {
            m_out += "BT\n";
            m_in_text = true;
            m_font.reset();
            m_size = -1;
        }
        if (m_font != t.font || m_size != t.size) {
            m_out += '/';
            m_out += FontTable::resource_name(t.font);
            m_out += ' ';
            append_pt(m_out, t.size);
            m_out += " Tf\n";
            m_font = t.font;
            m_size = t.size;
            m_used.fonts.insert(t.font);
        }
        set_fill(t.color);
        m_out += "1 0 0 1 ";
        append_pt(m_out, t.x);
        m_out += ' ';
        append_pt(m_out, t.y);
        m_out += " Tm\n";
        // A hyphenated word's halves carry /ActualText (the whole word, then nothing), so that
        // extraction gives the word unbroken; nested in the element's own marked content.
        const RunJoin none;
        const RunJoin& j = m_join ? *m_join : none;
        const std::size_t n = t.text.size();
        const std::size_t head = std::min(j.head, n), tail = std::min(j.tail, n - head);
        if (head > 0) show(t, 0, head, U"");
        if (n - head - tail > 0) show(t, head, n - tail, {});
        if (tail > 0) show(t, n - tail, n, j.word);
        if (j.space_after) {
            // The line (or a heading's number) ends but its element goes on: a real space, drawn
            // past the end of the line, so that the words on either side stay apart.
            mark(t.element);
            m_out += "[(";
            m_fonts.append_glyph(t.font, U' ', m_out);
            m_out += ")] TJ\n";
        }
    }

    /// The current op's joins (text_joins.hpp), or null.
    void set_join(const RunJoin* j) { m_join = j; }

    void operator()(const layout::Rule& r) {
        end_text();
        mark(-1);
        m_out += "q\n";
        append_pt(m_out, r.thickness);
        m_out += " w\n";
        append_color(m_out, r.color, "RG");
        append_pt(m_out, r.x1);
        m_out += ' ';
        append_pt(m_out, r.y1);
        m_out += " m\n";
        append_pt(m_out, r.x2);
        m_out += ' ';
        append_pt(m_out, r.y2);
        m_out += " l\nS\nQ\n";
    }

    void operator()(const layout::Box& b) {
        if (!b.filled && b.stroke <= 0) return;
        end_text();
        mark(-1);
        m_out += "q\n";
        if (b.filled) append_color(m_out, b.fill_color, "rg");
        if (b.stroke > 0) {
            append_pt(m_out, b.stroke);
            m_out += " w\n";
            append_color(m_out, b.stroke_color, "RG");
        }
        append_pt(m_out, b.x);
        m_out += ' ';
        append_pt(m_out, b.y);
        m_out += ' ';
        append_pt(m_out, b.w);
        m_out += ' ';
        append_pt(m_out, b.h);
        m_out += b.filled && b.stroke > 0 ? " re\nB\nQ\n" : b.filled ? " re\nf\nQ\n" : " re\nS\nQ\n";
    }

    void operator()(const layout::Image& im) {
        end_text();
        mark(im.element);
        if (m_tags) m_tags->painted(im.element, im.x, im.y, im.w, im.h);
        std::size_t index = m_images.use(im.path, im.loc);
        m_used.images.insert(index);
        m_out += "q\n";
        append_pt(m_out, im.w);
        m_out += " 0 0 ";
        append_pt(m_out, im.h);
        m_out += ' ';
        append_pt(m_out, im.x);
        m_out += ' ';
        append_pt(m_out, im.y);
        m_out += " cm\n/";
        m_out += ImageTable::resource_name(index);
        m_out += " Do\nQ\n";
    }

    void operator()(const layout::Link&) {}
    void operator()(const layout::SigSlot&) {}

    std::string finish() {
        end_text();
        close_marked();
        return std::move(m_out);
    }

private:
    /// Shows characters [from, to) of `t` as one TJ (with the kerning after each), inside a /Span
    /// with /ActualText `actual` when that is set.
    void show(const layout::TextRun& t, std::size_t from, std::size_t to, std::optional<std::u32string> actual) {
        // Tagged: the half word is its own marked content of the element, with /ActualText in
        // its property list (a /Span nested in the MCID's sequence would end the MCID for
        // poppler's structure text, which ends marked content at any EMC).
        const bool own_mcid = actual && m_tags && m_tags->is_element(t.element);
        if (!own_mcid) mark(t.element);
        if (own_mcid) {
            close_marked();
            open_marked(t.element, &*actual);
        } else if (actual) {
            m_out += "/Span <</ActualText ";
            append_text_string(m_out, *actual);
            m_out += ">> BDC\n";
        }
        m_out += "[(";
        const bool kerned = !t.kern.empty() && t.size > 0;
        for (std::size_t i = from; i < to; ++i) {
            m_fonts.append_glyph(t.font, t.text[i], m_out);
            if (kerned && i < t.kern.size() && t.kern[i] != 0 && i + 1 < t.text.size()) {
                // TJ numbers are thousandths of an em, subtracted from the advance:
                // displacement (1/1000 pt) = -n/1000 * size  ⇒  n = -kern * 1000 / size.
                std::int64_t n_milli = -static_cast<std::int64_t>(t.kern[i]) * 1000 * 1000;
                std::int64_t q = n_milli / t.size, r = n_milli % t.size;
                if (2 * (r < 0 ? -r : r) >= t.size) q += n_milli < 0 ? -1 : 1;
                if (q != 0) {
                    m_out += ") ";
                    append_milli(m_out, q);
                    m_out += " (";
                }
            }
        }
        m_out += ")] TJ\n";
        if (own_mcid) {
            close_marked();  // what follows opens the element's next MCID (mark)
        } else if (actual) {
            m_out += "EMC\n";
        }
    }

    /// Puts what follows into the marked content of `element` (an MCID of its element) or of a
    /// pagination artifact (-1). Sequences nest with BT/ET: one begun in a text object ends in it.
    void mark(int element) {
        if (!m_tags) return;
        const int e = m_tags->is_element(element) ? element : -1;
        if (m_marked && m_element == e) return;
        if (m_marked && !m_marked_in_text && m_in_text) end_text();
        close_marked();
        open_marked(e, nullptr);
    }
    /// Opens the marked content of element `e` (an MCID, with /ActualText when `actual` is set)
    /// or of a pagination artifact (-1).
    void open_marked(int e, const std::u32string* actual) {
        if (e < 0) {
            m_out += "/Artifact <</Type /Pagination>> BDC\n";
        } else {
            m_out += '/';
            m_out += m_tags->type(e);
            m_out += " <</MCID ";
            m_out += std::to_string(m_tags->mark(m_page, e));
            if (actual) {
                m_out += " /ActualText ";
                append_text_string(m_out, *actual);
            }
            m_out += ">> BDC\n";
        }
        m_marked = true;
        m_marked_in_text = m_in_text;
        m_element = e;
    }
    void close_marked() {
        if (!m_marked) return;
        m_out += "EMC\n";
        m_marked = false;
    }
    void end_text() {
        if (!m_in_text) return;
        if (m_marked && m_marked_in_text) close_marked();
        m_out += "ET\n";
        m_in_text = false;
        m_fill.reset();
    }
    void set_fill(const layout::Color& c) {
        if (m_fill && *m_fill == c) return;
        append_color(m_out, c, "rg");
        m_fill = c;
    }

    FontTable& m_fonts;
    ImageTable& m_images;
    PageResources& m_used;
    std::string m_out;
    bool m_in_text = false;
    std::optional<layout::FontId> m_font;
    Length m_size = -1;
    std::optional<layout::Color> m_fill;
    Tagging* m_tags;
    std::size_t m_page;
    bool m_marked = false;          ///< a BDC is open
    bool m_marked_in_text = false;  ///< … and it began inside BT/ET
    int m_element = -1;
    const RunJoin* m_join = nullptr;
};

}  // namespace

std::string page_content(const layout::Page& page, FontTable& fonts, ImageTable& images, PageResources& used,
                         Tagging* tags, std::size_t index, const std::vector<RunJoin>* joins) {
    Writer w(fonts, images, used, tags, index);
    for (std::size_t i = 0; i < page.ops.size(); ++i) {
        w.set_join(joins && i < joins->size() ? &(*joins)[i] : nullptr);
        std::visit(w, page.ops[i]);
    }
    return w.finish();
}

}  // namespace kansli::render
