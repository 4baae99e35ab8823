#include "cli/command.hpp"
#include "core/files.hpp"
#include "job/sign.hpp"
#include "sign/identity.hpp"
#ifndef KANSLI_LEAN
#include "tsa/client.hpp"
#endif

#include <cxxopts.hpp>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace kansli::cli {

int run_sign_external(const cxxopts::ParseResult& args, job::SignConfig& cfg);  // cmd_sign_external.cpp

int run_sign(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli sign", "Add a PAdES signature to a PDF as an incremental revision.");
    options.positional_help("IN.pdf -o OUT.pdf --key KEY.pem --cert CERT.pem");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("o,output", "signed PDF (written atomically; never a file it reads); - for standard output",
                          cxxopts::value<std::string>())("key", "private key, PKCS#8 PEM (encrypted PBES2 preferred)",
                                                         cxxopts::value<std::string>())(
        "cert", "certificate PEM: the signer's first, then the chain", cxxopts::value<std::string>())(
        "role", "sekreterare | justerare | ordförande | utdragsbestyrkande: picks the field",
        cxxopts::value<std::string>())("field", "name (/T) of the signature field to fill",
                                       cxxopts::value<std::string>())(
        "reason", "/Reason of the signature", cxxopts::value<std::string>())("location", "/Location of the signature",
                                                                             cxxopts::value<std::string>())(
        "date", "signing time, ISO 8601 (default SOURCE_DATE_EPOCH, else now)", cxxopts::value<std::string>())(
        "passphrase-file", "file whose first line is the key passphrase (else KANSLI_PASSPHRASE, else a prompt)",
        cxxopts::value<std::string>())("any-order", "ignore the signing order stored in the PDF")(
        "tsa", "URL of an RFC 3161 time-stamping authority: adds a signature time-stamp (PAdES B-T)",
        cxxopts::value<std::string>())("prepare", "write the PDF ready for an external key, and the digest it signs")(
        "digest-out", "with --prepare: where the 32-byte digest goes (default OUT.pdf.digest)",
        cxxopts::value<std::string>())("complete", "put SIG.bin, the external key's signature, into a prepared PDF",
                                       cxxopts::value<std::string>())("h,help", "show this help")(
        "input", "", cxxopts::value<std::string>());
    // clang-format on
    options.parse_positional({"input"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(
            options, argc, argv,
            "\nThe passphrase is never taken from the command line.\n"
            "Exit codes: 0 signed, 1 refused (order, existing signature, key, certificate), 2 usage or I/O.\n",
            args))
        return *done;
#ifdef KANSLI_LEAN
    if (args.count("tsa")) return run_in_full(argc, argv, ctx);  // HTTP lives in kansli-full
#endif
    const bool external = args.count("prepare") || args.count("complete") || args.count("digest-out");
    for (const char* required : {"input", "output", "key", "cert"}) {
        if (!args.count(required) && !(external && std::string(required) == "key")) {
            std::cerr << "kansli sign: missing "
                      << (std::string(required) == "input" ? "IN.pdf" : std::string("--") + required) << "\n"
                      << options.help();
            return 2;
        }
    }
    if (args.count("role") && args.count("field")) {
        std::cerr << "kansli sign: give --role or --field, not both\n";
        return 2;
    }
    job::SignConfig cfg;
    cfg.input = args["input"].as<std::string>();
    cfg.output = args["output"].as<std::string>();
    if (args.count("key")) cfg.key_path = args["key"].as<std::string>();
    cfg.cert_path = args["cert"].as<std::string>();
    if (args.count("role")) cfg.role = args["role"].as<std::string>();
    if (args.count("field")) cfg.field = args["field"].as<std::string>();
    if (args.count("reason")) cfg.reason = args["reason"].as<std::string>();
    if (args.count("location")) cfg.location = args["location"].as<std::string>();
    cfg.any_order = args.count("any-order") > 0;
#ifndef KANSLI_LEAN
    if (args.count("tsa")) {
        cfg.timestamp = [url = args["tsa"].as<std::string>()](const core::Bytes& signature_value) {
            return tsa::request_timestamp(url, cms::tsp::sha256_imprint(signature_value));
        };
    }
#endif
    cfg.time = resolve_time(
        args.count("date") ? std::optional<std::string>(args["date"].as<std::string>()) : std::nullopt, ctx);
    if (external) return run_sign_external(args, cfg);  // --prepare / --complete: no key here

    if (args.count("passphrase-file")) cfg.passphrase_file = args["passphrase-file"].as<std::string>();
    job::check_sign_output(cfg);  // before a passphrase is asked for: nothing is read over
    const core::Bytes key_pem = core::read_file(cfg.key_path, std::size_t{1} << 20);
    if (sign::is_encrypted_key_pem(key_pem)) {
        if (args.count("passphrase-file")) {
            cfg.passphrase = first_line(core::read_file(cfg.passphrase_file, 4096));
        } else if (ctx.passphrase_env && !ctx.passphrase_env->empty()) {
            cfg.passphrase = ctx.passphrase_env;
        } else if (ctx.stdin_is_tty) {
            cfg.passphrase = read_secret_from_terminal("Passphrase for " + cfg.key_path + ": ");
        } else {
            std::cerr << "kansli sign: " << cfg.key_path
                      << " is encrypted: give --passphrase-file FILE or set KANSLI_PASSPHRASE\n";
            return 2;
        }
    }
    const job::SignOutcome outcome = job::sign_file(cfg);
    print_diagnostics(std::cerr, outcome.diagnostics);
    std::cerr << "kansli sign: " << (core::is_stdout(cfg.output) ? "(standard output)" : cfg.output) << ": signed by "
              << outcome.signer << " at " << core::format_iso(cfg.time) << " (+"
              << (outcome.bytes_out - outcome.bytes_in) << " bytes)\n";
    return 0;
}

}  // namespace kansli::cli
