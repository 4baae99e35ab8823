#include "source/xml_impl.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <vector>

namespace kansli::source {

XmlTree::XmlTree(std::unique_ptr<XmlTreeImpl> impl) : m_impl(std::move(impl)) {}
XmlTree::~XmlTree() = default;
XmlTree::XmlTree(XmlTree&&) noexcept = default;
XmlTree& XmlTree::operator=(XmlTree&&) noexcept = default;

const std::string& XmlTree::file() const { return m_impl->file; }

std::string XmlTree::root_name() const { return std::string(local_name(xmlDocGetRootElement(m_impl->doc.get()))); }

std::string XmlTree::root_namespace() const {
    const xmlNode* root = xmlDocGetRootElement(m_impl->doc.get());
    if (!root || !root->ns || !root->ns->href) return {};
    return reinterpret_cast<const char*>(root->ns->href);
}

core::SourceLoc XmlTree::root_loc() const { return m_impl->loc(xmlDocGetRootElement(m_impl->doc.get())); }

namespace {

constexpr int kMaxReported = 50;  // a broken file can produce a cascade; the first ones matter

/// Per-parse state, reached from libxml2 callbacks through ctxt->_private.
struct ParseState {
    core::DiagSink* sink = nullptr;
    XmlTreeImpl* tree = nullptr;
    std::string_view bytes;
    std::vector<std::size_t> line_starts;
    int max_depth = 0;
    int depth = 0;
    int reported = 0;
    bool failed = false;

    [[nodiscard]] LineCol line_col(std::size_t offset) const {
        auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
        std::size_t line = static_cast<std::size_t>(it - line_starts.begin());  // 1-based
        std::size_t start = line_starts[line - 1];
        int col = 1;
        for (std::size_t i = start; i < offset && i < bytes.size(); ++i) {
            if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) ++col;  // count code points
        }
        return {static_cast<int>(std::min<std::size_t>(line, 0x7fffffff)), col};
    }

    void report(const core::SourceLoc& loc, std::string message, std::string hint) {
        failed = true;
        if (reported == kMaxReported) {
            sink->error("xml", loc, "too many errors; stopped reporting", "fix the errors above first");
        }
        if (reported++ >= kMaxReported) return;
        sink->error("xml", loc, std::move(message), std::move(hint));
    }
};

ParseState& state_of(void* ctx) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    return *static_cast<ParseState*>(ctxt->_private);
}

std::string clean_message(const char* raw) {
    std::string m = raw ? raw : "malformed XML";
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    for (auto& c : m) {
        if (c == '\n') c = ' ';
    }
    return m;
}

std::string hint_for(int code) {
    switch (code) {
        case XML_ERR_DOCUMENT_EMPTY:
            return "a kansli source is XML text whose root element is <protokoll>, <kallelse> or <avtal>";
        case XML_ERR_GT_REQUIRED: return "close the tag with '>'";
        case XML_ERR_DOCUMENT_START:
        case XML_ERR_DOCUMENT_END:
            return "a kansli source is one XML element such as <protokoll "
                   "xmlns=\"urn:kansli:dokument:1\">…</protokoll>";
        case XML_ERR_INVALID_CHAR:
        case XML_ERR_INVALID_ENCODING:
        case XML_ERR_UNSUPPORTED_ENCODING: return "save the file as UTF-8 text";
        case XML_ERR_TAG_NAME_MISMATCH:
        case XML_ERR_TAG_NOT_FINISHED: return "every start tag needs a matching end tag, in the right order";
        case XML_ERR_UNDECLARED_ENTITY:
        case XML_WAR_UNDECLARED_ENTITY:
            return "only &amp; &lt; &gt; &quot; &apos; and character references such as &#233; are allowed";
        case XML_ERR_LT_IN_ATTRIBUTE:
        case XML_ERR_ATTRIBUTE_NOT_STARTED:
        case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: return "attribute values are quoted, and '<' is written &lt;";
        default: return {};
    }
}

void on_error(void* ctx, xmlErrorPtr err) {
    if (!ctx || !err) return;
    ParseState& st = state_of(ctx);
    if (err->level == XML_ERR_WARNING) return;  // warnings about namespaces URIs etc. are noise here
    std::string msg = clean_message(err->message);
    std::string hint = hint_for(err->code);
    if (auto at = msg.find("Input is not proper UTF-8"); at != std::string::npos) {
        auto bytes = msg.find("Bytes:");
        msg = "the text is not valid UTF-8" +
              (bytes == std::string::npos ? std::string() : " (bytes" + msg.substr(bytes + 6) + ")");
    }
    if (msg.find("XML_PARSE_HUGE") != std::string::npos) {
        msg = "elements are nested too deeply";
        hint = "a kansli source needs only a few levels; check for unclosed elements";
    }
    st.report({st.tree->file, err->line, err->int2}, std::move(msg), std::move(hint));
}

void stop(void* ctx) { xmlStopParser(static_cast<xmlParserCtxtPtr>(ctx)); }

void on_internal_subset(void* ctx, const xmlChar*, const xmlChar*, const xmlChar*) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    ParseState& st = state_of(ctx);
    int line = ctxt->input ? ctxt->input->line : 0;
    st.report({st.tree->file, line, 1}, "a DOCTYPE declaration is not allowed",
              "remove the <!DOCTYPE …> line: kansli sources are checked against their XML schema, and "
              "DTDs, entity declarations and external entities are refused for safety");
    stop(ctx);
}

void on_start(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri, int nb_namespaces,
              const xmlChar** namespaces, int nb_attributes, int nb_defaulted, const xmlChar** attributes) {
    auto* ctxt = static_cast<xmlParserCtxtPtr>(ctx);
    ParseState& st = state_of(ctx);
    // The start tag has just been read up to its '>' or '/>': find its '<' in the original
    // bytes ('<' cannot occur inside attribute values, so the nearest one back is it).
    std::size_t end = static_cast<std::size_t>(std::max<long>(0, xmlByteConsumed(ctxt)));
    end = std::min(end, st.bytes.size());
    std::size_t lt = end;
    while (lt > 0 && st.bytes[lt - 1] != '<') --lt;
    LineCol pos{ctxt->input ? ctxt->input->line : 0, 0};
    if (lt > 0) pos = st.line_col(lt - 1);

    if (++st.depth > st.max_depth) {
        st.report({st.tree->file, pos.line, pos.col},
                  "elements are nested more than " + std::to_string(st.max_depth) + " levels deep",
                  "a kansli source needs only a few levels; check for unclosed elements");
        stop(ctx);
        return;
    }
    xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes, nb_defaulted,
                          attributes);
    if (ctxt->node) st.tree->starts.emplace(ctxt->node, pos);
}

void on_end(void* ctx, const xmlChar* localname, const xmlChar* prefix, const xmlChar* uri) {
    ParseState& st = state_of(ctx);
    --st.depth;
    xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

struct CtxtFree {
    void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

}  // namespace

std::optional<XmlTree> parse_xml(std::string_view bytes, const std::string& file, core::DiagSink& sink,
                                 const ParseLimits& limits) {
    if (bytes.size() > limits.max_bytes) {
        sink.error("xml", {file, 0, 0},
                   "the file is " + std::to_string(bytes.size()) + " bytes, more than the limit of " +
                       std::to_string(limits.max_bytes),
                   "a meeting document is far smaller; is this the right file?");
        return std::nullopt;
    }
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) return std::nullopt;
    xmlInitParser();

    auto impl = std::make_unique<XmlTreeImpl>();
    impl->file = file;
    ParseState st;
    st.sink = &sink;
    st.tree = impl.get();
    st.bytes = bytes;
    st.max_depth = limits.max_depth;
    st.line_starts.push_back(0);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n') st.line_starts.push_back(i + 1);
    }

    std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
    if (!ctxt || !ctxt->sax) {
        sink.error("xml", {file, 0, 0}, "out of memory while starting the XML parser");
        return std::nullopt;
    }
    ctxt->_private = &st;
    ctxt->sax->initialized = XML_SAX2_MAGIC;
    ctxt->sax->serror = on_error;
    ctxt->sax->warning = nullptr;
    ctxt->sax->error = nullptr;
    ctxt->sax->fatalError = nullptr;
    ctxt->sax->internalSubset = on_internal_subset;
    ctxt->sax->startElementNs = on_start;
    ctxt->sax->endElementNs = on_end;

    // No NOENT (no entity substitution), no DTDLOAD/DTDATTR/DTDVALID, no XINCLUDE, no HUGE.
    const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING;
    xmlDoc* doc =
        xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), file.c_str(), nullptr, options);
    impl->doc.reset(doc);
    if (!doc || st.failed || !ctxt->wellFormed || !xmlDocGetRootElement(doc)) {
        if (!st.failed) sink.error("xml", {file, 1, 1}, "not a well-formed XML document");
        return std::nullopt;
    }
    if (doc->intSubset || doc->extSubset) {  // belt and braces: on_internal_subset stops first
        sink.error("xml", {file, 1, 1}, "a DOCTYPE declaration is not allowed");
        return std::nullopt;
    }
    return XmlTree(std::move(impl));
}

}  // namespace kansli::source
