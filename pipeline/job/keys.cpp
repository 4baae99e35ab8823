#include "job/keys.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "sign/demo_pki.hpp"

#include <filesystem>

namespace kansli::job {

std::vector<std::string> make_demo_keys(const DemoKeysConfig& cfg) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(cfg.out_dir, ec);
    if (ec) core::throw_io(cfg.out_dir, "cannot create folder: " + ec.message());
    std::vector<sign::PemFile> files;
    const auto text = [&](const std::string& name) {
        const core::Bytes b = core::read_file((fs::path(cfg.out_dir) / name).string(), std::size_t{1} << 20);
        return std::string(b.begin(), b.end());
    };
    if (cfg.reissue_signers) {
        files = sign::reissue_demo_signers(text, cfg.passphrase);
    } else if (cfg.tsa_only) {
        files = sign::make_demo_tsa(text("root.cert.pem"), text("root.key.pem"), cfg.passphrase, cfg.pbkdf_iterations);
    } else {
        files = sign::make_demo_pki(cfg.passphrase, cfg.pbkdf_iterations);
    }
    std::vector<std::string> paths;
    for (const auto& f : files) {
        const std::string path = (fs::path(cfg.out_dir) / f.name).string();
        if (!cfg.overwrite && fs::exists(path, ec)) {
            core::throw_io(path, "exists already", "use --force to replace the demo PKI");
        }
        core::check_writable_target(path);  // before any file is written
        paths.push_back(path);
    }
    for (std::size_t i = 0; i < files.size(); ++i) core::write_file_atomic(paths[i], files[i].text);
    return paths;
}

}  // namespace kansli::job
