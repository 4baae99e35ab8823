#include "sign/proof_root.hpp"

#include "cms/merkle.hpp"
#include "core/diagnostic.hpp"
#include "pdf/kansli_data.hpp"

namespace kansli::sign::detail {

std::vector<core::Bytes> paragraph_root_attributes(QPDF& doc) {
    pdf::Usage used;
    const auto root = pdf::kansli_data(doc, pdf::kDataProofRoot, pdf::default_limits(), used);
    if (!root) return {};
    if (root->size() != 32) {
        throw core::Error(core::ExitCode::Invalid, "sign", {}, "the PDF's § proof root is not 32 bytes",
                          "rebuild the protokoll with kansli build");
    }
    return {cms::paragraph_root_attribute(core::Bytes(root->begin(), root->end()))};
}

}  // namespace kansli::sign::detail
