// Time from an Input report arriving over the simulator's HID socket to the model being
// updated (HidSource::poll returns Updated with the new values), and the decode part alone.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "core/clock.hpp"
#include "hid/hid_socket_server.hpp"
#include "hid/hid_source.hpp"
#include "hid/profile_binding.hpp"
#include "sim/hid_firmware.hpp"
#include "sim/simulator.hpp"

using namespace aups;

namespace {

void BM_InputReportToModel(benchmark::State& state) {
  sim::SimConfig config;
  config.load_w = 25;
  sim::Simulator sim(config);
  sim::Aups2HidFirmware firmware(sim);
  std::string path = "/tmp/aups-bench-hid-" + std::to_string(::getpid()) + ".sock";
  hid::HidSocketServer server(path, firmware);
  server.push_changed_inputs();

  // Open with the server answering from a helper thread, then drive both ends from here.
  SteadyClock clock;
  auto made = hid::make_hid_source("sim://" + path, clock);
  auto& src = *std::get<std::unique_ptr<hid::HidSource>>(made);
  std::atomic<bool> opened{false};
  std::thread helper([&] {
    while (!opened) {
      server.service();
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
  });
  auto err = src.open();
  opened = true;
  helper.join();
  if (err) {
    state.SkipWithError(err->c_str());
    return;
  }
  while (server.client_count() == 0) server.service();

  bool mains = true;
  for (auto _ : state) {
    mains = !mains;
    sim.set_input_voltage(mains ? 19 : 0);
    sim.step(1);
    auto t0 = std::chrono::steady_clock::now();
    server.push_changed_inputs();  // the firmware sends its changed Input reports
    PollResult r = src.poll(1.0);
    auto t1 = std::chrono::steady_clock::now();
    if (r != PollResult::Updated || src.reading().status.mains_present != mains) {
      state.SkipWithError("model not updated");
      break;
    }
    state.SetIterationTime(std::chrono::duration<double>(t1 - t0).count());
  }
}
BENCHMARK(BM_InputReportToModel)->UseManualTime()->Unit(benchmark::kMicrosecond);

void BM_DecodeInputReport(benchmark::State& state) {
  sim::Simulator sim;
  sim::Aups2HidFirmware firmware(sim);
  auto profiles = hid::load_profiles();
  const hid::HidProfile* p = hid::select_profile(profiles, firmware.info(), firmware.parsed());
  hid::ProfileBinding binding(*p, firmware.parsed());
  auto report = *firmware.build(hid::ReportType::Input, 0x03);
  for (auto _ : state) {
    binding.store(hid::ReportType::Input, report);
    benchmark::DoNotOptimize(binding.status());
  }
}
BENCHMARK(BM_DecodeInputReport)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
