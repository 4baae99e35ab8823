#include "pdf/reader.hpp"

#include "pdf/decode.hpp"
#include "pdf/page_tree.hpp"
#include "pdf/syntax.hpp"

#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFXRefEntry.hh>

#include <cstring>
#include <filesystem>
#include <set>
#include <string_view>

namespace kansli::pdf {
namespace {

std::string mib(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

const char* kRepairHint = "open it in a PDF viewer and save or print it again as PDF, or run 'qpdf --check' on it";

[[noreturn]] void too_much(std::uint64_t per_stream_cap, const Limits& limits) {
    if (per_stream_cap < limits.stream_decoded_bytes) {
        throw Refused(Refusal::DecodedBytes,
                      "its compressed streams decode to more than " + mib(limits.total_decoded_bytes) + " together",
                      "a real document this large must be split; this may be a decompression bomb");
    }
    throw Refused(Refusal::StreamBytes, "one of its streams decodes to more than " + mib(limits.stream_decoded_bytes),
                  "a real document this large must be split; this may be a decompression bomb");
}

std::uint64_t stream_cap(const Limits& limits, std::uint64_t decoded) {
    const std::uint64_t left = decoded >= limits.total_decoded_bytes ? 0 : limits.total_decoded_bytes - decoded;
    return std::min(limits.stream_decoded_bytes, left);
}

void check_stats(const SyntaxStats& st, const Limits& limits, const std::string& where, Usage& used) {
    used.items += st.items;
    if (used.items > limits.total_items) {
        throw Refused(
            Refusal::Container,
            "its arrays and dictionaries hold more than " + std::to_string(limits.total_items) + " items together",
            kRepairHint);
    }
    if (st.nesting > limits.nesting) {
        throw Refused(
            Refusal::Nesting,
            "its objects" + where + " are nested more than " + std::to_string(limits.nesting) + " levels deep",
            kRepairHint);
    }
    if (st.largest_container > limits.container_items) {
        throw Refused(Refusal::Container,
                      "one of its arrays or dictionaries" + where + " holds more than " +
                          std::to_string(limits.container_items) + " items",
                      kRepairHint);
    }
    if (st.objects > limits.objects) {
        throw Refused(Refusal::Objects, "it has more than " + std::to_string(limits.objects) + " objects", kRepairHint);
    }
}

// A cross-reference stream, inflated under the caps before qpdf decodes it while opening.
void check_xref_stream(std::span<const std::uint8_t> pdf, const RawStream& x, const Limits& limits,
                       std::uint64_t& decoded) {
    const std::string_view dict(reinterpret_cast<const char*>(pdf.data()) + x.dict_begin, x.dict_end - x.dict_begin);
    if (dict.find("/Filter") == std::string_view::npos) return;  // raw: as large as it is in the file
    for (const char* other :
         {"/LZW", "/RunLength", "/ASCII", "/AHx", "/A85", "/RL", "/DCT", "/JBIG2", "/JPX", "/CCITT", "/Crypt"}) {
        if (dict.find(other) != std::string_view::npos) {
            throw Refused(Refusal::Damaged, "its cross-reference stream uses a filter other than FlateDecode",
                          kRepairHint);
        }
    }
    const std::string_view rest(reinterpret_cast<const char*>(pdf.data()) + x.data_begin, pdf.size() - x.data_begin);
    const std::size_t end = std::min(rest.find("endstream"), rest.size());
    bool exceeded = false;
    const auto data =
        inflate(std::span<const std::uint8_t>(pdf.data() + x.data_begin, end), stream_cap(limits, decoded), &exceeded);
    if (exceeded) too_much(stream_cap(limits, decoded), limits);  // corrupt data: qpdf decides whether the file opens
    decoded += data.size();
}

}  // namespace

void check_bytes(std::span<const std::uint8_t> pdf, const Limits& limits, Usage& used) {
    if (pdf.size() > limits.file_bytes) {
        throw Refused(Refusal::TooLarge, "it is larger than " + mib(limits.file_bytes), "split it into smaller files");
    }
    const std::string_view head(reinterpret_cast<const char*>(pdf.data()), std::min<std::size_t>(pdf.size(), 1024));
    if (head.find("%PDF-") == std::string_view::npos) {
        throw Refused(Refusal::NotPdf, "it does not start with a PDF header (%PDF-)", "attach a PDF file");
    }
    const SyntaxStats st =
        scan_syntax(pdf, SyntaxCaps{limits.nesting, limits.container_items, limits.objects, limits.total_items});
    check_stats(st, limits, "", used);
    for (const auto& x : st.xref_streams) check_xref_stream(pdf, x, limits, used.decoded);
}

std::string read_stream(QPDFObjectHandle stream, const Limits& limits, Usage& used) {
    const std::uint64_t cap = stream_cap(limits, used.decoded);
    CappedSink sink(cap);
    bool ok = false;
    try {
        ok = stream.pipeStreamData(&sink, 0, qpdf_dl_all, true, false);
    } catch (const std::exception&) {
        if (!sink.exceeded()) throw;
    }
    if (sink.exceeded()) too_much(cap, limits);
    if (!ok)
        throw Refused(Refusal::Damaged, "a stream cannot be decoded (object " + stream.getObjGen().unparse(' ') + ")",
                      kRepairHint);
    used.decoded += sink.data().size();
    return std::move(sink.data());
}

void charge_decoded(std::uint64_t bytes, const Limits& limits, Usage& used) {
    const std::uint64_t cap = stream_cap(limits, used.decoded);
    if (bytes > cap) too_much(cap, limits);  // as CappedSink: beyond the cap, not at it
    used.decoded += bytes;
}

std::vector<QPDFObjectHandle> check_loaded(QPDF& q, const Limits& limits, Usage& used, const OpenOptions& options,
                                           const std::set<int>* scanned,
                                           const std::map<QPDFObjGen, QPDFXRefEntry>* xref_read) {
    if (q.isEncrypted()) {
        throw Refused(
            Refusal::Encrypted, "it is encrypted",
            "remove the encryption first (e.g. qpdf --decrypt in.pdf out.pdf, with the password if it has one)");
    }
    std::map<QPDFObjGen, QPDFXRefEntry> xref_copy;
    if (xref_read == nullptr) xref_copy = q.getXRefTable();
    const auto& xref = xref_read != nullptr ? *xref_read : xref_copy;
    if (xref.size() > limits.objects) {
        throw Refused(Refusal::Objects, "it has more than " + std::to_string(limits.objects) + " objects", kRepairHint);
    }
    // Objects in object streams are parsed from decoded data the pre-scan never saw: decode each
    // object stream under the caps and scan it the same way, before qpdf resolves any of them.
    std::set<int> object_streams;
    for (const auto& [og, entry] : xref) {
        if (entry.getType() == 2) object_streams.insert(entry.getObjStreamNumber());
    }
    for (int n : object_streams) {
        if (scanned != nullptr && scanned->count(n)) continue;
        QPDFObjectHandle s = q.getObjectByID(n, 0);
        if (!s.isStream()) continue;  // qpdf refuses to resolve its objects
        const std::string data = read_stream(s, limits, used);
        const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
        const std::size_t items_left = used.items < limits.total_items ? limits.total_items - used.items : 0;
        check_stats(scan_syntax(bytes, SyntaxCaps{limits.nesting, limits.container_items, 0, items_left + 1}), limits,
                    " (in object stream " + std::to_string(n) + ")", used);
    }
    return walk_page_tree(q, limits, options.require_pages);
}

Opened open(std::span<const std::uint8_t> pdf, const Limits& limits, const OpenOptions& options) {
    Usage used;
    check_bytes(pdf, limits, used);
    Opened out;
    out.qpdf = std::make_unique<QPDF>();
    out.qpdf->setSuppressWarnings(true);
    out.qpdf->setAttemptRecovery(options.attempt_recovery);
    try {
        // Not getRoot() yet: a catalog inside an object stream would make qpdf decode that stream
        // with no cap before check_loaded() scans it (a 400 KB file decoding to 400 MB did).
        out.qpdf->processMemoryFile("pdf", reinterpret_cast<const char*>(pdf.data()), pdf.size());
    } catch (const QPDFExc& e) {
        if (e.getErrorCode() == qpdf_e_password) {
            throw Refused(Refusal::Encrypted, "it is encrypted with a password",
                          "remove the encryption first (qpdf --decrypt --password=… in.pdf out.pdf)");
        }
        throw Refused(Refusal::Damaged, "it is damaged (" + e.getMessageDetail() + ")", kRepairHint);
    } catch (const std::exception& e) {
        throw Refused(Refusal::Damaged, std::string("it is damaged (") + e.what() + ")", kRepairHint);
    }
    try {
        out.pages = check_loaded(*out.qpdf, limits, used, options);
    } catch (const Refused&) {
        throw;
    } catch (const std::exception& e) {  // qpdf: an object that does not parse
        throw Refused(Refusal::Damaged, std::string("it is damaged (") + e.what() + ")", kRepairHint);
    }
    return out;
}

Opened open_file(const std::string& path, const Limits& limits, const OpenOptions& options) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > limits.file_bytes) {
        throw Refused(Refusal::TooLarge, "it is larger than " + mib(limits.file_bytes), "split it into smaller files");
    }
    core::Bytes bytes = core::read_file(path, limits.file_bytes);
    Opened out = open(bytes, limits, options);  // reads `bytes`' buffer, which the move keeps
    out.bytes = std::move(bytes);
    return out;
}

}  // namespace kansli::pdf
