#include "policy/battery_learning.hpp"

#include <algorithm>
#include <cmath>

namespace aups::policy {
namespace {

constexpr double kMinFactor = 0.3, kMaxFactor = 1.5;   // beyond: a broken measurement
constexpr double kMinDepthPct = 10;                    // shallower drops are too noisy
constexpr double kMaxDurationS = 1800;

// Smooths a measured duration; a longer one counts more (being late is worse than early).
double smooth_duration(std::optional<double> old, double measured) {
  if (!old) return measured;
  double weight = measured > *old ? 0.5 : 0.25;
  return *old + weight * (measured - *old);
}

}  // namespace

void BatteryLearning::learn_discharge(double observed_factor, double depth_pct) {
  if (!std::isfinite(observed_factor) || !std::isfinite(depth_pct) || depth_pct < kMinDepthPct) return;
  observed_factor = std::clamp(observed_factor, kMinFactor, kMaxFactor);
  // A full discharge weighs like a fresh measurement; the first one replaces the prior mostly.
  double weight = std::min(1.0, depth_pct / 40.0) * (discharges_learned == 0 ? 0.8 : 0.4);
  capacity_factor += weight * (observed_factor - capacity_factor);
  ++discharges_learned;
}

void BatteryLearning::record_shutdown(double seconds) {
  if (std::isfinite(seconds) && seconds > 0 && seconds <= kMaxDurationS)
    os_shutdown_s = smooth_duration(os_shutdown_s, seconds);
}

void BatteryLearning::record_sleep(double seconds) {
  if (std::isfinite(seconds) && seconds > 0 && seconds <= kMaxDurationS)
    sleep_s = smooth_duration(sleep_s, seconds);
}

nlohmann::json to_json(const BatteryLearning& l) {
  nlohmann::json j = {{"capacity_factor", l.capacity_factor}, {"discharges_learned", l.discharges_learned}};
  if (l.os_shutdown_s) j["os_shutdown_s"] = *l.os_shutdown_s;
  if (l.sleep_s) j["sleep_s"] = *l.sleep_s;
  return j;
}

std::variant<BatteryLearning, std::string> learning_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return std::string("learned battery data is not an object");
  BatteryLearning l;
  auto number = [&](const char* key, double lo, double hi) -> std::variant<std::optional<double>, std::string> {
    auto it = j.find(key);
    if (it == j.end()) return std::optional<double>{};
    if (!it->is_number()) return std::string(key) + " is not a number";
    double v = it->get<double>();
    if (!std::isfinite(v) || v < lo || v > hi) return std::string(key) + " is implausible";
    return std::optional<double>{v};
  };
  struct Item { const char* key; double lo, hi; std::optional<double>* out; };
  std::optional<double> factor, count;
  Item items[] = {{"capacity_factor", kMinFactor, kMaxFactor, &factor},
                  {"discharges_learned", 0, 1e6, &count},
                  {"os_shutdown_s", 0.1, kMaxDurationS, &l.os_shutdown_s},
                  {"sleep_s", 0.1, kMaxDurationS, &l.sleep_s}};
  for (Item& item : items) {
    auto v = number(item.key, item.lo, item.hi);
    if (auto* err = std::get_if<std::string>(&v)) return *err;
    *item.out = std::get<std::optional<double>>(v);
  }
  if (factor) l.capacity_factor = *factor;
  if (count) l.discharges_learned = static_cast<int>(*count);
  return l;
}

}  // namespace aups::policy
