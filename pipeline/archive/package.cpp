#include "archive/package.hpp"

#include "archive/digest.hpp"
#include "archive/mets.hpp"
#include "archive/premis.hpp"
#include "core/files.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

/// The archive's own XSDs (schemas/archive/ of the kansli home) copied into every package.
constexpr const char* kArchiveSchemas[] = {"mets.xsd", "xlink.xsd", "premis-v3-0.xsd", "DILCISExtensionMETS.xsd"};
/// kansli's source schemas, copied when the package holds a source (rep2).
constexpr const char* kSourceSchemas[] = {"common.xsd", "protokoll.xsd", "kallelse.xsd", "avtal.xsd"};

class Writer {
public:
    explicit Writer(std::string dir) : m_dir(std::move(dir)) {}

    /// Writes `bytes` to `rel`; `sha256` is their hash when the caller knows it, else "".
    PackageFile put(const std::string& rel, std::string_view bytes, const std::string& sha256 = {}) {
        const fs::path p = fs::path(m_dir) / rel;
        make_parents(rel);
        const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0) core::throw_io(p.string(), std::string("cannot create the file: ") + std::strerror(errno));
        std::size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                const int err = errno;
                ::close(fd);
                core::throw_io(p.string(), std::string("cannot write the file: ") + std::strerror(err),
                               "is the disk full or the archive read-only?");
            }
            done += static_cast<std::size_t>(n);
        }
        // No fsync here: ingest syncs the file system once before it registers a group of packages
        // (archive/ingest.cpp), so no row ever names a file that a power cut could lose.
        if (::close(fd) != 0) {
            core::throw_io(p.string(), std::string("cannot write the file: ") + std::strerror(errno));
        }
        PackageFile f{rel, mime_of(rel), bytes.size(), sha256.empty() ? sha256_hex(bytes) : sha256};
        m_files.push_back(f);
        return f;
    }
    PackageFile put(const std::string& rel, const core::Bytes& b, const std::string& sha256 = {}) {
        return put(rel, std::string_view(reinterpret_cast<const char*>(b.data()), b.size()), sha256);
    }
    std::vector<PackageFile>& files() { return m_files; }

private:
    /// Creates the folders of `rel` below the package folder, each once per package (a mkdir each,
    /// no stat of every path component for every file as create_directories does).
    void make_parents(const std::string& rel) {
        for (auto slash = rel.find('/'); slash != std::string::npos; slash = rel.find('/', slash + 1)) {
            std::string folder = rel.substr(0, slash);
            if (m_folders.count(folder)) continue;
            const std::string path = m_dir + "/" + folder;
            if (::mkdir(path.c_str(), 0777) != 0) {
                const int err = errno;
                std::error_code ec;
                if (err != EEXIST || !fs::is_directory(path, ec))
                    core::throw_io(path, std::string("cannot create the folder: ") + std::strerror(err));
            }
            m_folders.insert(std::move(folder));
        }
    }

    std::string m_dir;
    std::vector<PackageFile> m_files;
    std::set<std::string> m_folders;  ///< made below m_dir
};

/// A schema file's bytes and SHA-256, read and hashed once per process (the same XSDs go into
/// every package).
struct Schema {
    core::Bytes bytes;
    std::string sha256;
};

const Schema& schema_file(const std::string& path) {
    static std::mutex mu;
    static std::map<std::string, std::unique_ptr<Schema>> cache;
    const std::lock_guard lock(mu);
    auto& slot = cache[path];
    if (!slot) {
        core::Bytes b = core::read_file(path);
        std::string sha = sha256_hex(b);
        slot = std::make_unique<Schema>(Schema{std::move(b), std::move(sha)});
    }
    return *slot;
}

std::vector<PackageFile> relative_to(const std::vector<PackageFile>& files, const std::string& prefix) {
    std::vector<PackageFile> out;
    for (auto f : files) {
        f.path = f.path.substr(prefix.size());
        out.push_back(f);
    }
    return out;
}

}  // namespace

std::string mime_of(const std::string& path) {
    const std::string ext = fs::path(path).extension().string();
    if (ext == ".pdf") return "application/pdf";
    if (ext == ".xml" || ext == ".xsd") return "text/xml";
    if (ext == ".json") return "application/json";
    if (ext == ".png") return "image/png";
    if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
    if (ext == ".txt") return "text/plain";
    return "application/octet-stream";
}

std::vector<PackageFile> write_package(const Record& rec, const PackageConfig& cfg, const std::string& dir) {
    Writer w(dir);
    // Representations first: PREMIS describes their data files.
    const std::string rep1 = "representations/rep1/";
    std::vector<PackageFile> rep1_files{
        w.put(rep1 + "data/" + fs::path(rec.pdf_path).filename().string(), rec.pdf, rec.sha256)};
    std::vector<PackageFile> objects = rep1_files;
    std::vector<PackageFile> rep2_files;
    const std::string rep2 = "representations/rep2/";
    if (!rec.source_path.empty()) {
        rep2_files.push_back(w.put(rep2 + "data/" + fs::path(rec.source_path).filename().string(), rec.source));
        for (std::size_t i = 0; i < rec.handlingar.size(); ++i) {
            const std::string name = std::to_string(i + 1) + "-" + fs::path(rec.handlingar[i]).filename().string();
            rep2_files.push_back(w.put(rep2 + "data/handlingar/" + name, core::read_file(rec.handlingar[i])));
        }
        objects.insert(objects.end(), rep2_files.begin(), rep2_files.end());
    }
    w.put(rep1 + "METS.xml", representation_mets(rec, "rep1", relative_to(rep1_files, rep1)));
    if (!rep2_files.empty()) w.put(rep2 + "METS.xml", representation_mets(rec, "rep2", relative_to(rep2_files, rep2)));

    w.put("documentation/verification.txt", rec.report_text);
    w.put("documentation/verification.json", rec.report_json);
    w.put("documentation/rebuild.txt", std::string(to_string(rec.rebuild)) + ": " + rec.rebuild_detail + "\n");
    const fs::path schemas = fs::path(cfg.home) / "schemas";
    for (const char* s : kArchiveSchemas) {
        const Schema& x = schema_file((schemas / "archive" / s).string());
        w.put(std::string("schemas/") + s, x.bytes, x.sha256);
    }
    if (!rec.source_path.empty()) {
        for (const char* s : kSourceSchemas) {
            const Schema& x = schema_file((schemas / s).string());
            w.put(std::string("schemas/") + s, x.bytes, x.sha256);
        }
    }
    w.put("metadata/descriptive/meeting.xml", meeting_xml(rec));
    w.put("metadata/preservation/premis.xml", premis_xml(rec, objects));
    std::vector<PackageFile> files = w.files();
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    const PackageFile root = w.put("METS.xml", root_mets(rec, cfg, files));
    files.insert(files.begin(), root);
    return files;
}

}  // namespace kansli::archive
