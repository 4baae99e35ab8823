// Reading only beneath a root folder (`--root DIR`): the files a document names (fil="…" of
// beslutsunderlag and images) are opened with openat2(RESOLVE_BENEATH), so neither "../" nor a
// symbolic link (at any depth, also one swapped in while kansli runs) can reach outside the
// root; kernels without openat2 get realpath + prefix check + O_NOFOLLOW + an inode comparison.
// FIFOs, sockets and devices are never read (opened non-blocking, refused after fstat).
#pragma once

#include <string>

namespace kansli::core {

/// Why a named file cannot be read; None when it can.
enum class FileProblem {
    None,
    NotFound,   ///< no such file (or a dangling symbolic link)
    Directory,  ///< a folder
    Special,    ///< a FIFO, socket or device (detail names which)
    Loop,       ///< too many symbolic links (a loop)
    Outside,    ///< resolves outside the root ("../", an absolute or escaping symbolic link)
    NotFolder,  ///< a part of the path before the last is not a folder
    Denied,     ///< permission denied
    Other       ///< anything else (detail holds strerror)
};

/// The outcome of open_beneath: an open descriptor of a regular file, or the problem.
class ConfinedFile final {
public:
    ConfinedFile() = default;
    ConfinedFile(const ConfinedFile&) = delete;
    ConfinedFile& operator=(const ConfinedFile&) = delete;
    ConfinedFile(ConfinedFile&& o) noexcept;
    ConfinedFile& operator=(ConfinedFile&& o) noexcept;
    ~ConfinedFile();

    FileProblem problem = FileProblem::Other;
    std::string detail;    ///< "a FIFO", strerror text, …
    std::string resolved;  ///< absolute path of the file opened, without symbolic links
    std::string root;      ///< the root, absolute and without symbolic links (for messages)
    [[nodiscard]] int fd() const { return m_fd; }
    [[nodiscard]] bool ok() const { return problem == FileProblem::None; }
    void set_fd(int fd);

private:
    int m_fd = -1;
};

/// Opens `rel` (relative to `base_dir`) read-only, refusing anything that resolves outside
/// `root` (both folders may be relative to the working directory; base_dir must lie beneath
/// root, else the problem is Outside). An absolute `rel` is refused as Outside unless it lies
/// beneath root. Never blocks (FIFOs), never throws.
ConfinedFile open_beneath(const std::string& root, const std::string& base_dir, const std::string& rel);

/// A short English phrase for a problem: "does not exist", "is a folder, not a file", …
std::string describe(const ConfinedFile& f);

/// Reads at most max_bytes from the start of an open file (the descriptor is left open).
std::string read_head(const ConfinedFile& f, std::size_t max_bytes);

}  // namespace kansli::core
