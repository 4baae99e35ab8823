#include "source/schema_set.hpp"

#include "source/schema_messages.hpp"
#include "source/xml_impl.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace kansli::source {

const std::vector<std::string>& known_roots() {
    static const std::vector<std::string> roots{"protokoll", "kallelse", "avtal"};
    return roots;
}

namespace {

std::string allowed_roots_text() {
    std::string out;
    const auto& roots = known_roots();
    for (std::size_t i = 0; i < roots.size(); ++i) {
        if (i) out += (i + 1 == roots.size()) ? " or " : ", ";
        out += "<" + roots[i] + ">";
    }
    return out;
}

}  // namespace

// Outside the anonymous namespace: SchemaSet::Impl, which has external linkage, holds it.
struct SchemaFree {
    void operator()(xmlSchema* s) const { xmlSchemaFree(s); }
};

namespace {
struct SchemaParserFree {
    void operator()(xmlSchemaParserCtxt* c) const { xmlSchemaFreeParserCtxt(c); }
};
struct ValidFree {
    void operator()(xmlSchemaValidCtxt* c) const { xmlSchemaFreeValidCtxt(c); }
};

/// Collects errors raised while compiling a schema file.
struct LoadErrors {
    std::vector<core::Diagnostic> diags;
};

void on_load_error(void* data, xmlErrorPtr err) {
    if (!data || !err || err->level == XML_ERR_WARNING) return;
    auto* le = static_cast<LoadErrors*>(data);
    std::string m = err->message ? err->message : "invalid schema";
    while (!m.empty() && m.back() == '\n') m.pop_back();
    le->diags.push_back({core::Severity::Error,
                         "schema-file",
                         {err->file ? err->file : "", err->line, 0},
                         m,
                         "the schemas/ folder of this kansli installation is damaged; reinstall it"});
}

/// Routes libxml2's thread-local structured handler to `data` for the lifetime of the guard and
/// restores the previous one. Used only while compiling schemas, where xs:include reads files
/// through an internal parser context we cannot reach; nothing stays set afterwards.
class ScopedLoadHandler final {
public:
    explicit ScopedLoadHandler(LoadErrors* data) : m_prev(xmlStructuredError), m_prev_ctx(xmlStructuredErrorContext) {
        xmlSetStructuredErrorFunc(data, on_load_error);
    }
    ~ScopedLoadHandler() { xmlSetStructuredErrorFunc(m_prev_ctx, m_prev); }
    ScopedLoadHandler(const ScopedLoadHandler&) = delete;
    ScopedLoadHandler& operator=(const ScopedLoadHandler&) = delete;

private:
    xmlStructuredErrorFunc m_prev;
    void* m_prev_ctx;
};

/// State for one validation run.
struct ValidateState {
    const XmlTreeImpl* tree = nullptr;
    core::DiagSink* sink = nullptr;
    std::string root;
    int errors = 0;
};

void on_valid_error(void* data, xmlErrorPtr err) {
    if (!data || !err) return;
    auto* st = static_cast<ValidateState*>(data);
    if (err->level == XML_ERR_WARNING) return;
    // libxml2 follows an invalid xs:ID with an internal note that says nothing to a user.
    if (err->message && std::string_view(err->message).find("No precomputed value") != std::string_view::npos) return;
    ++st->errors;
    core::SourceLoc loc{st->tree->file, err->line, 0};
    if (err->node) {
        const auto* node = static_cast<const xmlNode*>(err->node);
        if (node->type == XML_ATTRIBUTE_NODE) node = node->parent;
        loc = st->tree->loc(node);
    }
    auto um = rewrite_schema_message(err->code, err->message ? err->message : "schema error", st->root);
    if (err->node && err->code == XML_SCHEMAV_ELEMENT_CONTENT) {
        const auto* node = static_cast<const xmlNode*>(err->node);
        if (node->type == XML_ELEMENT_NODE && node->parent && node->parent->type == XML_ELEMENT_NODE) {
            const auto parent = reinterpret_cast<const char*>(node->parent->name);
            if (auto h = container_hint(parent, reinterpret_cast<const char*>(node->name), st->root); !h.empty())
                um.hint = std::move(h);
        }
    }
    st->sink->error("schema", std::move(loc), std::move(um.message), std::move(um.hint));
}

}  // namespace

struct SchemaSet::Impl {
    std::string dir;
    std::map<std::string, std::unique_ptr<xmlSchema, SchemaFree>> schemas;
};

SchemaSet::SchemaSet(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SchemaSet::~SchemaSet() = default;
SchemaSet::SchemaSet(SchemaSet&&) noexcept = default;
SchemaSet& SchemaSet::operator=(SchemaSet&&) noexcept = default;

const std::string& SchemaSet::dir() const { return m_impl->dir; }

SchemaSet SchemaSet::load(const std::string& dir) {
    xmlInitParser();
    auto impl = std::make_unique<Impl>();
    impl->dir = dir;
    for (const auto& root : known_roots()) {
        const std::string path = dir + "/" + root + ".xsd";
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            throw core::Error(core::ExitCode::Usage, "schema-file", {path, 0, 0}, "schema file not found",
                              "kansli looks for its schemas in <home>/schemas; set KANSLI_HOME to the folder "
                              "holding schemas/");
        }
        LoadErrors errors;
        std::unique_ptr<xmlSchema, SchemaFree> schema;
        {
            ScopedLoadHandler guard(&errors);
            std::unique_ptr<xmlSchemaParserCtxt, SchemaParserFree> pctxt(xmlSchemaNewParserCtxt(path.c_str()));
            if (pctxt) {
                xmlSchemaSetParserStructuredErrors(pctxt.get(), on_load_error, &errors);
                schema.reset(xmlSchemaParse(pctxt.get()));
            }
        }
        if (!schema || !errors.diags.empty()) {
            if (errors.diags.empty()) {
                errors.diags.push_back({core::Severity::Error,
                                        "schema-file",
                                        {path, 0, 0},
                                        "cannot compile the schema",
                                        "reinstall the schemas/ folder"});
            }
            throw core::Error(core::ExitCode::Usage, std::move(errors.diags));
        }
        impl->schemas.emplace(root, std::move(schema));
    }
    return SchemaSet(std::move(impl));
}

bool check_root(const XmlTree& tree, core::DiagSink& sink) {
    const std::string name = tree.root_name();
    const auto& roots = known_roots();
    if (std::find(roots.begin(), roots.end(), name) == roots.end()) {
        sink.error("root", tree.root_loc(), "unknown document kind <" + name + ">",
                   "the root element must be " + allowed_roots_text());
        return false;
    }
    if (tree.root_namespace() != kNamespace) {
        sink.error("root", tree.root_loc(),
                   "<" + name + "> is not in the kansli namespace" +
                       (tree.root_namespace().empty() ? std::string() : " (it is in " + tree.root_namespace() + ")"),
                   "write <" + name + " xmlns=\"" + std::string(kNamespace) + "\">");
        return false;
    }
    return true;
}

bool SchemaSet::validate(const XmlTree& tree, core::DiagSink& sink) const {
    if (!check_root(tree, sink)) return false;
    const std::string root = tree.root_name();
    auto it = m_impl->schemas.find(root);
    if (it == m_impl->schemas.end()) return false;  // unreachable: load() compiles every known root
    std::unique_ptr<xmlSchemaValidCtxt, ValidFree> vctxt(xmlSchemaNewValidCtxt(it->second.get()));
    if (!vctxt) {
        sink.error("schema", tree.root_loc(), "out of memory while validating");
        return false;
    }
    ValidateState st{&tree.impl(), &sink, root, 0};
    xmlSchemaSetValidStructuredErrors(vctxt.get(), on_valid_error, &st);
    int rc = xmlSchemaValidateDoc(vctxt.get(), tree.impl().doc.get());
    if (rc != 0 && st.errors == 0) {
        sink.error("schema", tree.root_loc(), "the document does not match " + root + ".xsd",
                   "see schemas/" + root + ".xsd");
        return false;
    }
    return rc == 0;
}

}  // namespace kansli::source
