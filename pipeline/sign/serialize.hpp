// INTERNAL to sign/: compact PDF text of a qpdf object for the objects an update rewrites.
// QPDFObjectHandle::unparse() writes any string with a non-ASCII byte as hex (a UTF-16 /Author
// doubles in size) and spaces every token; this writes literal strings (binary bytes raw, the
// delimiters and CR escaped) and only the spaces PDF needs.
#pragma once

#include "core/diagnostic.hpp"
#include "sign/document.hpp"
#include "sign/update_writer.hpp"

#include <map>
#include <string>

namespace kansli::sign::detail {

/// The PDF text of `o` (a direct value; nested indirect objects are written as "N G R").
/// Dictionary entries whose value is null are left out (qpdf treats them as absent). Throws
/// core::Error for a stream or nesting deeper than 256 (the input was pre-scanned to 64).
std::string pdf_text(OH o);

/// The existing objects an update rewrites (same number and generation), changed in memory.
class ChangedObjects {
public:
    /// Marks the indirect object `o` for rewriting; a direct one is rewritten with its owner.
    void mark(OH o) {
        if (o.isIndirect()) m_objects.emplace(o.getObjGen(), o);
    }
    /// Queues every marked object in `writer`. Throws core::Error (exit 1) for a stream.
    void write(UpdateWriter& writer) {
        for (auto& [og, o] : m_objects) {
            if (o.isStream()) {
                throw core::Error(core::ExitCode::Invalid, "sign", {},
                                  "object " + og.unparse(' ') + " is a stream where a dictionary was expected");
            }
            writer.add(og.getObj(), og.getGen(), pdf_text(o));
        }
    }

private:
    std::map<QPDFObjGen, OH> m_objects;
};

}  // namespace kansli::sign::detail
