#include "render/pack.hpp"

#include "core/diagnostic.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>

namespace kansli::render {

core::Bytes pack_objects(const core::Bytes& pdf) {
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.setAttemptRecovery(false);
        q.processMemoryFile("kansli", reinterpret_cast<const char*>(pdf.data()), pdf.size());
        QPDFWriter w(q);
        w.setOutputMemory();
        w.setObjectStreamMode(qpdf_o_generate);
        w.setDecodeLevel(qpdf_dl_none);  // streams are copied, never decoded
        w.setStaticID(true);             // set_content_id puts a content-derived /ID in its place
        w.write();
        const auto buffer = w.getBufferSharedPointer();
        return core::Bytes(buffer->getBuffer(), buffer->getBuffer() + buffer->getSize());
    } catch (const std::exception& e) {
        throw core::Error(core::ExitCode::Usage, "render", {},
                          std::string("cannot pack the PDF's objects (") + e.what() + ")",
                          "this is a bug in kansli; please report it with the input file");
    }
}

}  // namespace kansli::render
