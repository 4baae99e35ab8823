#include "pdf/page_tree.hpp"

#include "pdf/reader.hpp"

#include <set>
#include <string>

namespace kansli::pdf {
namespace {

const char* kHint = "open it in a PDF viewer and save or print it again as PDF, or run 'qpdf --check' on it";

[[noreturn]] void lies(const std::string& why) {
    throw Refused(Refusal::PageTree, "its page tree is broken: " + why, kHint);
}

std::string object_label(QPDFObjectHandle o) {
    return o.isIndirect() ? "object " + o.getObjGen().unparse(' ') : "a direct object";
}

void check_count(QPDFObjectHandle node, const Limits& limits) {
    if (!node.hasKey("/Count")) return;
    QPDFObjectHandle count = node.getKey("/Count");
    if (!count.isInteger() || count.getIntValue() < 0)
        lies(object_label(node) + " has a /Count that is not a page count");
    if (count.getIntValue() > static_cast<long long>(limits.pages)) {
        throw Refused(
            Refusal::Pages,
            "its page tree claims /Count " + std::to_string(count.getIntValue()) + " (" + object_label(node) +
                "); kansli reads at most " + std::to_string(limits.pages) + " pages",
            "split it into smaller files; if it has fewer pages, its page tree is broken: " + std::string(kHint));
    }
}

struct Frame {
    QPDFObjectHandle kids;
    int next = 0;
};

}  // namespace

std::vector<QPDFObjectHandle> walk_page_tree(QPDF& q, const Limits& limits, bool require_pages) {
    std::vector<QPDFObjectHandle> pages;
    QPDFObjectHandle root = q.getRoot().getKey("/Pages");
    if (!root.isDictionary()) {
        if (require_pages) throw Refused(Refusal::NoPages, "it has no pages (the catalog has no page tree)", kHint);
        return pages;
    }
    std::set<QPDFObjGen> seen;  // page tree nodes (not leaves: a page may appear twice)
    std::vector<Frame> stack;
    auto enter = [&](QPDFObjectHandle node) {
        if (node.isIndirect() && !seen.insert(node.getObjGen()).second)
            lies(object_label(node) + " is reached twice (the tree refers to itself)");
        check_count(node, limits);
        QPDFObjectHandle kids = node.getKey("/Kids");
        if (!kids.isArray()) lies(object_label(node) + " has /Kids that is not an array");
        if (stack.size() >= limits.page_tree_depth) {
            throw Refused(Refusal::PageDepth,
                          "its page tree is deeper than " + std::to_string(limits.page_tree_depth) + " levels", kHint);
        }
        stack.push_back({kids, 0});
    };
    enter(root);
    while (!stack.empty()) {
        Frame& top = stack.back();
        if (top.next >= top.kids.getArrayNItems()) {
            stack.pop_back();
            continue;
        }
        QPDFObjectHandle kid = top.kids.getArrayItem(top.next++);
        if (!kid.isDictionary()) {
            lies("a /Kids entry (" + object_label(kid) + ") is " + (kid.isNull() ? "missing" : "not a dictionary"));
        }
        QPDFObjectHandle type = kid.getKey("/Type");
        if (kid.hasKey("/Kids")) {
            if (type.isName() && type.getName() != "/Pages")
                lies(object_label(kid) + " has /Kids but is a " + type.getName());
            enter(kid);
            continue;
        }
        if (type.isName() && type.getName() != "/Page")
            lies("a /Kids entry (" + object_label(kid) + ") is a " + type.getName() + ", not a page");
        if (pages.size() >= limits.pages) {
            throw Refused(Refusal::Pages, "it has more than " + std::to_string(limits.pages) + " pages",
                          "split it into smaller files");
        }
        pages.push_back(kid);
    }
    if (pages.empty() && require_pages) throw Refused(Refusal::NoPages, "it has no pages", kHint);
    return pages;
}

}  // namespace kansli::pdf
