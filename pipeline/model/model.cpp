#include "model/document.hpp"

#include <cstdio>

namespace kansli::model {

std::string plain_text(const Inlines& runs) {
    std::string out;
    for (const auto& r : runs) {
        switch (r.kind) {
            case Inline::Kind::LineBreak: out += '\n'; break;
            case Inline::Kind::FootnoteRef: out += std::to_string(r.footnote_index); break;
            default: out += r.text; break;
        }
    }
    return out;
}

const char* role_name(SignerRole r) { return r == SignerRole::Unknown ? "okänd" : core::role_name(r); }

std::string format_range(const ParagraphRange& r) {
    if (r.first == r.last) return "§" + std::to_string(r.first);
    return "§§" + std::to_string(r.first) + "-" + std::to_string(r.last);
}

std::string format_ranges(const ParagraphRanges& rs) {
    if (rs.size() == 1) return format_range(rs.front());
    std::string out = "§§";
    for (std::size_t i = 0; i < rs.size(); ++i) {
        if (i) out += ", ";
        out += std::to_string(rs[i].first);
        if (rs[i].last != rs[i].first) out += "-" + std::to_string(rs[i].last);
    }
    return out;
}

std::string format_hhmm(int minutes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (minutes / 60) % 100, minutes % 60);
    return buf;
}

}  // namespace kansli::model

namespace kansli::model {

namespace {

using FileFn = std::function<void(FileKind, std::string&, const SourceLoc&)>;

void files_in(Blocks& blocks, const FileFn& fn) {
    for (auto& b : blocks) {
        if (b.kind == Block::Kind::Image && !b.image_path.empty()) fn(FileKind::Image, b.image_path, b.loc);
        for (auto& item : b.items) files_in(item.blocks, fn);
        for (auto& c : b.header) files_in(c.blocks, fn);
        for (auto& r : b.rows)
            for (auto& c : r.cells) files_in(c.blocks, fn);
    }
}

void files_in(std::vector<Section>& sections, const FileFn& fn) {
    for (auto& s : sections) {
        files_in(s.blocks, fn);
        files_in(s.subsections, fn);
    }
}

void files_in(std::vector<Attachment>& attachments, const FileFn& fn) {
    for (auto& a : attachments)
        if (!a.file.empty()) fn(FileKind::Attachment, a.file, a.loc);
}

}  // namespace

void for_each_file(Document& doc, const FileFn& fn) {
    if (auto* p = std::get_if<Protokoll>(&doc.body)) {
        for (auto& para : p->paragraphs) {
            files_in(para.summary, fn);
            files_in(para.proposal, fn);
            for (auto& m : para.motions) files_in(m.text, fn);
            files_in(para.proposition, fn);
            if (para.vote) files_in(para.vote->result, fn);
            files_in(para.decision, fn);
            for (auto& r : para.reservations) files_in(r.text, fn);
            files_in(para.attachments, fn);
        }
    } else if (auto* k = std::get_if<Kallelse>(&doc.body)) {
        files_in(k->introduction, fn);
        for (auto& e : k->agenda) {
            if (auto* item = std::get_if<AgendaItem>(&e.entry)) {
                files_in(item->description, fn);
                files_in(item->proposal, fn);
                files_in(item->attachments, fn);
            }
        }
    } else if (auto* a = std::get_if<Avtal>(&doc.body)) {
        files_in(a->history, fn);
        files_in(a->validity, fn);
        files_in(a->sections, fn);
    }
}

void for_each_file(const Document& doc, const std::function<void(FileKind, const std::string&, const SourceLoc&)>& fn) {
    // The walk does not change the document; only a caller's fn could, and this one cannot.
    for_each_file(const_cast<Document&>(doc),  // NOLINT(cppcoreguidelines-pro-type-const-cast)
                  [&](FileKind k, std::string& path, const SourceLoc& loc) { fn(k, path, loc); });
}

}  // namespace kansli::model
