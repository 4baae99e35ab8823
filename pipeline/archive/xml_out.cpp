#include "archive/xml_out.hpp"

namespace kansli::archive {

std::string attr(std::string_view name, std::string_view value) {
    return " " + std::string(name) + "=\"" + xml_escape(value) + "\"";
}

void XmlOut::open(std::string_view name, const std::string& attrs) {
    m_out.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    m_out.append("<").append(name).append(attrs).append(">\n");  // no temporaries
    ++m_depth;
}

void XmlOut::close(std::string_view name) {
    --m_depth;
    m_out.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    m_out.append("</").append(name).append(">\n");
}

void XmlOut::leaf(std::string_view name, std::string_view text, const std::string& attrs) {
    m_out.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    m_out.append("<").append(name).append(attrs).append(">").append(xml_escape(text));
    m_out.append("</").append(name).append(">\n");
}

void XmlOut::empty(std::string_view name, const std::string& attrs) {
    m_out.append(static_cast<std::size_t>(m_depth) * 2, ' ');
    m_out.append("<").append(name).append(attrs).append("/>\n");
}

}  // namespace kansli::archive
