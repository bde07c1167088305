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

ShutdownPlanner::ShutdownPlanner(const Clock& clock, PolicyConfig config, BatteryLearning learning,
                                 BatteryModel model)
    : clock_(clock),
      config_(validate(config) ? PolicyConfig{} : config),
      sanity_(model),
      estimator_(model, learning) {
  plan_.dry_run = config_.dry_run;
  plan_.explanation = "No data from the UPS yet.";
}

bool ShutdownPlanner::set_config(const PolicyConfig& config) {
  if (validate(config)) return false;
  config_ = config;
  plan_.dry_run = config.dry_run;
  return true;
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
      double in_s = std::min(*e.to_5pct_s, safe - (sleep_duration_s() + config_.margin_s));
      consider(in_s, PlanReason::SleepAt5pct, PlanAction::Sleep);
    }
    if (config_.charge_floor_pct > 0 && e.charge_pct && *e.charge_pct > kCutPct) {
      double to_floor = *e.to_2pct_s * (*e.charge_pct - config_.charge_floor_pct) / (*e.charge_pct - kCutPct);
      consider(to_floor, PlanReason::ChargeFloor, PlanAction::Shutdown);
    }
  }
  if (e.charge_pct && config_.charge_floor_pct > 0 && *e.charge_pct <= config_.charge_floor_pct)
    consider(0, PlanReason::ChargeFloor, PlanAction::Shutdown);
  if (r.low_battery && !e.to_2pct_s) consider(0, PlanReason::LowBatteryFlag, PlanAction::Shutdown);
  if (comm_lost) {
    if (!e.to_2pct_s) consider(0, PlanReason::CommLost, PlanAction::Shutdown);
    else if (best) best->reason = best->reason == PlanReason::ShutdownAt2pct ? best->reason : PlanReason::CommLost;
  }
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
      return "the UPS is set to sleep at 5 % (charge " + charge + ", time to 2 % " + t2 + ", sleep takes " +
             format_duration(sleep_duration_s()) + ")";
    case PlanReason::ShutdownAt2pct:
      return "the UPS reached its 2 % shutdown point (forced shutdown)";
    case PlanReason::CommLost:
      return "the UPS has not answered for over " + format_duration(config_.comm_dead_time_s) +
             " on battery; deciding on the last data extrapolated (time to 2 % " + t2 + ")";
    case PlanReason::LowBatteryFlag:
      return "the UPS reports low battery and gives nothing to estimate the runtime from";
  }
  return "";
}

const Plan& ShutdownPlanner::update(const UpsReading& reading) {
  double now = clock_.now_s();
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
  plan_.dry_run = config_.dry_run;

  if (plan_.decided()) {  // past the point of no return: the plan stands, numbers stay current
    plan_.action_in_s = 0;
    explain(e, r);
    return plan_;
  }
  if (!on_battery_) {
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
    plan_.state = PlanState::ShutdownStarted;
    decided_ = next;
    decided_at_ = now;
    decided_because_ = because(*next, e);
  } else if (comm_lost || (next && next->in_s <= config_.critical_lead_s)) {
    plan_.state = PlanState::Critical;
  } else if (next && next->in_s <= config_.warning_lead_s) {
    plan_.state = PlanState::Warning;
  } else {
    plan_.state = PlanState::OnBattery;
  }
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
    if (plan_.state == PlanState::PoweroffArmed) text += " UPS output-off armed.";
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
  if (!notes.empty()) text += " Notes: " + joined(notes) + ".";
  plan_.explanation = text;
}

}  // namespace aups::policy
