#include "job/load.hpp"

#include "core/files.hpp"
#include "rules/check.hpp"
#include "source/build_document.hpp"
#include "source/xml_tree.hpp"

namespace kansli::job {

std::optional<model::Document> load_document(const std::string& path, const source::SchemaSet& schemas,
                                             core::DiagSink& sink, const source::ParseLimits& limits) {
    const core::Bytes bytes = core::read_file(path, limits.max_bytes);
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    auto tree = source::parse_xml(text, path, sink, limits);
    if (!tree) return std::nullopt;
    if (!schemas.validate(*tree, sink)) return std::nullopt;
    auto doc = source::build_document(*tree, path, sink);
    if (!doc || !rules::check_document(*doc, sink)) return std::nullopt;
    return doc;
}

std::optional<model::Document> load_document(const std::string& path, const std::string& schemas_dir,
                                             core::DiagSink& sink) {
    const auto schemas = source::SchemaSet::load(schemas_dir);
    return load_document(path, schemas, sink);
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
