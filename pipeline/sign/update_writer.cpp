#include "sign/update_writer.hpp"

#include "core/diagnostic.hpp"
#include "sign/shared_font.hpp"

#include <botan/hash.h>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/Pl_Flate.hh>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace kansli::sign::detail {
namespace {

void append(core::Bytes& out, const std::string& s) { out.insert(out.end(), s.begin(), s.end()); }

std::string number(std::size_t v) { return std::to_string(v); }

// Runs of consecutive object numbers: (first, count).
std::vector<std::pair<int, int>> subsections(const std::vector<int>& numbers) {
    std::vector<std::pair<int, int>> out;
    for (int n : numbers) {
        if (!out.empty() && out.back().first + out.back().second == n) {
            ++out.back().second;
        } else {
            out.emplace_back(n, 1);
        }
    }
    return out;
}

}  // namespace

TrailerInfo trailer_info(const Document& d) {
    OH trailer = d.qpdf->getTrailer();
    TrailerInfo ti;
    ti.root = trailer.getKey("/Root").unparse();
    if (trailer.hasKey("/Info")) ti.info = trailer.getKey("/Info").unparse();
    if (OH id = trailer.getKey("/ID"); id.isArray() && id.getArrayNItems() >= 1 && id.getArrayItem(0).isString()) {
        ti.first_id = id.getArrayItem(0).getStringValue();
    }
    if (OH size = trailer.getKey("/Size"); size.isInteger() && size.getIntValue() > 0) {
        ti.size = static_cast<std::size_t>(std::min<long long>(size.getIntValue(), 8388607));
    }
    ti.size = std::max(ti.size, static_cast<std::size_t>(d.max_object) + 1);
    ti.prev = d.last_xref;
    ti.xref_stream = d.xref_stream;
    return ti;
}

std::string UpdateWriter::header(int number, int generation) {
    return std::to_string(number) + " " + std::to_string(generation) + " obj\n";
}

void UpdateWriter::add(int number, int generation, std::string text) {
    m_objects[number] = Entry{generation, std::move(text)};
}

core::Bytes UpdateWriter::finish(const core::Bytes& input, const TrailerInfo& trailer,
                                 std::map<int, std::size_t>& offsets) const {
    if (trailer.root.empty()) {
        throw core::Error(core::ExitCode::Invalid, "sign", {}, "the PDF trailer has no /Root");
    }
    core::Bytes out;
    out.reserve(input.size() + 4096 + m_objects.size() * 256);
    out = input;
    if (out.empty() || (out.back() != '\n' && out.back() != '\r')) out.push_back('\n');
    const std::size_t body_start = out.size();
    for (const auto& [n, e] : m_objects) {
        offsets[n] = out.size();
        append(out, header(n, e.generation));
        append(out, e.text);
        append(out, "\nendobj\n");
    }
    // The second /ID element: derived from the update's objects, so it is deterministic.
    auto sha = Botan::HashFunction::create_or_throw("SHA-256");
    sha->update(out.data() + body_start, out.size() - body_start);
    const auto digest = sha->final();
    const std::string second(digest.begin(), digest.begin() + 16);
    const std::string first = trailer.first_id.empty() ? second : trailer.first_id;

    std::vector<int> numbers;
    for (const auto& [n, e] : m_objects) numbers.push_back(n);
    int size = static_cast<int>(trailer.size);
    if (!numbers.empty()) size = std::max(size, numbers.back() + 1);
    if (trailer.xref_stream) size = std::max(size, trailer.xref_stream_number + 1);
    std::string keys = "/Size " + std::to_string(size) + " /Root " + trailer.root;
    if (!trailer.info.empty()) keys += " /Info " + trailer.info;
    keys += " /ID [" + hex_string(first) + " " + hex_string(second) + "] /Prev " + number(trailer.prev);

    const std::size_t xref_at = out.size();
    if (!trailer.xref_stream) {
        std::string x = "xref\n";
        for (const auto& [first_n, count] : subsections(numbers)) {
            x += std::to_string(first_n) + " " + std::to_string(count) + "\n";
            for (int n = first_n; n < first_n + count; ++n) {
                char line[32];
                std::snprintf(line, sizeof line, "%010zu %05d n \n", offsets.at(n), m_objects.at(n).generation);
                x += line;
            }
        }
        x += "trailer\n<< " + keys + " >>\n";
        append(out, x);
    } else {
        // A cross-reference stream, entries /W [1 w 2]: type 1, offset, generation. It lists itself.
        const int self = trailer.xref_stream_number;
        offsets[self] = xref_at;
        std::vector<int> all = numbers;
        all.insert(std::upper_bound(all.begin(), all.end(), self), self);
        int width = 1;
        while (width < 8 && (xref_at >> (8 * width)) != 0) ++width;
        std::string data;
        for (int n : all) {
            const std::size_t off = offsets.at(n);
            const int gen = n == self ? 0 : m_objects.at(n).generation;
            data += '\x01';
            for (int b = width - 1; b >= 0; --b) data += static_cast<char>((off >> (8 * b)) & 0xFF);
            data += static_cast<char>((gen >> 8) & 0xFF);
            data += static_cast<char>(gen & 0xFF);
        }
        std::string index;
        for (const auto& [first_n, count] : subsections(all)) {
            index += (index.empty() ? "" : " ") + std::to_string(first_n) + " " + std::to_string(count);
        }
        append(out, header(self, 0));
        append(out, stream_text("/Type /XRef /W [1 " + std::to_string(width) + " 2] /Index [" + index + "] " + keys,
                                data, false));
        append(out, "\nendobj\n");
    }
    append(out, "startxref\n" + number(xref_at) + "\n%%EOF\n");
    return out;
}

std::string stream_text(const std::string& dict_keys, const std::string& data, bool flate) {
    std::string body = data;
    std::string keys = dict_keys;
    if (flate) {
        Pl_Buffer buffer("buffer");
        Pl_Flate deflate("deflate", &buffer, Pl_Flate::a_deflate);
        deflate.write(reinterpret_cast<const unsigned char*>(data.data()), data.size());
        deflate.finish();
        const auto b = buffer.getBufferSharedPointer();
        body.assign(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
        keys += " /Filter /FlateDecode";
    }
    return "<< " + keys + " /Length " + std::to_string(body.size()) + " >>\nstream\n" + body + "\nendstream";
}

std::string hex_string(const std::string& bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s = "<";
    for (unsigned char c : bytes) {
        s += kHex[c >> 4];
        s += kHex[c & 0xF];
    }
    return s + ">";
}

}  // namespace kansli::sign::detail
