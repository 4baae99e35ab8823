// Internal to source/: the libxml2 side of XmlTree and small helpers to walk it.
// Only source/*.cpp include this header.
#pragma once

#include "core/diagnostic.hpp"
#include "source/xml_tree.hpp"

#include <libxml/tree.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kansli::source {

/// The namespace of every kansli source element.
inline constexpr std::string_view kNamespace = "urn:kansli:dokument:1";

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

struct LineCol {
    int line = 0;
    int col = 0;
};

struct XmlTreeImpl {
    std::string file;
    std::unique_ptr<xmlDoc, DocFree> doc;
    std::unordered_map<const xmlNode*, LineCol> starts;  ///< element → its '<' position

    /// Location of an element (or of the nearest element above a text node).
    [[nodiscard]] core::SourceLoc loc(const xmlNode* n) const {
        for (; n; n = n->parent) {
            if (n->type != XML_ELEMENT_NODE) continue;
            if (auto it = starts.find(n); it != starts.end()) return {file, it->second.line, it->second.col};
            return {file, static_cast<int>(xmlGetLineNo(n)), 0};
        }
        return {file, 0, 0};
    }
};

/// Local name of an element ("" for other nodes).
inline std::string_view local_name(const xmlNode* n) {
    if (!n || n->type != XML_ELEMENT_NODE || !n->name) return {};
    return reinterpret_cast<const char*>(n->name);
}

inline bool is_element(const xmlNode* n, std::string_view name) {
    return n && n->type == XML_ELEMENT_NODE && local_name(n) == name;
}

/// Attribute value by local name (no namespace), nullopt when absent.
inline std::optional<std::string> attr(const xmlNode* n, const char* name) {
    if (!n || n->type != XML_ELEMENT_NODE) return std::nullopt;
    xmlChar* v = xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name));
    if (!v) return std::nullopt;
    std::string out(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
}

inline std::string attr_or(const xmlNode* n, const char* name, std::string fallback = {}) {
    auto v = attr(n, name);
    return v ? *v : std::move(fallback);
}

/// First child element with the given local name, or nullptr.
inline const xmlNode* child(const xmlNode* n, std::string_view name) {
    if (!n) return nullptr;
    for (const xmlNode* c = n->children; c; c = c->next) {
        if (is_element(c, name)) return c;
    }
    return nullptr;
}

/// Iterates child elements: for (auto* c : elements(n)).
class ElementRange {
public:
    explicit ElementRange(const xmlNode* parent) : m_first(next_element(parent ? parent->children : nullptr)) {}
    class It {
    public:
        explicit It(const xmlNode* n) : m_n(n) {}
        const xmlNode* operator*() const { return m_n; }
        It& operator++() {
            m_n = next_element(m_n->next);
            return *this;
        }
        bool operator!=(const It& o) const { return m_n != o.m_n; }

    private:
        const xmlNode* m_n;
    };
    [[nodiscard]] It begin() const { return It(m_first); }
    [[nodiscard]] It end() const { return It(nullptr); }

    static const xmlNode* next_element(const xmlNode* n) {
        while (n && n->type != XML_ELEMENT_NODE) n = n->next;
        return n;
    }

private:
    const xmlNode* m_first;
};
inline ElementRange elements(const xmlNode* n) { return ElementRange(n); }

/// All text below a node, concatenated.
inline std::string text_of(const xmlNode* n) {
    if (!n) return {};
    xmlChar* v = xmlNodeGetContent(n);
    if (!v) return {};
    std::string out(reinterpret_cast<const char*>(v));
    xmlFree(v);
    return out;
}

}  // namespace kansli::source
