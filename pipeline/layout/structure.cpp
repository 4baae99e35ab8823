#include "layout/structure.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace kansli::layout {

int element_of(const DrawOp& op) {
    return std::visit(
        [](const auto& o) -> int {
            using T = std::decay_t<decltype(o)>;
            if constexpr (std::is_same_v<T, Rule> || std::is_same_v<T, Box>)
                return -1;
            else
                return o.element;
        },
        op);
}

void stamp(std::vector<DrawOp>& ops, std::size_t from, int node) {
    for (std::size_t i = from; i < ops.size(); ++i) {
        if (auto* t = std::get_if<TextRun>(&ops[i]); t && t->element < 0) t->element = node;
        if (auto* im = std::get_if<Image>(&ops[i]); im && im->element < 0) im->element = node;
    }
}

void make_artifacts(std::vector<DrawOp>& ops) {
    for (auto& op : ops) {
        std::visit(
            [](auto& o) {
                using T = std::decay_t<decltype(o)>;
                if constexpr (!std::is_same_v<T, Rule> && !std::is_same_v<T, Box>) o.element = -1;
            },
            op);
    }
}

int add_element(std::vector<StructNode>& tree, std::string type, int parent) {
    tree.push_back(StructNode{std::move(type), parent, {}, {}});
    return static_cast<int>(tree.size()) - 1;
}

std::string heading_type(int level) { return "H" + std::to_string(std::clamp(level, 1, 6)); }

bool holds_text(const std::string& type) {
    static constexpr std::array<std::string_view, 14> kText = {"P",  "H1", "H2",  "H3",   "H4",   "H5",   "H6",
                                                               "TH", "TD", "Lbl", "Link", "Note", "Form", "Caption"};
    return std::find(kText.begin(), kText.end(), type) != kText.end();
}

}  // namespace kansli::layout
