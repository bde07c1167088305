#include "policy/shutdown_planner.hpp"

#include <algorithm>
#include <cmath>

namespace aups::policy {
namespace {

constexpr double kSleepPct = 5;  // manual 4.4.3.6
constexpr double kCutPct = 2;    // manual 4.4.3.7

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : "; ") + s;
  return out;
}

}  // namespace

const char* name(Order::Kind k) {
  switch (k) {
    case Order::Kind::Warn: return "warn";
    case Order::Kind::Critical: return "critical";
    case Order::Kind::ArmOutputOff: return "arm_output_off";
    case Order::Kind::Sleep: return "sleep";
    case Order::Kind::Shutdown: return "shutdown";
    case Order::Kind::ArmKillPower: return "arm_kill_power";
    case Order::Kind::AlreadyTaken: return "already_taken";
    case Order::Kind::Disarm: return "disarm";
  }
  return "?";
}

ShutdownPlanner::ShutdownPlanner(const Clock& clock, PolicyConfig config, BatteryLearning learning,
                                 PlannerModel model, bool dry_run)
    : clock_(clock),
      config_(validate(config) ? PolicyConfig{} : config),
      sanity_(model.fixed.value_or(BatteryModel{})),
      estimator_(model.fixed.value_or(BatteryModel{}), learning),
      model_per_device_(!model.fixed),
      dry_run_(dry_run) {
  plan_.dry_run = dry_run_;
  plan_.explanation = "No data from the UPS yet.";
}

bool ShutdownPlanner::set_config(const PolicyConfig& config) {
  if (validate(config)) return false;
  config_ = config;
  return true;
}

std::vector<Order> ShutdownPlanner::take_orders() {
  std::vector<Order> out;
  out.swap(orders_);
  return out;
}

double ShutdownPlanner::shutdown_duration_s() const {
  return learning().os_shutdown_s.value_or(config_.shutdown_duration_s);
}
double ShutdownPlanner::sleep_duration_s() const { return learning().sleep_s.value_or(config_.sleep_duration_s); }

int ShutdownPlanner::output_off_delay_for_sleep_s(const UpsSettings& settings) const {
  return std::max(settings.dc_output_off_delay_s, static_cast<int>(std::ceil(sleep_duration_s())) + 30);
}

void ShutdownPlanner::record_shutdown_duration(double seconds) {
  BatteryLearning l = learning();
  l.record_shutdown(seconds);
  estimator_.set_learning(l);
}
void ShutdownPlanner::record_sleep_duration(double seconds) {
  BatteryLearning l = learning();
  l.record_sleep(seconds);
  estimator_.set_learning(l);
}

void ShutdownPlanner::poweroff_armed() {
  if (plan_.state == PlanState::ShutdownStarted) plan_.state = PlanState::PoweroffArmed;
}

void ShutdownPlanner::resumed() {
  decided_.reset();
  outage_since_.reset();
  plan_.state = PlanState::Online;
  plan_.action = PlanAction::None;
  plan_.reason.reset();
  plan_.action_in_s.reset();
  outage_over(false);
}

void ShutdownPlanner::outage_over(bool mains_back) {
  // The action belonged to that outage; the next one gets its own.
  if (mains_back && action_taken_) orders_.push_back({Order::Kind::Disarm});
  action_taken_ = false;
  announced_ = PlanState::OnBattery;
}

void ShutdownPlanner::announce(PlanState state) {
  // Once per outage each: a state that flaps around a threshold is not news twice.
  if (state == PlanState::Warning && announced_ < PlanState::Warning) orders_.push_back({Order::Kind::Warn});
  if (state == PlanState::Critical && announced_ < PlanState::Critical) orders_.push_back({Order::Kind::Critical});
  announced_ = std::max(announced_, state);
}

void ShutdownPlanner::decide(const Candidate& c, const Estimate& e, const UpsReading& reading, double now) {
  plan_.state = PlanState::ShutdownStarted;
  decided_ = c;
  decided_at_ = now;
  decided_because_ = because(c, e);
  announced_ = PlanState::ShutdownStarted;
  if (action_taken_ && dry_run_) {
    // Restarted mid-outage after the action: a dry run does not repeat it. A real action is
    // repeated: the OS evidently is not down yet, and starting a shutdown twice is harmless.
    orders_.push_back({Order::Kind::AlreadyTaken});
  } else if (c.action == PlanAction::Sleep) {
    const UpsSettings settings = reading.settings.value_or(UpsSettings{});
    // The output-off delay first: long enough for the sleep to complete, then the UPS cuts.
    orders_.push_back({Order::Kind::ArmOutputOff, output_off_delay_for_sleep_s(settings)});
    orders_.push_back({Order::Kind::Sleep});
  } else {
    const int delay = reading.settings ? reading.settings->dc_output_off_delay_s : UpsSettings{}.dc_output_off_delay_s;
    orders_.push_back({Order::Kind::Shutdown});
    orders_.push_back({Order::Kind::ArmKillPower, delay});
  }
  action_taken_ = true;
}

std::optional<ShutdownPlanner::Candidate> ShutdownPlanner::earliest(const CheckedReading& r, const Estimate& e,
                                                                    bool comm_lost) const {
  std::optional<Candidate> best;
  auto consider = [&](double in_s, PlanReason reason, PlanAction action) {
    if (!best || in_s < best->in_s) best = Candidate{in_s, reason, action};
  };
  if (r.forced_shutdown) consider(0, PlanReason::ShutdownAt2pct, PlanAction::Shutdown);
  if (e.to_2pct_s) {
    double safe = *e.to_2pct_s - e.uncertainty_s;  // pessimistic time to 2 %
    consider(safe - (shutdown_duration_s() + config_.margin_s), PlanReason::Runtime, PlanAction::Shutdown);
    if (config_.runtime_floor_s > 0) consider(safe - config_.runtime_floor_s, PlanReason::RuntimeFloor, PlanAction::Shutdown);
    if (settings_.sleep_at_5pct && e.to_5pct_s) {
      // Sleep at the 5 % point, or earlier if that would not leave the sleep time to finish.
      // A sleep that loses RAM when the UPS cuts (plain suspend) is no sleep: shut down there.
      double in_s = std::min(*e.to_5pct_s, safe - (sleep_duration_s() + config_.margin_s));
      consider(in_s, PlanReason::SleepAt5pct, sleep_survives_ ? PlanAction::Sleep : PlanAction::Shutdown);
    }
    if (config_.charge_floor_pct > 0 && e.charge_pct && *e.charge_pct > kCutPct) {
      double to_floor = *e.to_2pct_s * (*e.charge_pct - config_.charge_floor_pct) / (*e.charge_pct - kCutPct);
      consider(to_floor, PlanReason::ChargeFloor, PlanAction::Shutdown);
    }
  }
  if (e.charge_pct && config_.charge_floor_pct > 0 && *e.charge_pct <= config_.charge_floor_pct)
    consider(0, PlanReason::ChargeFloor, PlanAction::Shutdown);
  // Low battery on battery is acted on, unless the agent's own measurements refute it (the
  // estimator says why); on mains it never reaches here.
  if (r.low_battery && r.on_battery && !e.low_battery_refuted)
    consider(0, PlanReason::LowBatteryFlag, PlanAction::Shutdown);
  // On battery and blind past the dead time: the charge is unknown, so act now (as upsmon does
  // for a UPS that is on battery and unreachable) rather than count down on extrapolated data.
  if (comm_lost) consider(0, PlanReason::CommLost, PlanAction::Shutdown);
  return best;
}

std::string ShutdownPlanner::because(const Candidate& c, const Estimate& e) const {
  std::string t2 = e.to_2pct_s ? format_duration(*e.to_2pct_s) : "unknown";
  // At a high load the pack stops before 2 %; say so rather than pretend it is 2 %.
  std::string target = e.cutoff_pct > 2.5 ? "the pack's cut-off at " + std::to_string(std::lround(e.cutoff_pct)) + " %" : "2 %";
  std::string charge = e.charge_pct ? std::to_string(std::lround(*e.charge_pct)) + " %" : "unknown";
  switch (c.reason) {
    case PlanReason::Runtime:
      return "predicted time to " + target + " (" + t2 + ", uncertainty " + format_duration(e.uncertainty_s) +
             ") reaches OS shutdown (" + format_duration(shutdown_duration_s()) + ") + margin (" +
             format_duration(config_.margin_s) + ")";
    case PlanReason::ChargeFloor:
      return "charge (" + charge + ") reaches the charge floor (" + std::to_string(std::lround(config_.charge_floor_pct)) + " %)";
    case PlanReason::RuntimeFloor:
      return "predicted time to 2 % (" + t2 + ") reaches the runtime floor (" + format_duration(config_.runtime_floor_s) + ")";
    case PlanReason::SleepAt5pct:
      if (c.action == PlanAction::Shutdown)
        return "the UPS is set to sleep at 5 % (charge " + charge + ", time to 2 % " + t2 +
               "), but a sleep here would not survive the UPS cutting power (no hybrid sleep): shutting down instead";
      return "the UPS is set to sleep at 5 % (charge " + charge + ", time to 2 % " + t2 + ", sleep takes " +
             format_duration(sleep_duration_s()) + ")";
    case PlanReason::ShutdownAt2pct:
      return "the UPS reached its 2 % shutdown point (forced shutdown)";
    case PlanReason::CommLost:
      return "the UPS has not answered for over " + format_duration(config_.comm_dead_time_s) +
             " on battery; its charge is unknown (last estimate: " + t2 + " to 2 %)";
    case PlanReason::LowBatteryFlag:
      if (!e.to_2pct_s) return "the UPS reports low battery and gives nothing to estimate the runtime from";
      if (e.capacity_from_runtime)
        return "the UPS reports low battery; the agent has no battery model of its own for this UPS to overrule it "
               "(its estimate, " + t2 + " to 2 %, rests on the UPS's own runtime)";
      return "the UPS reports low battery and the battery's voltage does not refute it (estimate: " + t2 + " to 2 %)";
  }
  return "";
}

// The model follows what the device says about itself (identity, capacity, nominal figures,
// battery type), not its measurements: a sagging voltage must not turn 20 blocks into 16.
void ShutdownPlanner::choose_model(const UpsReading& reading) {
  if (!model_per_device_ || !reading.connected || reading.stale) return;
  const UpsStatus& s = reading.status;
  auto same_device = [&](const UpsReading& a) {
    const UpsStatus& t = a.status;
    return a.identity == reading.identity && t.full_charge_capacity_ah == s.full_charge_capacity_ah &&
           t.design_capacity_ah == s.design_capacity_ah && t.battery_voltage_nominal == s.battery_voltage_nominal &&
           t.battery_type == s.battery_type;
  };
  if (model_from_ && same_device(*model_from_)) return;
  if (!s.battery_voltage && !s.battery_voltage_nominal && !s.charge_pct) return;  // nothing to build from yet
  model_from_ = reading;
  BatteryModel m = battery_model_for(reading);
  sanity_.set_model(m);
  estimator_.set_model(m);
}

const Plan& ShutdownPlanner::update(const UpsReading& reading) {
  double now = clock_.now_s();
  choose_model(reading);
  CheckedReading r = sanity_.check(reading, now);
  if (r.fresh) {
    last_fresh_t_ = now;
    on_battery_ = r.on_battery;
    if (reading.settings) settings_ = *reading.settings;
  }
  Estimate e = estimator_.update(r);
  plan_.runtime_to_2pct_s = e.to_2pct_s;
  plan_.runtime_to_empty_s = e.to_empty_s;
  plan_.uncertainty_s = e.uncertainty_s;
  plan_.charge_pct = e.charge_pct;

  if (plan_.decided() && r.fresh && !r.on_battery && (dry_run_ || (decided_ && decided_->action == PlanAction::Sleep))) {
    // Mains back and the machine is up (a dry run) or woke up: the next outage starts afresh.
    // After a real shutdown it is not: past the point of no return the plan stands.
    decided_.reset();
    plan_.state = PlanState::Online;
  }
  if (plan_.decided()) {  // past the point of no return: the plan stands, numbers stay current
    plan_.action_in_s = 0;
    explain(e, r);
    return plan_;
  }
  if (!on_battery_) {
    if (outage_since_ || (r.fresh && action_taken_)) outage_over(r.fresh);
    outage_since_.reset();
    plan_.state = PlanState::Online;
    plan_.action = PlanAction::None;
    plan_.reason.reset();
    plan_.action_in_s.reset();
    explain(e, r);
    return plan_;
  }
  if (!outage_since_) outage_since_ = now;
  bool comm_lost = now - last_fresh_t_ > config_.comm_dead_time_s;
  auto next = earliest(r, e, comm_lost);
  bool debouncing = now - *outage_since_ < config_.debounce_s;
  plan_.action = next ? next->action : PlanAction::None;
  plan_.reason = next ? std::optional(next->reason) : std::nullopt;
  plan_.action_in_s = next ? std::optional(std::max(0.0, next->in_s)) : std::nullopt;
  if (debouncing && !(next && next->reason == PlanReason::ShutdownAt2pct)) {
    plan_.state = PlanState::Online;  // a blip raises no alarm
  } else if (next && next->in_s <= 0) {
    decide(*next, e, reading, now);
  } else if (comm_lost || (next && next->in_s <= config_.critical_lead_s)) {
    plan_.state = PlanState::Critical;
  } else if (next && next->in_s <= config_.warning_lead_s) {
    plan_.state = PlanState::Warning;
  } else {
    plan_.state = PlanState::OnBattery;
  }
  announce(plan_.state);
  explain(e, r);
  return plan_;
}

void ShutdownPlanner::explain(const Estimate& e, const CheckedReading& r) {
  std::string text;
  double now = clock_.now_s();
  if (decided_) {
    plan_.action = decided_->action;
    plan_.reason = decided_->reason;
    const char* what = decided_->action == PlanAction::Sleep ? "Sleep" : "Shutdown";
    text = std::string(what) + (now - decided_at_ < 1 ? " started now" : " started " + format_duration(now - decided_at_) + " ago") +
           " because " + decided_because_ + ".";
    if (dry_run_) text += " Dry run: nothing was shut down and the UPS output-off was not armed.";
    else if (plan_.state == PlanState::PoweroffArmed) text += " UPS output-off armed.";
  } else if (plan_.state == PlanState::Online && on_battery_) {
    text = "Mains lost " + format_duration(now - *outage_since_) + " ago; no alarm for outages under " +
           format_duration(config_.debounce_s) + ".";
  } else if (plan_.state == PlanState::Online) {
    text = "On mains power.";
    if (e.to_2pct_s) text += " On battery the PC would run about " + format_duration(*e.to_2pct_s) + " to 2 %.";
  } else if (plan_.reason && plan_.action_in_s) {
    const char* what = plan_.action == PlanAction::Sleep ? "Going to sleep in " : "Shutting down in ";
    Candidate c{*plan_.action_in_s, *plan_.reason, plan_.action};
    text = "On battery. " + std::string(what) + format_duration(*plan_.action_in_s) + " because " + because(c, e) + ".";
  } else {
    text = "On battery; nothing to estimate the runtime from yet: acting on the UPS's low-battery flag, its 2 % "
           "shutdown point or a lost link.";
  }
  std::vector<std::string> notes = r.fresh ? e.notes : r.rejected;
  if (!r.fresh) notes.insert(notes.end(), e.notes.begin(), e.notes.end());
  if (model_per_device_ && model_from_) notes.push_back("battery model: " + estimator_.model().basis);
  if (!notes.empty()) text += " Notes: " + joined(notes) + ".";
  plan_.explanation = text;
}

}  // namespace aups::policy
