#include "archive/ingest.hpp"

#include "archive/digest.hpp"
#include "archive/inputs.hpp"
#include "archive/register.hpp"
#include "archive/report.hpp"
#include "archive/zip.hpp"
#include "core/files.hpp"
#include "verify/chain.hpp"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <iterator>
#include <mutex>
#include <ostream>
#include <set>
#include <sys/file.h>
#include <thread>
#include <unistd.h>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

/// Holds DIR/.lock (flock) for the life of the ingest.
struct ArchiveLock {
    int fd = -1;
    explicit ArchiveLock(const std::string& dir) {
        const std::string path = dir + "/.lock";
        fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0)
            core::throw_io(path, std::string("cannot create the lock: ") + std::strerror(errno),
                           "is the archive read-only?");
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            core::throw_io(dir, "another ingest or merge is running on this archive");
        }
    }
    ~ArchiveLock() { ::close(fd); }
};

/// Removes what an interrupted run left: the scratch folder and package folders no row names.
void recover(const Register& reg, const fs::path& dir) {
    std::error_code ec;
    fs::remove_all(dir / ".tmp", ec);
    std::set<std::string> known;
    for (const auto& [objid, path] : reg.packages()) known.insert(path);
    for (const auto& e : fs::directory_iterator(dir / "packages", ec)) {
        const std::string rel = "packages/" + e.path().filename().string();
        if (!known.count(rel)) fs::remove_all(e.path(), ec);
    }
    fs::remove_all(dir / "karantän" / ".tmp", ec);
}

/// Writes `files` (name → bytes) into a fresh folder and renames it to `target`. False (nothing
/// done) when `target` exists.
bool write_folder(const fs::path& scratch, const fs::path& target,
                  const std::vector<std::pair<std::string, std::string>>& files) {
    std::error_code ec;
    if (fs::exists(target, ec)) return false;
    fs::remove_all(scratch, ec);
    fs::create_directories(scratch, ec);
    if (ec) core::throw_io(scratch.string(), "cannot create the folder: " + ec.message());
    for (const auto& [name, bytes] : files) core::write_file_atomic((scratch / name).string(), bytes);
    fs::create_directories(target.parent_path(), ec);
    fs::rename(scratch, target, ec);
    if (ec && !fs::exists(target)) core::throw_io(target.string(), "cannot move into place: " + ec.message());
    return true;
}

struct Shared {
    Shared(const IngestConfig& c, std::ostream& o, Register& r, Register& rd, std::vector<std::string> f)
        : cfg(c), out(o), reg(r), reader(rd), files(std::move(f)) {}
    const IngestConfig& cfg;
    std::ostream& out;
    Register& reg;     ///< the writer (under reg_mu)
    Register& reader;  ///< the duplicate checks (under mu): a WAL reader, never waits for the writer
    std::vector<std::string> files;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};  ///< an I/O error of the archive (full disk, read-only): no more documents
    std::mutex mu;                  ///< the output, the summary and the pending packages
    std::mutex reg_mu;              ///< the register's writer: one caller at a time (taken after mu, never before)
    std::mutex flush_mu;            ///< one syncfs and registration of a group at a time (taken without mu)
    IngestSummary sum;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::size_t done = 0;
    /// Packages in place but not yet registered: registered after one syncfs, in groups.
    struct Pending {
        Record rec;
        std::vector<PackageFile> files;
        std::string path;  ///< packages/<OBJID> or packages/<OBJID>.zip
    };
    std::vector<Pending> pending;
    std::set<std::string> pending_ids;
    /// Groups handed to the flusher thread (under mu), at most kQueued: a worker waits on `room`
    /// beyond that, so memory stays bounded whatever the batch size.
    std::deque<std::vector<Pending>> queued;
    std::condition_variable work, room;
    bool finished = false;           ///< no more groups will come (under mu)
    std::exception_ptr flush_error;  ///< the flusher's I/O error, rethrown by ingest() (under mu)
};

/// Up to 8 groups (256 packages' records, a few MB) wait for the flusher: a syncfs of this VM's
/// shared disk took from 10 ms to over a second, and with 2 the workers sat idle behind the slow
/// ones (ingest 2000: 47.6 s wall for 34.5 s of CPU per core).
constexpr std::size_t kQueued = 8;

constexpr std::size_t kGroup = 32;

/// Makes every package of `group` durable (one syncfs for the archive's file system), then
/// registers them all in one transaction (each package's rows whole or not at all, as with one
/// transaction each; a crash before the commit leaves the group's packages unregistered, and the
/// next run removes them and ingests them again). Called without sh.mu, so that the other workers
/// go on while the disk syncs; the group's OBJIDs stay in sh.pending_ids (duplicates are still
/// seen: the workers' reader sees only what is committed) until they are registered.
void flush(Shared& sh, std::vector<Shared::Pending> group) {
    if (group.empty()) return;
    const std::lock_guard flushing(sh.flush_mu);
    bool added = false;
    const auto forget = [&] {
        const std::lock_guard lock(sh.mu);
        if (added)
            for (const auto& p : group) sh.pending_ids.erase(p.rec.objid);
    };
    try {
        const int fd = ::open(sh.cfg.archive_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0 || ::syncfs(fd) != 0) {
            const int err = errno;
            if (fd >= 0) ::close(fd);
            core::throw_io(sh.cfg.archive_dir, std::string("cannot sync the archive: ") + std::strerror(err));
        }
        ::close(fd);
        {
            const std::lock_guard reg(sh.reg_mu);
            sh.reg.begin();
            try {
                for (const auto& p : group) sh.reg.add_rows(p.rec, p.path, p.files);
                sh.reg.commit();
            } catch (...) {
                sh.reg.rollback();
                throw;
            }
        }
        added = true;
    } catch (...) {
        forget();
        throw;  // the rest stay in place unregistered: the next run removes them
    }
    forget();
}

/// Takes the pending packages (sh.mu is held) for flush().
std::vector<Shared::Pending> take_pending(Shared& sh) {
    std::vector<Shared::Pending> group;
    group.swap(sh.pending);
    return group;
}

/// Queues a group for the flusher thread (sh.mu is held by `lock`); waits while kQueued are queued.
void hand_off(Shared& sh, std::unique_lock<std::mutex>& lock, std::vector<Shared::Pending> group) {
    sh.room.wait(lock, [&] { return sh.queued.size() < kQueued || sh.flush_error; });
    if (sh.flush_error) return;  // the archive's I/O failed: these stay unregistered (the next run removes them)
    sh.queued.push_back(std::move(group));
    sh.work.notify_one();
}

/// The flusher thread: syncs and registers the queued groups while the workers go on examining
/// (a syncfs takes 10-160 ms here, a worker waiting on it left its core idle). The groups that
/// queued up while it was busy go together: one syncfs and one transaction (each commit writes
/// the changed B-tree pages to the WAL again and makes FTS5 a new segment to merge later). The
/// first I/O error stops the ingest; ingest() rethrows it.
void flusher(Shared& sh) {
    std::unique_lock lock(sh.mu);
    for (;;) {
        sh.work.wait(lock, [&] { return !sh.queued.empty() || sh.finished; });
        if (sh.queued.empty()) return;
        std::vector<Shared::Pending> group = std::move(sh.queued.front());
        sh.queued.pop_front();
        for (; !sh.queued.empty(); sh.queued.pop_front())
            std::move(sh.queued.front().begin(), sh.queued.front().end(), std::back_inserter(group));
        sh.room.notify_all();
        lock.unlock();
        std::exception_ptr error;
        try {
            flush(sh, std::move(group));
        } catch (...) {
            error = std::current_exception();
        }
        lock.lock();
        if (error) {
            sh.flush_error = error;
            sh.stop = true;
            sh.queued.clear();
            sh.room.notify_all();
            return;
        }
    }
}

/// Whether the register holds the version (sh.mu is held).
bool registered(Shared& sh, const std::string& sha256) { return sh.reader.has_version(sha256); }

void report(Shared& sh, Outcome o, const Record& rec, const std::string& detail) {
    // sh.mu is held
    ++sh.done;
    switch (o) {
        case Outcome::Archived: ++sh.sum.archived; break;
        case Outcome::Exists: ++sh.sum.existing; break;
        case Outcome::Quarantined: ++sh.sum.quarantined; break;
        case Outcome::Error: ++sh.sum.errors; break;
    }
    if (sh.cfg.json) {
        sh.out << outcome_json(o, rec, detail) << "\n";
    } else if (sh.cfg.progress) {
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - sh.start).count();
        const double rate = secs > 0 ? static_cast<double>(sh.done) / secs : 0;
        const double eta = rate > 0 ? static_cast<double>(sh.files.size() - sh.done) / rate : 0;
        char buf[160];
        std::snprintf(buf, sizeof buf, "\r%zu/%zu  %.1f/s  ETA %.0f s  quarantined %zu  ", sh.done, sh.files.size(),
                      rate, eta, sh.sum.quarantined);
        sh.out << buf << std::flush;
        if (o == Outcome::Quarantined || o == Outcome::Error) sh.out << "\n" << outcome_line(o, rec, detail) << "\n";
    } else {
        sh.out << outcome_line(o, rec, detail) << "\n";
    }
}

bool quarantine(Shared& sh, const Record& rec) {
    const fs::path dir = fs::path(sh.cfg.archive_dir);
    const std::string name = rec.objid.empty() ? "unreadable-" + sha256_hex(rec.pdf_path).substr(0, 16) : rec.objid;
    std::vector<std::pair<std::string, std::string>> files = {
        {"reason.txt", rec.failure + "\n"},
        {"verification.txt", rec.report_text},
        {"verification.json", rec.report_json},
        {"rebuild.txt", std::string(to_string(rec.rebuild)) + ": " + rec.rebuild_detail + "\n"},
        {"file.txt", rec.pdf_path + "\n"}};
    return write_folder(dir / "karantän" / ".tmp" / name, dir / "karantän" / name, files);
}

/// The package folder `tmp` as `tmp`.zip (entries OBJID/<path> in path order, times = ingest
/// time: the bytes `archive export OUT.zip` gives); the folder is removed. Returns the ZIP's path.
fs::path zip_package(const fs::path& tmp, const Record& rec, const std::vector<PackageFile>& files) {
    std::vector<std::string> rels;
    for (const auto& f : files) rels.push_back(f.path);
    std::sort(rels.begin(), rels.end());
    const fs::path zip = tmp.string() + ".zip";
    core::write_file_atomic(zip.string(), zip_folder(tmp.string(), rels, rec.objid, rec.ingested));
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return zip;
}

void one(Shared& sh, std::size_t index) {
    Record rec;
    bool read = false;
    rec.pdf_path = sh.files[index];
    rec.ingested = sh.cfg.now;
    try {
        rec.pdf = core::read_file(rec.pdf_path, sh.cfg.examine.verify.max_bytes);
        read = true;
        rec.sha256 = sha256_hex(rec.pdf);
        rec.objid = objid_from_sha256(rec.sha256);
        {
            std::lock_guard lock(sh.mu);
            if (sh.pending_ids.count(rec.objid) || registered(sh, rec.sha256)) {
                report(sh, Outcome::Exists, rec, "already archived: nothing done");
                return;
            }
        }
        examine(rec, sh.cfg.examine);
        if (!rec.accepted) {
            const bool first = quarantine(sh, rec);
            std::lock_guard lock(sh.mu);
            if (first) {
                const std::lock_guard reg(sh.reg_mu);
                sh.reg.add_event(core::format_iso(rec.ingested), rec.objid, "quarantine", "failure", rec.failure);
            }
            report(sh, Outcome::Quarantined, rec, rec.failure);
            return;
        }
        const fs::path dir = fs::path(sh.cfg.archive_dir);
        const fs::path tmp = dir / ".tmp" / rec.objid;
        const std::string rel = "packages/" + rec.objid + (sh.cfg.zip ? ".zip" : "");
        const fs::path target = dir / rel;
        std::error_code ec;
        fs::remove_all(tmp, ec);
        fs::create_directories(tmp, ec);
        if (ec) core::throw_io(tmp.string(), "cannot create the package folder: " + ec.message());
        const auto files = write_package(rec, sh.cfg.package, tmp.string());
        fs::path made = tmp;
        if (sh.cfg.zip) made = zip_package(tmp, rec, files);
        {
            std::unique_lock lock(sh.mu);
            if (sh.pending_ids.count(rec.objid) || registered(sh, rec.sha256)) {  // the same file twice
                fs::remove_all(made, ec);
                report(sh, Outcome::Exists, rec, "already archived: nothing done");
                return;
            }
            fs::rename(made, target, ec);
            if (ec) core::throw_io(target.string(), "cannot move the package into place: " + ec.message());
            report(sh, Outcome::Archived, rec, "");
            rec.pdf.clear();
            rec.source.clear();
            sh.pending_ids.insert(rec.objid);
            sh.pending.push_back({std::move(rec), files, rel});
            if (sh.pending.size() >= kGroup) hand_off(sh, lock, take_pending(sh));
        }
    } catch (const core::Error& e) {
        const auto& d = e.diagnostics();
        std::string why = d.empty() ? std::string(e.what()) : d.front().message;
        if (!d.empty() && !d.front().loc.file.empty()) why = d.front().loc.file + ": " + why;
        std::lock_guard lock(sh.mu);
        // An unreadable input is the document's fault (quarantined); the archive's I/O is ours.
        const bool input_fault = !read;
        if (input_fault) {
            rec.failure = "cannot read the file: " + why;
            try {
                quarantine(sh, rec);
            } catch (const core::Error&) {}
        }
        if (!input_fault) {
            why += " (hint: " +
                   (d.empty() || d.front().hint.empty() ? std::string("is the disk full or the archive read-only?")
                                                        : d.front().hint) +
                   ")";
        }
        report(sh, input_fault ? Outcome::Quarantined : Outcome::Error, rec, why);
        if (!input_fault) {
            // The archive's own I/O failed (a full disk, a read-only archive): the next documents
            // would fail the same way. What this one wrote is removed; nothing of it is registered.
            sh.stop = true;
            std::error_code ec;
            fs::remove_all(fs::path(sh.cfg.archive_dir) / ".tmp" / rec.objid, ec);
            fs::remove(fs::path(sh.cfg.archive_dir) / ".tmp" / (rec.objid + ".zip"), ec);
        }
    }
}

}  // namespace

IngestSummary ingest(const IngestConfig& cfg, std::ostream& out) {
    const fs::path dir = fs::path(cfg.archive_dir);
    std::error_code ec;
    fs::create_directories(dir / "packages", ec);
    if (ec) core::throw_io(dir.string(), "cannot create the archive: " + ec.message(), "is it read-only?");
    const ArchiveLock lock(dir.string());
    Register reg = Register::open(dir.string(), true);
    recover(reg, dir);
    Register reader = Register::open_reader(dir.string());
    Shared sh(cfg, out, reg, reader, find_inputs(cfg.inputs, dir.string()));
    if (cfg.shards > 1) {
        std::vector<std::string> mine;
        for (auto& f : sh.files) {
            // The identity is the PDF's content hash: a byte-identical file lands in one shard.
            const core::Bytes b = core::read_file(f, cfg.examine.verify.max_bytes);
            if (shard_of(sha256_hex(b), cfg.shards) == cfg.shard) {
                mine.push_back(f);
            } else {
                ++sh.sum.skipped;
            }
        }
        sh.files = std::move(mine);
    }
    const unsigned n = std::max(1u, std::min<unsigned>(cfg.jobs, static_cast<unsigned>(sh.files.size())));
    std::thread flushing([&sh] { flusher(sh); });
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < n; ++w) {
        workers.emplace_back([&sh] {
            for (std::size_t i = sh.next++; i < sh.files.size() && !sh.stop; i = sh.next++) one(sh, i);
        });
    }
    for (auto& t : workers) t.join();
    {
        std::lock_guard guard(sh.mu);
        sh.finished = true;
        sh.work.notify_one();
    }
    flushing.join();
    try {
        if (sh.flush_error) std::rethrow_exception(sh.flush_error);
        std::vector<Shared::Pending> group;
        {
            std::lock_guard guard(sh.mu);
            group = take_pending(sh);
        }
        flush(sh, std::move(group));
    } catch (const core::Error&) {
        fs::remove_all(dir / ".tmp", ec);  // packages in place but unregistered: the next run removes them
        throw;
    }
    fs::remove_all(dir / ".tmp", ec);
    if (cfg.progress) out << "\n";
    if (sh.stop)
        out << "Stopped after an I/O error of the archive: " << (sh.files.size() - sh.done) << " documents not tried\n";
    const IngestSummary& s = sh.sum;
    if (cfg.json) {
        out << "{\"summary\": {\"archived\": " << s.archived << ", \"exists\": " << s.existing
            << ", \"quarantined\": " << s.quarantined << ", \"errors\": " << s.errors
            << ", \"other_shards\": " << s.skipped << "}}\n";
    } else {
        out << "Summary: " << s.archived << " archived, " << s.existing << " already there, " << s.quarantined
            << " quarantined (" << (dir / "karantän").string() << "), " << s.errors << " errors";
        if (cfg.shards > 1) out << "; " << s.skipped << " in other shards";
        out << "\n";
    }
    return s;
}

}  // namespace kansli::archive
