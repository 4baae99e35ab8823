#include "pdf/structure_content.hpp"

#include <qpdf/QPDFPageObjectHelper.hh>

#include <array>
#include <exception>
#include <string_view>

namespace kansli::pdf {

namespace {

constexpr std::array<std::string_view, 16> kPainting = {"Tj", "TJ", "'", "\"", "Do", "S",  "s",  "f",
                                                        "F",  "f*", "B", "B*", "b",  "b*", "sh", "EI"};

/// Marks of the open sequences: an MCID, kTagged (tagged but no MCID), kArtifact.
constexpr int kTagged = -1;
constexpr int kArtifact = -2;

class Scan final : public QPDFObjectHandle::ParserCallbacks {
public:
    Scan(QPDFObjectHandle properties, PageMarks& out) : m_properties(properties), m_out(out) {}

    void handleObject(QPDFObjectHandle obj) override {
        if (!obj.isOperator()) {
            if (m_operands.size() < 64) m_operands.push_back(obj);
            return;
        }
        const std::string op = obj.getOperatorValue();
        if (op == "BDC" || op == "BMC") {
            begin(op == "BDC");
        } else if (op == "EMC") {
            if (!m_open.empty()) m_open.pop_back();
        } else if (is_painting(op) && !marked()) {
            if (m_out.unmarked++ == 0) m_out.first_unmarked = op;
        }
        m_operands.clear();
    }
    void handleEOF() override {}

private:
    static bool is_painting(const std::string& op) {
        for (auto p : kPainting)
            if (op == p) return true;
        return false;
    }
    /// Inside a sequence with an MCID or an artifact (a BMC/BDC without MCID alone is not enough).
    [[nodiscard]] bool marked() const {
        for (int m : m_open)
            if (m != kTagged) return true;
        return false;
    }
    void begin(bool with_properties) {
        const bool artifact =
            !m_operands.empty() && m_operands.front().isName() && m_operands.front().getName() == "/Artifact";
        int mark = artifact ? kArtifact : kTagged;
        if (!artifact && with_properties && m_operands.size() >= 2) {
            QPDFObjectHandle props = m_operands[1];
            if (props.isName() && m_properties.isDictionary()) props = m_properties.getKey(props.getName());
            if (props.isDictionary() && props.getKey("/MCID").isInteger()) {
                mark = static_cast<int>(props.getKey("/MCID").getIntValue());
                if (mark >= 0) m_out.mcids.push_back(mark);
            }
        }
        if (m_open.size() < 256) m_open.push_back(mark);
    }

    QPDFObjectHandle m_properties;
    PageMarks& m_out;
    std::vector<QPDFObjectHandle> m_operands;
    std::vector<int> m_open;
};

}  // namespace

PageMarks scan_marked_content(QPDFObjectHandle page) {
    PageMarks out;
    QPDFObjectHandle resources = page.getKey("/Resources");
    Scan scan(resources.isDictionary() ? resources.getKey("/Properties") : QPDFObjectHandle::newNull(), out);
    try {
        QPDFPageObjectHelper(page).parseContents(&scan);
    } catch (const std::exception& e) {
        out.error = e.what();
    }
    return out;
}

}  // namespace kansli::pdf
