#pragma once
// The shutdown planner: a small explicit state machine fed with UpsReadings on an injected
// Clock. It starts the OS shutdown at the latest safe moment - when the predicted time to 2 %
// (less its uncertainty) falls to the OS shutdown duration plus a margin, or earlier at the
// charge/runtime floors - so the OS is down before the UPS cuts power at 2 %, and honours the
// UPS's "sleep at 5 %" setting with a sleep that completes in time. Pure: no I/O, no waiting;
// the agent performs what the plan says.
#include <optional>

#include "core/clock.hpp"
#include "core/ups_source.hpp"
#include "policy/plan.hpp"
#include "policy/policy_config.hpp"
#include "policy/reading_sanity.hpp"
#include "policy/runtime_estimator.hpp"

namespace aups::policy {

class ShutdownPlanner {
 public:
  // config must be valid (validate() it first); an invalid one is replaced by the defaults.
  ShutdownPlanner(const Clock& clock, PolicyConfig config = {}, BatteryLearning learning = {},
                  BatteryModel model = {});

  // Feed every reading (also stale ones, e.g. once a second while the link is down).
  const Plan& update(const UpsReading& reading);
  const Plan& plan() const { return plan_; }

  // The agent armed the UPS's output-off delay (kill-power) after the decision.
  void poweroff_armed();
  // Back from sleep, or the agent restarted after mains returned: start over.
  void resumed();
  // A new policy; false (and the old one kept) when invalid.
  bool set_config(const PolicyConfig& config);
  const PolicyConfig& config() const { return config_; }
  // battery.charge.low from sources that report it (checked for plausibility).
  void set_low_battery_threshold(std::optional<double> pct) { sanity_.set_low_battery_threshold(pct); }

  // The OS shutdown or sleep took this long (measured by the agent): later plans use it.
  void record_shutdown_duration(double seconds);
  void record_sleep_duration(double seconds);
  const BatteryLearning& learning() const { return estimator_.learning(); }

  double shutdown_duration_s() const;
  double sleep_duration_s() const;
  // Output-off delay to arm before sleeping: long enough for the sleep to complete.
  int output_off_delay_for_sleep_s(const UpsSettings& settings) const;

 private:
  struct Candidate {
    double in_s;
    PlanReason reason;
    PlanAction action;
  };
  std::optional<Candidate> earliest(const CheckedReading& r, const Estimate& e, bool comm_lost) const;
  std::string because(const Candidate& c, const Estimate& e) const;
  void explain(const Estimate& e, const CheckedReading& r);

  const Clock& clock_;
  PolicyConfig config_;
  ReadingSanity sanity_;
  RuntimeEstimator estimator_;
  // Until the device reports its own settings: shut down, never sleep. "Sleep at 5 %" is the
  // AUPS2-A20's setting; a UPS that does not report it (SNMP, other HID UPSes) has not asked for it.
  UpsSettings settings_ = [] { UpsSettings s; s.sleep_at_5pct = false; return s; }();
  Plan plan_;
  std::optional<double> outage_since_;
  double last_fresh_t_ = 0;
  bool on_battery_ = false;
  std::optional<Candidate> decided_;
  double decided_at_ = 0;
  std::string decided_because_;
};

}  // namespace aups::policy
