#pragma once
// What aups-sim prints: the CSV contract rows, the live status line, the event log.
#include "sim/scenario.hpp"

namespace aups::sim {

// CSV columns (scripts depend on them: change never, only append).
inline constexpr const char* kCsvHeader =
    "t_s,mains,input_v,output_w,charge_pct,battery_v,battery_a,temp_c,runtime_s,status,"
    "led_green,led_yellow,led_orange";

class RowWriter {
 public:
  RowWriter(bool csv, bool status_line, bool events)
      : csv_(csv), status_line_(status_line), events_(events) {}
  void begin(ScenarioRunner& runner);  // header and the t = 0 row
  void row(ScenarioRunner& runner);    // after each simulated second
  void end(ScenarioRunner& runner);

 private:
  void log_events(Simulator& sim);
  bool csv_, status_line_, events_;
};

std::string csv_row(const Simulator& sim);
std::string status_line(const Simulator& sim, const std::string& scenario);

}  // namespace aups::sim
