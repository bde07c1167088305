#pragma once
// What the agent learns about this battery and this PC over time, stored between runs:
// how much energy the pack really delivers compared with the model (capacity fade, converter
// losses, the model's own error) and how long the OS really takes to shut down or sleep.
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

namespace aups::policy {

struct BatteryLearning {
  double capacity_factor = 1.0;        // delivered energy / modelled energy
  int discharges_learned = 0;          // completed discharges behind capacity_factor
  std::optional<double> os_shutdown_s; // measured OS shutdown duration (smoothed)
  std::optional<double> sleep_s;       // measured time to sleep (smoothed)
  bool operator==(const BatteryLearning&) const = default;

  // A discharge ended (mains back or OS down): observed_factor is delivered/modelled energy
  // over a drop of depth_pct. Shallow discharges say little and move the factor little.
  void learn_discharge(double observed_factor, double depth_pct);
  // The OS took `seconds` from the shutdown (or sleep) request until it was down.
  void record_shutdown(double seconds);
  void record_sleep(double seconds);
};

nlohmann::json to_json(const BatteryLearning& l);
// Rejects anything implausible (a corrupt store must not move the shutdown point).
std::variant<BatteryLearning, std::string> learning_from_json(const nlohmann::json& j);

}  // namespace aups::policy
