// The TSA's throughput over loopback: the demo TSA (ECDSA P-256) served in-process on a free port,
// C client threads each on one keep-alive connection, sending SHA-256 requests (certReq, nonce)
// for S seconds. Every reply is decoded and counted only when granted. Not a test.
//   build/tests/bench/bench_tsa [SECONDS=5] [CLIENTS=4]
#include "cms/timestamp.hpp"
#include "tsa/server.hpp"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <thread>
#include <vector>

using namespace kansli;

int main(int argc, char** argv) {
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 5;
    const int clients = argc > 2 ? std::atoi(argv[2]) : 4;
    const std::string keys = std::string(KANSLI_SOURCE_DIR) + "/keys/demo/";
    const auto state = std::filesystem::temp_directory_path() / ("kansli-bench-tsa-" + std::to_string(::getpid()));
    tsa::ServerConfig cfg;
    cfg.key_path = keys + "tsa.key.pem";
    cfg.cert_path = keys + "tsa.cert.pem";
    cfg.passphrase = "kansli-demo";
    cfg.listen = "127.0.0.1:0";
    cfg.serial_file = state.string();
    cfg.clock = [] { return core::Instant{static_cast<std::int64_t>(std::time(nullptr))}; };
    tsa::Server server(cfg);
    std::thread serving([&] { server.run(); });

    std::atomic<bool> stop{false};
    std::atomic<long> granted{0}, failed{0};
    std::vector<std::thread> threads;
    const auto t0 = std::chrono::steady_clock::now();
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            httplib::Client client("127.0.0.1", server.port());
            client.set_keep_alive(true);
            client.set_tcp_nodelay(true);
            for (std::uint32_t i = 0; !stop; ++i) {
                cms::tsp::Request req;
                req.imprint = cms::tsp::sha256_imprint(core::Bytes{
                    static_cast<std::uint8_t>(c), static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8)});
                req.nonce = {0x01, static_cast<std::uint8_t>(i), static_cast<std::uint8_t>(i >> 8)};
                req.cert_req = true;
                const auto body = cms::tsp::encode_request(req);
                auto res = client.Post("/", std::string(body.begin(), body.end()), "application/timestamp-query");
                if (res && res->status == 200 &&
                    cms::tsp::decode_response(core::Bytes(res->body.begin(), res->body.end())).status == 0) {
                    ++granted;
                } else {
                    ++failed;
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    server.stop();
    serving.join();
    std::filesystem::remove(state);
    std::filesystem::remove(state.string() + ".lock");
    std::printf("bench_tsa: %d keep-alive clients, %.1f s: %ld stamps granted (%.0f/s), %ld failed\n", clients, secs,
                granted.load(), static_cast<double>(granted) / secs, failed.load());
    return failed == 0 ? 0 : 1;
}
