#include "job/load.hpp"

#include "core/confine.hpp"
#include "core/files.hpp"
#include "rules/check.hpp"
#include "source/build_document.hpp"
#include "source/xml_tree.hpp"

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
                                         const source::ParseLimits& limits, const std::string& root);

}  // namespace

std::optional<model::Document> load_document(const std::string& path, const source::SchemaSet& schemas,
                                             core::DiagSink& sink, const source::ParseLimits& limits,
                                             const std::string& root) {
    const core::Bytes bytes = core::read_file(path, limits.max_bytes);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    return load_text(text, path, schemas, sink, limits, root);
}

std::optional<model::Document> load_document_text(std::string_view text, const std::string& path,
                                                  const source::SchemaSet& schemas, core::DiagSink& sink,
                                                  const std::string& root) {
    return load_text(text, path, schemas, sink, {}, root);
}

namespace {

std::optional<model::Document> load_text(std::string_view text, const std::string& path,
                                         const source::SchemaSet& schemas, core::DiagSink& sink,
                                         const source::ParseLimits& limits, const std::string& root) {
    auto tree = source::parse_xml(text, path, sink, limits);
    if (!tree) return std::nullopt;
    if (!schemas.validate(*tree, sink)) return std::nullopt;
    auto doc = source::build_document(*tree, path, sink);
    if (!doc) return std::nullopt;
    doc->root = root.empty() ? doc->base_dir : root;
    if (!rules::check_document(*doc, sink)) return std::nullopt;
    resolve_files(*doc, sink);
    if (sink.has_errors()) return std::nullopt;
    return doc;
}

}  // namespace

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
