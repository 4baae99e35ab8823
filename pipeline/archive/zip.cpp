#include "archive/zip.hpp"

#include "core/diagnostic.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <filesystem>
#include <memory>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

struct WriteDeleter {
    void operator()(struct archive* a) const { archive_write_free(a); }
};
struct ReadDeleter {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
struct EntryDeleter {
    void operator()(struct archive_entry* e) const { archive_entry_free(e); }
};

std::string error_of(struct archive* a) { return archive_error_string(a) ? archive_error_string(a) : "unknown error"; }

}  // namespace

core::Bytes zip_folder(const std::string& root, const std::vector<std::string>& rels, const std::string& prefix,
                       core::Instant created) {
    const std::unique_ptr<struct archive, WriteDeleter> a(archive_write_new());
    core::Bytes bytes;
    if (!a || archive_write_set_format_zip(a.get()) != ARCHIVE_OK)
        core::throw_io(root, "cannot make a ZIP writer (libarchive)");
    archive_write_open(
        a.get(), &bytes, nullptr,
        [](struct archive*, void* user, const void* buf, size_t n) -> la_ssize_t {
            auto* out = static_cast<core::Bytes*>(user);
            const auto* p = static_cast<const std::uint8_t*>(buf);
            out->insert(out->end(), p, p + n);
            return static_cast<la_ssize_t>(n);
        },
        nullptr);
    for (const auto& rel : rels) {
        const core::Bytes b = core::read_file((fs::path(root) / rel).string(), std::size_t{1} << 30);
        const std::unique_ptr<struct archive_entry, EntryDeleter> e(archive_entry_new());
        archive_entry_set_pathname(e.get(), (prefix + "/" + rel).c_str());
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(b.size()));
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_mtime(e.get(), created.seconds, 0);
        if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK ||
            archive_write_data(a.get(), b.data(), b.size()) != static_cast<la_ssize_t>(b.size())) {
            core::throw_io(root, "cannot write the ZIP: " + error_of(a.get()));
        }
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) core::throw_io(root, "cannot write the ZIP: " + error_of(a.get()));
    return bytes;
}

std::map<std::string, core::Bytes> read_zip(const std::string& path, const std::string& prefix, std::size_t max_total) {
    const std::unique_ptr<struct archive, ReadDeleter> a(archive_read_new());
    if (!a) core::throw_io(path, "cannot make a ZIP reader (libarchive)");
    archive_read_support_format_zip(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        core::throw_io(path, "cannot open the ZIP: " + error_of(a.get()));
    std::map<std::string, core::Bytes> out;
    std::size_t total = 0;
    struct archive_entry* e = nullptr;
    for (int rc; (rc = archive_read_next_header(a.get(), &e)) != ARCHIVE_EOF;) {
        if (rc != ARCHIVE_OK) core::throw_io(path, "cannot read the ZIP: " + error_of(a.get()));
        if (archive_entry_filetype(e) != AE_IFREG) continue;
        std::string name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
        if (name.rfind(prefix + "/", 0) == 0) name = name.substr(prefix.size() + 1);
        core::Bytes b;
        std::uint8_t buf[1 << 16];
        for (la_ssize_t n; (n = archive_read_data(a.get(), buf, sizeof buf)) != 0;) {
            if (n < 0) core::throw_io(path, "cannot read the ZIP entry " + name + ": " + error_of(a.get()));
            total += static_cast<std::size_t>(n);
            if (total > max_total)
                core::throw_io(path, "the ZIP holds more than " + std::to_string(max_total) + " bytes");
            b.insert(b.end(), buf, buf + n);
        }
        out[name] = std::move(b);
    }
    return out;
}

}  // namespace kansli::archive
