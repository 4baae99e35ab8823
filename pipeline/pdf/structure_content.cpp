#include "pdf/structure_content.hpp"

#include "pdf/content_lexer.hpp"
#include "pdf/lexical.hpp"

#include <qpdf/BufferInputSource.hh>
#include <qpdf/Pl_Buffer.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFTokenizer.hh>
#include <qpdf/QUtil.hh>

#include <array>
#include <exception>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace kansli::pdf {

namespace {

constexpr std::array<std::string_view, 16> kPainting = {"Tj", "TJ", "'", "\"", "Do", "S",  "s",  "f",
                                                        "F",  "f*", "B", "B*", "b",  "b*", "sh", "EI"};

/// Marks of the open sequences: an MCID, kTagged (tagged but no MCID), kArtifact.
constexpr int kTagged = -1;
constexpr int kArtifact = -2;
constexpr std::size_t kMaxOpen = 256;  ///< open sequences remembered (deeper BDC/BMC are not)
/// Arrays and dictionaries inside each other that the token reader follows; deeper content goes to
/// qpdf's parser (which has its own limit, 500).
constexpr std::size_t kMaxMarkedDepth = 64;
/// Integer tokens longer than this may overflow qpdf's 64-bit conversion (which throws): parser.
constexpr std::size_t kMaxIntegerChars = 18;

bool is_painting(std::string_view op) {
    for (auto p : kPainting)
        if (op == p) return true;
    return false;
}

/// The open sequences and the painting operators outside them: what both readers share. Each
/// reader hands over an operator with what it knows of its first two operands.
class Marks {
public:
    Marks(QPDFObjectHandle page, PageMarks& out) : m_out(out) {
        QPDFObjectHandle resources = page.getKey("/Resources");
        m_properties = resources.isDictionary() ? resources.getKey("/Properties") : QPDFObjectHandle::newNull();
    }

    /// `artifact`: the first operand is the name /Artifact; `two`: there are two operands or more;
    /// `mcid()`: the MCID of the second operand, asked only for a BDC that may have one.
    template <class McidOf>
    void op(std::string_view op, bool artifact, bool two, McidOf&& mcid) {
        if (op == "BDC" || op == "BMC") {
            int mark = artifact ? kArtifact : kTagged;
            if (!artifact && op == "BDC" && two) {
                if (const std::optional<long long> v = mcid()) {
                    mark = static_cast<int>(*v);
                    if (mark >= 0) m_out.mcids.push_back(mark);
                }
            }
            if (m_open.size() < kMaxOpen) m_open.push_back(mark);
        } else if (op == "EMC") {
            if (!m_open.empty()) m_open.pop_back();
        } else if (is_painting(op) && !marked()) {
            if (m_out.unmarked++ == 0) m_out.first_unmarked = op;
        }
    }

    /// The MCID of the page's /Properties entry `name` (a BDC's second operand given by name).
    [[nodiscard]] std::optional<long long> named(const std::string& name) {
        if (!m_properties.isDictionary()) return std::nullopt;
        return of_dictionary(m_properties.getKey(name));
    }
    static std::optional<long long> of_dictionary(QPDFObjectHandle props) {
        if (props.isDictionary() && props.getKey("/MCID").isInteger()) return props.getKey("/MCID").getIntValue();
        return std::nullopt;
    }

private:
    /// Inside a sequence with an MCID or an artifact (a BMC/BDC without MCID alone is not enough).
    [[nodiscard]] bool marked() const {
        for (int m : m_open)
            if (m != kTagged) return true;
        return false;
    }

    QPDFObjectHandle m_properties;
    PageMarks& m_out;
    std::vector<int> m_open;
};

/// qpdf's parser: one QPDFObjectHandle per operand, the operator's operands kept (up to 64).
class Parsed final : public QPDFObjectHandle::ParserCallbacks {
public:
    explicit Parsed(Marks& marks) : m_marks(marks) {}

    void handleObject(QPDFObjectHandle obj) override {
        if (!obj.isOperator()) {
            if (m_operands.size() < 64) m_operands.push_back(obj);
            return;
        }
        const bool artifact =
            !m_operands.empty() && m_operands.front().isName() && m_operands.front().getName() == "/Artifact";
        m_marks.op(obj.getOperatorValue(), artifact, m_operands.size() >= 2, [&]() -> std::optional<long long> {
            QPDFObjectHandle props = m_operands[1];
            if (props.isName()) return m_marks.named(props.getName());
            return Marks::of_dictionary(props);
        });
        m_operands.clear();
    }
    void handleEOF() override {}

private:
    Marks& m_marks;
    std::vector<QPDFObjectHandle> m_operands;
};

/// What the token reader keeps of an operand: a name, or a dictionary with its /MCID when that is
/// an integer; anything else is just counted.
struct Operand {
    bool is_name = false;
    bool is_dict = false;
    std::string name;
    std::optional<long long> mcid;
};

/// An element directly inside an operand dictionary.
struct Element {
    bool is_name = false;
    bool is_mcid = false;  ///< the name /MCID
    bool is_int = false;
    long long value = 0;
};

/// The dictionary's /MCID as qpdf builds the dictionary from its elements: a name is a key and the
/// next element its value; a non-name where a key belongs gets a made-up key and is the value;
/// a key at the end has the value null; the last occurrence of a key wins.
std::optional<long long> mcid_of(const std::vector<Element>& elements) {
    std::optional<long long> mcid;
    for (std::size_t i = 0; i < elements.size();) {
        bool is_mcid = false;
        if (elements[i].is_name) is_mcid = elements[i++].is_mcid;
        const Element* value = i < elements.size() ? &elements[i++] : nullptr;
        if (is_mcid) mcid = value != nullptr && value->is_int ? std::optional<long long>(value->value) : std::nullopt;
    }
    return mcid;
}

/// The token reader. Returns false, at the first thing qpdf's parser would have to repair or warn
/// about, when the parser must read the content instead.
class Tokens {
public:
    explicit Tokens(Marks& marks) : m_marks(marks) {}

    /// The content through content_lexer alone; false when it is unsure of a token, meets an
    /// inline image or anything read() would refuse (then read() reads the content again).
    bool read_plain(lexical::Span bytes) {
        std::size_t at = 0;
        for (;;) {
            const content_lexer::Token t = content_lexer::next(bytes, at);
            if (t.unsure) return false;
            at = t.end;
            switch (step({t.type, t.value})) {
                case Step::Next: continue;
                case Step::Refuse: return false;
                case Step::End: return m_open.empty();
                case Step::InlineImage: return false;
            }
        }
    }

    bool read(Buffer* data) {
        const lexical::Span bytes(data->getBuffer(), data->getSize());
        auto input = std::make_shared<BufferInputSource>("content", data);
        QPDFTokenizer tokenizer;
        tokenizer.allowEOF();
        for (;;) {
            // A string's bytes do not matter, only where it ends: skipped by the shared lexical
            // primitives (qpdf's tokenizer would copy each string twice into its token).
            const std::size_t at = lexical::skip_ws(bytes, static_cast<std::size_t>(input->tell()));
            if (at < bytes.size() && starts_string(bytes, at)) {
                const auto end = bytes[at] == '(' ? lexical::skip_literal(bytes, at) : lexical::skip_hex(bytes, at);
                if (!end) return false;  // unterminated or a bad hex digit: the parser repairs it
                input->seek(static_cast<qpdf_offset_t>(*end), SEEK_SET);
                value();
                continue;
            }
            const QPDFTokenizer::Token t = tokenizer.readToken(input, "content", true);
            if (!t.getErrorMessage().empty()) return false;  // the parser warns (a name's bad #xx)
            switch (step({t.getType(), t.getValue()})) {
                case Step::Next: continue;
                case Step::Refuse: return false;
                case Step::End: return m_open.empty();
                case Step::InlineImage: break;
            }
            // As qpdf: skip the byte after ID, the data up to EI is one operand.
            char ch = 0;
            input->read(&ch, 1);
            tokenizer.expectInlineImage(input);
            if (tokenizer.readToken(input, "content", true).getType() != QPDFTokenizer::tt_inline_image) return false;
            add(Operand{});
        }
    }

private:
    /// A token as both readers see it (the type and value QPDFTokenizer gives it).
    struct Tok {
        QPDFTokenizer::token_type_e type;
        std::string_view value;
        [[nodiscard]] QPDFTokenizer::token_type_e getType() const { return type; }
        [[nodiscard]] std::string_view getValue() const { return value; }
    };
    enum class Step { Next, Refuse, End, InlineImage };

    /// One token (a string is a value without name or number): what both readers do with it.
    Step step(const Tok& t) {
        const auto type = t.type;
        if (type == QPDFTokenizer::tt_string) {
            value();
            return Step::Next;
        }
        if (type == QPDFTokenizer::tt_eof) return Step::End;
        if (!m_open.empty() || is_container(type)) return container_token(t) ? Step::Next : Step::Refuse;
        if (!is_scalar(t)) return Step::Refuse;
        if (type != QPDFTokenizer::tt_word) {
            add(scalar(t));
            return Step::Next;
        }
        operate(t.value);
        return t.value == "ID" ? Step::InlineImage : Step::Next;
    }

    static bool starts_string(lexical::Span s, std::size_t p) {
        return s[p] == '(' || (s[p] == '<' && (p + 1 >= s.size() || s[p + 1] != '<'));
    }
    /// A value that is neither a name, an integer nor a container (a string).
    void value() {
        if (m_open.empty()) {
            add(Operand{});
        } else if (m_open.size() == 1 && m_open.front() == '<') {
            m_elements.emplace_back();
        }
    }

    static bool is_container(QPDFTokenizer::token_type_e type) {
        return type == QPDFTokenizer::tt_array_open || type == QPDFTokenizer::tt_dict_open ||
               type == QPDFTokenizer::tt_array_close || type == QPDFTokenizer::tt_dict_close;
    }
    /// A token the parser takes as it is (an integer only when it cannot overflow).
    static bool is_scalar(const Tok& t) {
        switch (t.getType()) {
            case QPDFTokenizer::tt_integer: return t.getValue().size() <= kMaxIntegerChars;
            case QPDFTokenizer::tt_real:
            case QPDFTokenizer::tt_name:
            case QPDFTokenizer::tt_string:
            case QPDFTokenizer::tt_null:
            case QPDFTokenizer::tt_bool:
            case QPDFTokenizer::tt_word: return true;
            default: return false;
        }
    }
    static Operand scalar(const Tok& t) {
        Operand o;
        if (t.getType() == QPDFTokenizer::tt_name) {
            o.is_name = true;
            o.name = std::string(t.getValue());
        }
        return o;
    }

    /// A token inside an operand array or dictionary, or one that opens or closes one.
    bool container_token(const Tok& t) {
        const auto type = t.getType();
        const bool top_dict = m_open.size() == 1 && m_open.front() == '<';
        if (type == QPDFTokenizer::tt_array_open || type == QPDFTokenizer::tt_dict_open) {
            if (m_open.size() >= kMaxMarkedDepth) return false;
            if (m_open.empty()) m_elements.clear();
            if (top_dict) m_elements.emplace_back();
            m_open.push_back(type == QPDFTokenizer::tt_array_open ? '[' : '<');
            return true;
        }
        if (type == QPDFTokenizer::tt_array_close || type == QPDFTokenizer::tt_dict_close) {
            const char kind = type == QPDFTokenizer::tt_array_close ? '[' : '<';
            if (m_open.empty() || m_open.back() != kind) return false;
            m_open.pop_back();
            if (m_open.empty()) {
                Operand o;
                o.is_dict = kind == '<';
                if (o.is_dict) o.mcid = mcid_of(m_elements);
                add(std::move(o));
            }
            return true;
        }
        if (!is_scalar(t)) return false;
        if (top_dict) {
            Element e;
            e.is_name = type == QPDFTokenizer::tt_name;
            e.is_int = type == QPDFTokenizer::tt_integer;
            e.is_mcid = e.is_name && t.getValue() == "/MCID";
            if (e.is_int) e.value = QUtil::string_to_ll(std::string(t.getValue()).c_str());
            m_elements.push_back(std::move(e));
        }
        return true;
    }

    void add(Operand&& o) {
        if (m_count == 0) m_first = std::move(o);
        if (m_count == 1) m_second = std::move(o);
        ++m_count;
    }
    void operate(std::string_view op) {
        const bool artifact = m_count >= 1 && m_first.is_name && m_first.name == "/Artifact";
        m_marks.op(op, artifact, m_count >= 2, [&]() -> std::optional<long long> {
            if (m_second.is_name) return m_marks.named(m_second.name);
            return m_second.is_dict ? m_second.mcid : std::nullopt;
        });
        m_count = 0;
    }

    Marks& m_marks;
    Operand m_first, m_second;
    std::size_t m_count = 0;          ///< operands since the last operator
    std::string m_open;               ///< the open arrays '[' and dictionaries '<' of the operand being read
    std::vector<Element> m_elements;  ///< of the operand dictionary being read
};

}  // namespace

PageMarks scan_marked_content_parsed(QPDFObjectHandle page) {
    PageMarks out;
    Marks marks(page, out);
    Parsed parsed(marks);
    try {
        QPDFPageObjectHelper(page).parseContents(&parsed);
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    return out;
}

PageMarks scan_marked_content(QPDFObjectHandle page) { return scan_marked_content(page, nullptr); }

PageMarks scan_marked_content(QPDFObjectHandle page, bool* parsed) {
    if (parsed != nullptr) *parsed = true;
    if (page.isFormXObject()) return scan_marked_content_parsed(page);  // parseContents reads it as a form
    PageMarks out;
    Marks marks(page, out);
    // The bytes the parser reads: the content streams decoded and joined (with the same errors).
    Pl_Buffer buffer("page content");
    try {
        page.pipePageContents(&buffer);
    } catch (const std::exception& e) {  // what parseContents throws, before it reads a token
        out.error = e.what();
        if (parsed != nullptr) *parsed = false;
        return out;
    }
    bool read = false;
    try {
        const std::shared_ptr<Buffer> data = buffer.getBufferSharedPointer();
        // The plain reader first (no QPDFTokenizer); what it is unsure of is read again from the
        // start by the token reader, with fresh marks.
        PageMarks plain;
        Marks plain_marks(page, plain);
        if (Tokens(plain_marks).read_plain(lexical::Span(data->getBuffer(), data->getSize()))) {
            out = std::move(plain);
            read = true;
        } else {
            read = Tokens(marks).read(data.get());
        }
    } catch (const std::exception&) {
        read = false;
    }
    if (!read) return scan_marked_content_parsed(page);
    if (parsed != nullptr) *parsed = false;
    return out;
}

}  // namespace kansli::pdf
