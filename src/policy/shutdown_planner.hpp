#pragma once
// The shutdown planner: a small explicit state machine fed with UpsReadings on an injected
// Clock. It starts the OS shutdown at the latest safe moment - when the predicted time to 2 %
// (less its uncertainty) falls to the OS shutdown duration plus a margin, or earlier at the
// charge/runtime floors - so the OS is down before the UPS cuts power at 2 %, and honours the
// UPS's "sleep at 5 %" setting with a sleep that completes in time. It also owns what follows
// from a decision - which orders the agent carries out, once per outage, and what a restart
// resumes - so the whole decision (what, when, why) reads here and in shutdown_planner.cpp.
// Pure: no I/O, no waiting; the agent performs the orders.
#include <optional>
#include <vector>

#include "core/clock.hpp"
#include "core/ups_source.hpp"
#include "policy/plan.hpp"
#include "policy/policy_config.hpp"
#include "policy/reading_sanity.hpp"
#include "policy/runtime_estimator.hpp"

namespace aups::policy {

// Which battery model the planner uses.
struct PlannerModel {
  PlannerModel(BatteryModel m = {}) : fixed(m) {}  // NOLINT: a model converts
  static PlannerModel per_device() {
    PlannerModel p;
    p.fixed.reset();
    return p;
  }
  std::optional<BatteryModel> fixed;
};

// What the agent carries out after an update, in order. Each order comes once per outage.
struct Order {
  enum class Kind {
    Warn,          // announce: the action is near (plan_warning)
    Critical,      // announce: the last minute (plan_critical)
    ArmOutputOff,  // tell the UPS to switch its output off after delay_s (before a sleep)
    Sleep,         // start the (hybrid) sleep
    Shutdown,      // start the OS shutdown
    ArmKillPower,  // leave the flag for the systemd-shutdown hook: output off delay_s after the OS is down
    AlreadyTaken,  // restarted mid-outage after a dry-run action: not repeated
    Disarm,        // mains back after a sleep or dry run: the machine is up, remove the kill-power flag
  };
  Kind kind;
  int delay_s = 0;
  bool operator==(const Order&) const = default;
};
const char* name(Order::Kind k);

class ShutdownPlanner {
 public:
  // config must be valid (validate() it first); an invalid one is replaced by the defaults.
  // dry_run is the agent's, fixed at its start: it labels the plan; the agent performs nothing.
  // model: one fixed model ({} is the AUPS2-A20's), or per_device(): each device gets its own
  // (battery_model_for), built from what it reports about itself.
  ShutdownPlanner(const Clock& clock, PolicyConfig config = {}, BatteryLearning learning = {},
                  PlannerModel model = {}, bool dry_run = false);

  // Feed every reading (also stale ones, e.g. once a second while the link is down).
  const Plan& update(const UpsReading& reading);
  const Plan& plan() const { return plan_; }
  // The orders the updates so far gave, oldest first; taking them clears the list.
  std::vector<Order> take_orders();

  // The action of this outage was taken (persisted by the agent with the boot it was taken in);
  // restore_action_taken() at start when the stored record is of this boot.
  bool action_taken() const { return action_taken_; }
  void restore_action_taken() { action_taken_ = true; }
  // Whether a sleep here keeps the session when the battery runs flat (hybrid sleep, hibernate,
  // or a configured sleep command). When not, the planner shuts down where it would sleep.
  void set_sleep_survives_power_loss(bool yes) { sleep_survives_ = yes; }

  // The UPS's output-off delay (kill-power) is armed after the decision.
  void poweroff_armed();
  // Back from sleep, or the machine stayed up (dry run) and mains returned: start over.
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
  const BatteryModel& battery_model() const { return estimator_.model(); }

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
  void decide(const Candidate& c, const Estimate& e, const UpsReading& reading, double now);
  void announce(PlanState state);
  void outage_over(bool mains_back);
  void choose_model(const UpsReading& reading);

  const Clock& clock_;
  PolicyConfig config_;
  ReadingSanity sanity_;
  RuntimeEstimator estimator_;
  bool model_per_device_ = false;
  std::optional<UpsReading> model_from_;  // the reading the device's model was built from
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
  bool dry_run_ = false;
  bool sleep_survives_ = true;
  bool action_taken_ = false;                    // this outage's action was performed
  PlanState announced_ = PlanState::OnBattery;   // the most severe state announced this outage
  std::vector<Order> orders_;
};

}  // namespace aups::policy
