// Benchmark (not a test): `kansli ltv` in-process (job::ltv_bytes) on the example protokoll signed
// B-T by its three signers: B-LT (the DSS revision: CMS and token checks, path building, CRL
// matching, the update) and B-LTA (plus a document time-stamp from an in-process TSA over loopback).
// Usage: bench_ltv [N]
#include "bench_util.hpp"
#include "job/ltv.hpp"
#include "job/sign.hpp"
#include "support/tools.hpp"
#include "tsa/client.hpp"
#include "tsa/server.hpp"

#include <cstdio>
#include <cstdlib>
#include <thread>

using namespace kansli;

namespace {

std::string demo(const std::string& f) { return test::source("keys/demo/" + f); }

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 20;
    tsa::ServerConfig tc;
    tc.key_path = demo("tsa.key.pem");
    tc.cert_path = demo("tsa.cert.pem");
    tc.passphrase = "kansli-demo";
    tc.listen = "127.0.0.1:0";
    const std::string dir = test::temp_dir("bench-ltv");
    tc.serial_file = dir + "/serial";
    tc.clock = [] { return core::parse_instant("2026-03-01T14:00:00Z").value(); };
    tsa::Server server(tc);
    std::thread th([&] { server.run(); });
    const std::string url = server.url();

    std::string in = test::data("sign/protokoll-unsigned.pdf");
    const char* chain[][2] = {
        {"christian-ahren", "sekreterare"}, {"bjorn-sandal", "justerare"}, {"katarina-nyberg-finn", "ordförande"}};
    for (int i = 0; i < 3; ++i) {
        job::SignConfig cfg;
        cfg.input = in;
        cfg.output = dir + "/s" + std::to_string(i + 1) + ".pdf";
        cfg.key_path = demo(std::string(chain[i][0]) + ".key.pem");
        cfg.cert_path = demo(std::string(chain[i][0]) + ".cert.pem");
        cfg.passphrase = "kansli-demo";
        cfg.role = chain[i][1];
        cfg.time = core::Instant{core::parse_instant("2026-03-01T10:00:00Z")->seconds + i * 3600};
        cfg.timestamp = [&](const core::Bytes& sig) {
            return tsa::request_timestamp(url, cms::tsp::sha256_imprint(sig));
        };
        job::sign_file(cfg);
        in = cfg.output;
    }
    const core::Bytes pdf = core::read_file(in);
    std::printf("kansli ltv in-process, protokoll with 3 B-T signatures (%zu bytes), %d runs each\n", pdf.size(), n);
    for (const bool lta : {false, true}) {
        job::LtvConfig cfg;
        cfg.input = in;
        cfg.trust = {demo("root.cert.pem")};
        cfg.crls = {demo("issuing.crl.pem"), demo("root.crl.pem")};
        cfg.time = core::parse_instant("2026-03-02T00:00:00Z").value();
        if (lta) cfg.timestamp = [&](const cms::tsp::Imprint& imprint) { return tsa::request_timestamp(url, imprint); };
        std::vector<double> wall, cpu;
        std::size_t added = 0;
        for (int i = 0; i < n; ++i) {
            job::LtvOutcome o;
            const auto t0 = bench::Clock::now();
            const double c0 = bench::cpu_ms();
            added = job::ltv_bytes(pdf, cfg, o).size() - pdf.size();
            wall.push_back(bench::ms_since(t0));
            cpu.push_back(bench::cpu_ms() - c0);
        }
        const auto w = bench::stats(wall), c = bench::stats(cpu);
        std::printf("  %-6s wall median %6.2f ms  min %6.2f ms  cpu median %6.2f ms  (+%zu bytes)\n",
                    lta ? "B-LTA" : "B-LT", w.median, w.min, c.median, added);
    }
    server.stop();
    th.join();
    return 0;
}
