#include "render/kansli_data.hpp"

namespace kansli::render {

void add_kansli_data(PoDoFo::PdfMemDocument& doc, const std::vector<std::pair<std::string, std::string>>& data) {
    PoDoFo::PdfDictionary dict;
    for (const auto& [name, bytes] : data) {
        PoDoFo::PdfObject* obj = doc.GetObjects().CreateObject();
        PoDoFo::TVecFilters filters{PoDoFo::ePdfFilter_FlateDecode};
        obj->GetStream()->Set(bytes.data(), static_cast<PoDoFo::pdf_long>(bytes.size()), filters);
        dict.AddKey(PoDoFo::PdfName(name), obj->Reference());
    }
    doc.GetCatalog()->GetDictionary().AddKey("KANS_Data", dict);
}

}  // namespace kansli::render
