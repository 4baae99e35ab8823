#include "job/load.hpp"

#include "core/confine.hpp"
#include "core/files.hpp"
#include "rules/check.hpp"
#include "source/build_document.hpp"
#include "source/xml_tree.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

namespace kansli::job {

namespace {

/// Replaces every fil="…" by the absolute, link-free path of the file beneath the root that the
/// rules checked (a file that changed since is reported, located, as the rules would).
void resolve_files(model::Document& doc, core::DiagSink& sink) {
    model::for_each_file(doc, [&](model::FileKind kind, std::string& path, const core::SourceLoc& loc) {
        const core::ConfinedFile f = core::open_beneath(doc.root, doc.base_dir, path);
        if (f.ok()) {
            path = f.resolved;
            return;
        }
        const bool image = kind == model::FileKind::Image;
        sink.error(
            image ? "image" : "attachment", loc,
            std::string(image ? "the image file " : "the beslutsunderlag file ") + path + " " + core::describe(f),
            "it changed while kansli was reading the document");
    });
}

std::optional<model::Document> load_text(std::string_view text, const std::string& path,
                                         const source::SchemaSet& schemas, core::DiagSink& sink,
                                         const source::ParseLimits& limits, const std::string& root,
                                         std::vector<std::string>& stack);

std::optional<model::Document> load_checked(const std::string& path, const source::SchemaSet& schemas,
                                            core::DiagSink& sink, const source::ParseLimits& limits,
                                            const std::string& root, std::vector<std::string>& stack) {
    const core::Bytes bytes = core::read_file(path, limits.max_bytes);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return load_text(text, path, schemas, sink, limits, root, stack);
}

/// Each beslutsunderlag that is a kansli source (fil="….xml") is loaded the same way, its own
/// findings reported in its own file; a cycle or more than kMaxSourceDepth levels is an error.
void check_sources(const model::Document& doc, const source::SchemaSet& schemas, core::DiagSink& sink,
                   const source::ParseLimits& limits, std::vector<std::string>& stack) {
    model::for_each_file(doc, [&](model::FileKind kind, const std::string& path, const core::SourceLoc& loc) {
        if (kind != model::FileKind::Attachment || !model::is_source_attachment(path)) return;
        if (std::find(stack.begin(), stack.end(), path) != stack.end()) {
            sink.error("attachment", loc, "the beslutsunderlag source " + path + " appends itself (a cycle)",
                       "a source cannot append, directly or through others, a document that appends it");
            return;
        }
        if (stack.size() > kMaxSourceDepth) {
            sink.error("attachment", loc,
                       "the beslutsunderlag source " + path + " is nested more than " +
                           std::to_string(kMaxSourceDepth) + " levels deep",
                       "attach the built PDF of a deeper document instead of its source");
            return;
        }
        core::DiagSink nested;
        std::optional<model::Document> sub;
        stack.push_back(path);
        try {
            sub = load_checked(path, schemas, nested, limits, doc.root, stack);
        } catch (const core::Error& e) {
            for (const auto& d : e.diagnostics()) nested.add(d);
        }
        stack.pop_back();
        for (const auto& d : nested.diagnostics()) sink.add(d);
        if (!sub) {
            sink.error("attachment", loc, "the beslutsunderlag source " + path + " is not valid (see its errors)",
                       "fix that document, or attach its PDF instead");
        }
    });
}

std::optional<model::Document> load_text(std::string_view text, const std::string& path,
                                         const source::SchemaSet& schemas, core::DiagSink& sink,
                                         const source::ParseLimits& limits, const std::string& root,
                                         std::vector<std::string>& stack) {
    auto tree = source::parse_xml(text, path, sink, limits);
    if (!tree) return std::nullopt;
    if (!schemas.validate(*tree, sink)) return std::nullopt;
    auto doc = source::build_document(*tree, path, sink);
    if (!doc) return std::nullopt;
    doc->root = root.empty() ? doc->base_dir : root;
    if (!rules::check_document(*doc, sink)) return std::nullopt;
    resolve_files(*doc, sink);
    if (sink.has_errors()) return std::nullopt;
    check_sources(*doc, schemas, sink, limits, stack);
    if (sink.has_errors()) return std::nullopt;
    return doc;
}

}  // namespace

std::optional<model::Document> load_document(const std::string& path, const source::SchemaSet& schemas,
                                             core::DiagSink& sink, const source::ParseLimits& limits,
                                             const std::string& root) {
    std::error_code ec;
    std::vector<std::string> stack{std::filesystem::weakly_canonical(path, ec).string()};
    return load_checked(path, schemas, sink, limits, root, stack);
}

std::optional<model::Document> load_document_text(std::string_view text, const std::string& path,
                                                  const source::SchemaSet& schemas, core::DiagSink& sink,
                                                  const std::string& root) {
    std::error_code ec;
    std::vector<std::string> stack{std::filesystem::weakly_canonical(path, ec).string()};
    return load_text(text, path, schemas, sink, {}, root, stack);
}

std::optional<model::Document> load_document(const std::string& path, const std::string& schemas_dir,
                                             core::DiagSink& sink, const std::string& root) {
    const auto schemas = source::SchemaSet::load(schemas_dir);
    return load_document(path, schemas, sink, {}, root);
}

std::string describe(const model::Document& doc) {
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        return "protokoll, " + std::to_string(p->paragraphs.size()) + " §§";
    }
    if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        std::size_t items = 0;
        for (const auto& e : k->agenda) items += std::holds_alternative<model::AgendaItem>(e.entry) ? 1 : 0;
        return "kallelse, " + std::to_string(items) + " ärenden";
    }
    const auto& a = std::get<model::Avtal>(doc.body);
    return (a.kind_label == "Överenskommelse" ? "överenskommelse, " : "avtal, ") + std::to_string(a.sections.size()) +
           " avsnitt";
}

}  // namespace kansli::job
