#include "render/pdf_writer.hpp"

#include "pdf/text_string.hpp"
#include "render/stream_memo.hpp"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::render {

namespace {

using OH = QPDFObjectHandle;

bool stream_has_filter(OH dict) {
    OH f = dict.getKey("/Filter");
    return f.isName() || (f.isArray() && f.getArrayNItems() > 0);
}

/// Big-endian `value` in `width` bytes (a cross-reference stream field).
void put_xref_field(std::string& out, std::uint64_t value, int width) {
    for (int i = width - 1; i >= 0; --i) out += static_cast<char>((value >> (8 * i)) & 0xff);
}

int xref_width(std::uint64_t value) {
    int w = 1;
    while (w < 8 && (value >> (8 * w)) != 0) ++w;
    return w;
}

class PdfSerializer {
public:
    explicit PdfSerializer(QPDF& pdf) : m_pdf(pdf) {}

    core::Bytes write() {
        OH trailer = m_pdf.getTrailer();
        m_root = trailer.getKey("/Root");
        m_info = trailer.getKey("/Info");
        if (!m_root.isIndirect() || !m_root.isDictionary())
            throw std::runtime_error("the document has no catalog to write");
        reach(m_root);
        if (m_info.isIndirect()) reach(m_info);
        const std::string version = m_pdf.getPDFVersion() < "1.5" ? "1.5" : m_pdf.getPDFVersion();
        m_out = "%PDF-" + version + "\n%\xbf\xf7\xa2\xfe\n";
        // One pass, breadth first: writing an object numbers the objects it references (those
        // not seen before go to the end of the queue). Streams go to the file as they come; the
        // others wait for their object stream, whose numbers follow all of theirs.
        std::vector<std::pair<int, std::string>> plain;  // number, PDF syntax
        for (std::size_t next = 0; next < m_objects.size(); ++next) {
            OH o = m_objects[next];  // a copy: writing it may grow m_objects
            const int number = static_cast<int>(next) + 1;
            if (o.isStream()) {
                write_stream(number, o);
            } else {
                std::string body;
                put(body, o, 0);
                plain.emplace_back(number, std::move(body));
            }
        }
        const int objects = static_cast<int>(m_objects.size());
        const int object_streams = static_cast<int>((plain.size() + kObjectsPerStream - 1) / kObjectsPerStream);
        const int xref_number = objects + object_streams + 1;
        m_entries.resize(static_cast<std::size_t>(xref_number) + 1);
        write_object_streams(objects + 1, plain);
        write_xref(xref_number);
        return core::Bytes(m_out.begin(), m_out.end());
    }

private:
    struct Entry {
        int type = 0;
        std::uint64_t field2 = 0;  ///< offset (type 1) or object stream number (type 2)
        std::uint64_t field3 = 0;  ///< index in the object stream (type 2)
    };

    /// The number of the indirect object `o`, given now when it has none, or 0 when it is null
    /// (or does not exist).
    int reach(OH o) {
        const QPDFObjGen og = o.getObjGen();
        if (auto it = m_numbers.find(og); it != m_numbers.end()) return it->second;
        if (m_null.count(og) != 0) return 0;
        if (o.isNull()) {
            m_null.insert(og);
            return 0;
        }
        m_objects.push_back(o);
        const int number = static_cast<int>(m_objects.size());
        m_numbers.emplace(og, number);
        return number;
    }

    /// The direct value `v` in PDF syntax; references by their new numbers.
    void put(std::string& out, OH v, int depth) {
        if (depth > kMaxWriteNesting) throw std::runtime_error("an object is nested too deeply to write");
        if (depth > 0 && v.isIndirect()) {
            const int number = reach(v);
            if (number == 0) {
                out += "null";
            } else {
                out += std::to_string(number);
                out += " 0 R";
            }
            return;
        }
        switch (v.getTypeCode()) {
            case ::ot_array: {
                out += '[';
                const int n = v.getArrayNItems();
                for (int i = 0; i < n; ++i) {
                    if (i > 0) out += ' ';
                    put(out, v.getArrayItem(i), depth + 1);
                }
                out += ']';
                break;
            }
            case ::ot_dictionary: put_dict(out, v, depth); break;
            case ::ot_null:
            case ::ot_boolean:
            case ::ot_integer:
            case ::ot_real:
            case ::ot_string: out += v.unparse(); break;
            // Not qpdf's unparse, which leaves a '#' in a name unescaped (pdf/text_string.hpp).
            case ::ot_name: pdf::append_name(out, v.getName()); break;
            default: throw std::runtime_error("an object of an unexpected type cannot be written");
        }
    }

    /// A dictionary without its null values.
    void put_dict(std::string& out, OH d, int depth) {
        out += "<<";
        put_entries(out, d, depth, {});
        out += ">>";
    }

    /// The entries of the dictionary `d` whose values are not null, except the keys in `skip`.
    void put_entries(std::string& out, OH d, int depth, std::initializer_list<std::string_view> skip) {
        for (const auto& k : d.getKeys()) {
            bool skipped = false;
            for (auto s : skip) skipped = skipped || k == s;
            if (skipped) continue;
            pdf::append_name(out, k);
            out += ' ';
            put(out, d.getKey(k), depth + 1);
            out += ' ';
        }
    }

    void write_stream(int number, OH s) {
        OH dict = s.getDict();
        const std::shared_ptr<Buffer> raw = s.getRawStreamData();
        std::string data(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
        // An uncompressed stream is compressed (as QPDFWriter did), except XMP metadata, which
        // PDF/A readers may look for as plain text.
        const bool compress = !stream_has_filter(dict) && !dict.isDictionaryOfType("/Metadata");
        if (compress) data = flate_compress(data);
        if (m_entries.size() <= static_cast<std::size_t>(number))
            m_entries.resize(static_cast<std::size_t>(number) + 1);
        m_entries[static_cast<std::size_t>(number)] = {1, m_out.size(), 0};
        m_out += std::to_string(number) + " 0 obj\n<<";
        if (compress) {
            put_entries(m_out, dict, 0, {"/Length", "/Filter", "/DecodeParms"});
            m_out += "/Filter /FlateDecode ";
        } else {
            put_entries(m_out, dict, 0, {"/Length"});
        }
        m_out += "/Length " + std::to_string(data.size()) + ">>\nstream\n";
        m_out += data;
        m_out += "\nendstream\nendobj\n";
    }

    void write_object_streams(int first_number, const std::vector<std::pair<int, std::string>>& plain) {
        int number = first_number;
        for (std::size_t begin = 0; begin < plain.size(); begin += kObjectsPerStream, ++number) {
            const std::size_t end = std::min(plain.size(), begin + kObjectsPerStream);
            std::string header, body;
            for (std::size_t i = begin; i < end; ++i) {
                const auto& [n, text] = plain[i];
                header += std::to_string(n) + ' ' + std::to_string(body.size()) + ' ';
                body += text;
                body += '\n';
                m_entries[static_cast<std::size_t>(n)] = {2, static_cast<std::uint64_t>(number), i - begin};
            }
            const std::string data = flate_compress(header + body);
            m_entries[static_cast<std::size_t>(number)] = {1, m_out.size(), 0};
            m_out += std::to_string(number) + " 0 obj\n<</Type /ObjStm /N " + std::to_string(end - begin) + " /First " +
                     std::to_string(header.size()) + " /Filter /FlateDecode /Length " + std::to_string(data.size()) +
                     ">>\nstream\n";
            m_out += data;
            m_out += "\nendstream\nendobj\n";
        }
    }

    void write_xref(int number) {
        const std::uint64_t at = m_out.size();
        m_entries[static_cast<std::size_t>(number)] = {1, at, 0};
        std::uint64_t max2 = 0, max3 = 0;
        for (const Entry& e : m_entries) {
            max2 = std::max(max2, e.field2);
            max3 = std::max(max3, e.field3);
        }
        const int w2 = xref_width(max2), w3 = xref_width(max3);
        std::string table;
        for (const Entry& e : m_entries) {
            put_xref_field(table, static_cast<std::uint64_t>(e.type), 1);
            put_xref_field(table, e.field2, w2);
            put_xref_field(table, e.field3, w3);
        }
        const std::string data = flate_compress(table);
        const std::string zeros(32, '0');
        m_out += std::to_string(number) + " 0 obj\n<</Type /XRef /Size " + std::to_string(m_entries.size()) +
                 " /W [1 " + std::to_string(w2) + ' ' + std::to_string(w3) + "] /Root " +
                 std::to_string(m_numbers.at(m_root.getObjGen())) + " 0 R";
        if (auto it = m_info.isIndirect() ? m_numbers.find(m_info.getObjGen()) : m_numbers.end(); it != m_numbers.end())
            m_out += " /Info " + std::to_string(it->second) + " 0 R";
        m_out += " /ID [<" + zeros + "><" + zeros + ">] /Filter /FlateDecode /Length " + std::to_string(data.size()) +
                 ">>\nstream\n";
        m_out += data;
        m_out += "\nendstream\nendobj\nstartxref\n" + std::to_string(at) + "\n%%EOF\n";
    }

    QPDF& m_pdf;
    OH m_root, m_info;
    std::vector<OH> m_objects;  ///< by new number - 1
    std::map<QPDFObjGen, int> m_numbers;
    std::set<QPDFObjGen> m_null;   ///< references to nothing (written as null)
    std::vector<Entry> m_entries;  ///< by new number (0: the free head)
    std::string m_out;
};

}  // namespace

core::Bytes write_pdf(QPDF& pdf) { return PdfSerializer(pdf).write(); }

}  // namespace kansli::render
