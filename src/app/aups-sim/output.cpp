#include "app/aups-sim/output.hpp"

#include <cstdio>
#include <iostream>

namespace aups::sim {

std::string csv_row(const Simulator& sim) {
  const auto s = sim.status();
  const auto l = derive_leds(s);
  char buf[256];
  std::snprintf(buf, sizeof buf, "%.0f,%d,%.2f,%.1f,%.2f,%.3f,%.3f,%.1f,%.0f,%s,%s,%s,%s",
                sim.time_s(), s.mains_present ? 1 : 0, s.input_voltage.value_or(0),
                s.output_power_w.value_or(0), s.charge_pct.value_or(0),
                s.battery_voltage.value_or(0), s.battery_current.value_or(0),
                s.temperature_c.value_or(0), s.runtime_s.value_or(0),
                s.flags.to_string().c_str(), std::string(led_name(l.green)).c_str(),
                std::string(led_name(l.yellow)).c_str(), std::string(led_name(l.orange)).c_str());
  return buf;
}

std::string status_line(const Simulator& sim, const std::string& scenario) {
  const auto s = sim.status();
  const auto l = derive_leds(s);
  const double t = sim.time_s();
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "SIMULATED AUPS2-A20 [%s] t=%02d:%02d:%02d  %-16s in %5.1f V  out %4.1f W  "
                "batt %5.1f %% %5.2f V %+5.2f A %4.1f C  runtime %3.0f min  LED g:%s y:%s o:%s%s",
                scenario.c_str(), static_cast<int>(t) / 3600, static_cast<int>(t) / 60 % 60,
                static_cast<int>(t) % 60, s.flags.to_string().c_str(), s.input_voltage.value_or(0),
                s.output_power_w.value_or(0), s.charge_pct.value_or(0),
                s.battery_voltage.value_or(0), s.battery_current.value_or(0),
                s.temperature_c.value_or(0), s.runtime_s.value_or(0) / 60,
                std::string(led_name(l.green)).c_str(), std::string(led_name(l.yellow)).c_str(),
                std::string(led_name(l.orange)).c_str(), sim.buzzer_on() ? "  BUZZER" : "");
  return buf;
}

void RowWriter::log_events(Simulator& sim) {
  auto events = sim.take_events();
  if (!events_) return;
  for (const auto& e : events) {
    if (status_line_) std::cerr << "\r\033[K";
    std::fprintf(stderr, "[%8.0f s] %s: %s\n", e.t_s, event_name(e.kind), e.message.c_str());
  }
}

void RowWriter::begin(ScenarioRunner& runner) {
  if (csv_) std::cout << kCsvHeader << '\n' << csv_row(runner.sim()) << '\n';
  row(runner);
}

void RowWriter::row(ScenarioRunner& runner) {
  log_events(runner.sim());
  if (csv_ && runner.sim().time_s() > 0) std::cout << csv_row(runner.sim()) << '\n';
  if (status_line_) {
    // With --csv on stdout the status line goes to stderr.
    std::FILE* out = csv_ ? stderr : stdout;
    std::fprintf(out, "\r\033[K%s", status_line(runner.sim(), runner.scenario().name()).c_str());
    std::fflush(out);
  }
}

void RowWriter::end(ScenarioRunner& runner) {
  log_events(runner.sim());
  if (status_line_) std::fputs("\n", csv_ ? stderr : stdout);
  std::cout.flush();
}

}  // namespace aups::sim
