// aups-sim: runs the simulated AUPS2-A20 through a scenario, on real, scaled or no time, and
// serves it through whatever endpoints registered themselves (endpoint.hpp).
#include <poll.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/aups-sim/endpoint.hpp"
#include "app/aups-sim/output.hpp"
#include "core/clock.hpp"
#include "sim/scenario.hpp"
#include "sim/simulator.hpp"

namespace aups::sim {

std::vector<EndpointKind>& endpoint_kinds() {
  static std::vector<EndpointKind> kinds;
  return kinds;
}

}  // namespace aups::sim

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

// "max" -> nullopt (no waiting), otherwise a positive factor.
std::optional<double> parse_speed(const std::string& text) {
  if (text == "max") return std::nullopt;
  std::size_t used = 0;
  const double v = std::stod(text, &used);
  if (used != text.size() || !(v > 0)) throw std::invalid_argument("speed");
  return v;
}

// Waits up to timeout_s for endpoint I/O and services whatever is readable. True when that
// changed the simulation (a control command, or settings written by a host) and so wants a step
// and a push now rather than at the next simulated second.
bool serve(std::vector<std::unique_ptr<aups::sim::Endpoint>>& endpoints, aups::sim::Simulator& sim,
           double timeout_s) {
  std::vector<pollfd> fds;
  std::vector<aups::sim::Endpoint*> owner;
  for (auto& ep : endpoints)
    for (int fd : ep->fds()) {
      fds.push_back({fd, POLLIN, 0});
      owner.push_back(ep.get());
    }
  const int ms = timeout_s <= 0 ? 0 : static_cast<int>(timeout_s * 1000.0 + 0.5);
  if (fds.empty()) {
    if (ms > 0) ::poll(nullptr, 0, ms);
    return false;
  }
  if (::poll(fds.data(), fds.size(), ms) <= 0) return false;
  std::vector<aups::sim::Endpoint*> ready;
  for (std::size_t i = 0; i < fds.size(); ++i)
    if (fds[i].revents && (ready.empty() || ready.back() != owner[i])) ready.push_back(owner[i]);
  const std::uint64_t revision = sim.revision();
  bool wants = false;
  for (auto* ep : ready) {
    ep->service(sim);
    wants = wants || ep->wants_step();
  }
  return wants || sim.revision() != revision;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace aups::sim;
  CLI::App app{"aups-sim: a simulated IEI AUPS2-A20 DC UPS (SIMULATED, not a real device)"};
  std::string scenario_name = "none", speed_text = "1", eeprom;
  bool csv = false, status_line = false, events = false;
  std::optional<double> charge;
  std::optional<int> cycles;
  app.add_option("--scenario", scenario_name,
                 "scenario name (assets/scenarios) or TOML file; 'none' = endless mains, no load")
      ->capture_default_str();
  app.add_option("--speed", speed_text, "1 = real time, N = N times faster, max = no waiting")
      ->capture_default_str();
  app.add_flag("--csv", csv, "write one CSV row per simulated second to stdout");
  app.add_flag("--status-line", status_line, "show a live one-line status");
  app.add_flag("--events", events, "log simulator events to stderr");
  app.add_option("--eeprom", eeprom, "emulated EEPROM file (settings persist there)");
  app.add_option("--charge", charge, "start charge %, overrides the scenario")->check(CLI::Range(0.0, 100.0));
  app.add_option("--cycles", cycles, "battery cycle count, overrides the scenario")->check(CLI::Range(0, 3000));
  for (auto& kind : endpoint_kinds())
    if (kind.add_options) kind.add_options(app);
  CLI11_PARSE(app, argc, argv);

  std::optional<double> speed;
  try {
    speed = parse_speed(speed_text);
  } catch (const std::exception&) {
    std::cerr << "aups-sim: --speed must be a positive number or 'max', not '" << speed_text << "'\n";
    return 2;
  }
  std::optional<ScenarioRunner> runner;
  try {
    Scenario scenario = Scenario::load_named(scenario_name);
    SimConfig config = scenario.start_config();
    if (charge) config.initial_charge_pct = *charge;
    if (cycles) config.cycle_count = *cycles;
    config.eeprom_path = eeprom;
    runner.emplace(std::move(scenario), config);
  } catch (const ScenarioError& e) {
    std::cerr << "aups-sim: bad scenario: " << e.what() << "\n";
    return 2;
  }
  Simulator& sim = runner->sim();

  std::vector<std::unique_ptr<Endpoint>> endpoints;
  try {
    for (auto& kind : endpoint_kinds())
      if (kind.make)
        if (auto ep = kind.make(*runner)) endpoints.push_back(std::move(ep));
  } catch (const std::exception& e) {
    std::cerr << "aups-sim: cannot start endpoint: " << e.what() << "\n";
    return 1;
  }

  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);

  RowWriter writer(csv, status_line, events);
  writer.begin(*runner);
  const aups::SteadyClock clock;
  constexpr double kStepS = 1.0;  // one simulated second per step: one CSV row each
  constexpr double kMinStepS = 1e-3;
  double next_wall = clock.now_s();
  bool output_was_on = sim.status().output_on;
  while (!g_stop && !runner->finished()) {
    double stepped = 0;  // simulated seconds of this step already run for commands
    if (speed) {
      const double start_wall = next_wall;
      next_wall += kStepS / *speed;
      for (double left; !g_stop && (left = next_wall - clock.now_s()) > 0;) {
        if (!serve(endpoints, sim, left)) continue;
        // Step to now (at least a moment: a step is what makes the change visible), push, go on.
        const double now_sim = std::min(kStepS, (clock.now_s() - start_wall) * *speed);
        const double dt = std::max(kMinStepS, now_sim - stepped);
        runner->step(dt);
        stepped += dt;
        for (auto& ep : endpoints) ep->on_step(sim);
      }
    } else if (!endpoints.empty()) {
      serve(endpoints, sim, 0);  // commands take effect in this step
    }
    if (kStepS - stepped > kMinStepS / 2) runner->step(kStepS - stepped);
    for (auto& ep : endpoints) ep->on_step(sim);
    writer.row(*runner);
    const bool on = sim.status().output_on;
    if (csv && output_was_on && !on) break;  // CSV contract: rows end when the output turns off
    output_was_on = on;
  }
  writer.end(*runner);
  return 0;
}
