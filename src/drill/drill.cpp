#include "drill/drill.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "core/clock.hpp"
#include "policy/shutdown_planner.hpp"
#include "sim/scenario.hpp"

namespace aups::drill {
namespace {

constexpr double kStepS = 1.0;
constexpr double kEndlessLimitS = 24 * 3600;
constexpr double kNeedlessSlackS = 180;  // "more than shutdown + margin + 3 minutes left"
constexpr double kCutPct = 2.0;

// One outage as the twin (which never acts) lived it.
struct Outage {
  double start_s;
  std::optional<double> end_s;     // mains back
  std::optional<double> t_2pct_s;  // reached 2 % before mains came back
  std::optional<double> off_s;     // output went off before mains came back (e.g. UVP at high load)
  // The end of the window in which the OS may still be running safely.
  std::optional<double> safe_until() const {
    if (t_2pct_s && off_s) return std::min(*t_2pct_s, *off_s);
    return t_2pct_s ? t_2pct_s : off_s;
  }
};

struct Twin {
  sim::Simulator sim;
  std::vector<Outage> outages;

  void observe(double t) {
    UpsStatus s = sim.status();
    bool open = !outages.empty() && !outages.back().end_s;
    if (!s.mains_present) {
      if (!open) outages.push_back({t, std::nullopt, std::nullopt, std::nullopt});
      Outage& o = outages.back();
      if (!o.t_2pct_s && s.charge_pct && *s.charge_pct <= kCutPct) o.t_2pct_s = t;
      if (!o.off_s && !s.output_on) o.off_s = t;
    } else if (open) {
      outages.back().end_s = t;
    }
  }
  const Outage* outage_at(double t) const {
    for (const Outage& o : outages)
      if (o.start_s <= t && (!o.end_s || *o.end_s > t)) return &o;
    return nullptr;
  }
};

void check(const DrillOptions& o) {
  if (!(o.shutdown_s > 0 && o.shutdown_s <= 1800)) throw std::invalid_argument("--shutdown-seconds must be 1..1800");
  if (o.load_w && !(*o.load_w > 0 && *o.load_w <= 60)) throw std::invalid_argument("--load must be 0..60 W");
  if (o.cycles && (*o.cycles < 0 || *o.cycles > 2000)) throw std::invalid_argument("--cycles must be 0..2000");
  if (o.start_charge_pct && !(*o.start_charge_pct >= 0 && *o.start_charge_pct <= 100))
    throw std::invalid_argument("--charge must be 0..100 %");
  if (!(o.standby_w >= 0 && o.standby_w <= 60)) throw std::invalid_argument("standby load must be 0..60 W");
}

// Judges the run against the twin's truth.
void judge(DrillResult& r, const Twin& twin, const policy::ShutdownPlanner& planner, bool power_lost_while_on,
           double margin_s) {
  if (!r.decision_t_s) {
    bool reached_2pct = false;
    for (const Outage& o : twin.outages) reached_2pct |= o.safe_until().has_value();
    r.ok = !power_lost_while_on && !reached_2pct;  // no action was needed, and none was taken
    return;
  }
  const Outage* o = twin.outage_at(*r.decision_t_s);
  std::optional<double> safe_until = o ? o->safe_until() : std::nullopt;
  if (o) r.truth_t_2pct_s = o->t_2pct_s, r.truth_power_lost_t_s = o->off_s;
  if (safe_until) {
    r.runtime_left_at_decision_s = *safe_until - *r.decision_t_s;
    if (r.os_down_t_s) r.slack_s = *safe_until - *r.os_down_t_s;
  }
  bool down_in_time = r.os_down_t_s && (!safe_until || *r.os_down_t_s < *safe_until) &&
                      (!r.firmware_off_t_s || *r.os_down_t_s < *r.firmware_off_t_s);
  r.ok = down_in_time && !power_lost_while_on;

  bool sleep = r.action == "sleep";
  // Sleeping at the UPS's configured 5 % point is what the owner asked for, not needless.
  bool configured_sleep = sleep && r.reason == "sleep_at_5pct" && r.charge_at_decision_pct &&
                          *r.charge_at_decision_pct <= 5.5;
  double action_s = sleep ? planner.sleep_duration_s() : r.shutdown_s;
  bool mains_came_back_first = !o || (o->end_s && !safe_until);
  bool too_early = r.runtime_left_at_decision_s &&
                   *r.runtime_left_at_decision_s > action_s + margin_s + kNeedlessSlackS && !configured_sleep;
  r.needless = mains_came_back_first || too_early;
}

}  // namespace

DrillResult run_drill(const DrillOptions& options) {
  check(options);
  sim::Scenario scenario = sim::Scenario::load_named(options.scenario);
  sim::SimConfig config = scenario.start_config();
  if (options.cycles) config.cycle_count = *options.cycles;
  if (options.start_charge_pct) config.initial_charge_pct = *options.start_charge_pct;
  sim::Simulator real(config);
  Twin twin{sim::Simulator(config), {}};
  if (options.sleep_at_5pct) {
    UpsSettings s = real.settings();
    s.sleep_at_5pct = *options.sleep_at_5pct;
    real.apply_settings(s);
    twin.sim.apply_settings(s);
  }
  policy::PolicyConfig pc = options.policy;
  pc.shutdown_duration_s = options.shutdown_s;
  if (auto err = policy::validate(pc)) throw std::invalid_argument("policy: " + err->field + " " + err->message);
  ManualClock clock;
  policy::ShutdownPlanner planner(clock, pc);

  DrillResult r;
  r.scenario = scenario.name();
  r.shutdown_s = options.shutdown_s;
  const double limit = scenario.end_s().value_or(kEndlessLimitS);
  const bool until_off = scenario.end() == sim::Scenario::End::OutputOff;
  bool pc_on = true, power_lost_while_on = false;
  bool real_was_on = real.status().output_on, twin_was_on = twin.sim.status().output_on;
  bool real_went_off = false, twin_went_off = false;
  std::optional<double> os_down_at;
  double t = 0;
  while (t < limit) {
    sim::Environment env = scenario.at(t);
    double load = options.load_w && env.load_w > 0 ? *options.load_w : env.load_w;
    for (sim::Simulator* s : {&real, &twin.sim}) {
      s->set_input_voltage(env.input_v);
      s->set_ambient_c(env.ambient_c);
    }
    twin.sim.set_load_w(load);
    real.set_load_w(pc_on ? load : options.standby_w);
    real.step(kStepS);
    twin.sim.step(kStepS);
    real.take_events();  // not needed here; keeps memory flat
    twin.sim.take_events();
    t += kStepS;
    clock.set(t);
    twin.observe(t);

    UpsStatus rs = real.status();
    if (real_was_on && !rs.output_on && !r.firmware_off_t_s) r.firmware_off_t_s = t;
    real_went_off |= real_was_on && !rs.output_on;
    real_was_on = rs.output_on;
    bool twin_on = twin.sim.status().output_on;
    twin_went_off |= twin_was_on && !twin_on;
    twin_was_on = twin_on;

    if (pc_on) {
      if (!rs.output_on) {  // the PC lost power while running: the failure the planner prevents
        power_lost_while_on = true;
        pc_on = false;
      } else {
        UpsReading reading{real.identity(), rs, real.settings(), real.network(), t, true, false};
        const policy::Plan& p = planner.update(reading);
        if (p.decided() && !r.decision_t_s) {
          r.decision_t_s = t;
          r.action = policy::name(p.action);
          r.reason = p.reason ? policy::name(*p.reason) : "";
          r.explanation = p.explanation;
          r.charge_at_decision_pct = rs.charge_pct;
          r.predicted_to_2pct_s = p.runtime_to_2pct_s;
          r.uncertainty_s = p.uncertainty_s;
          bool sleep = p.action == policy::PlanAction::Sleep;
          os_down_at = t + (sleep ? planner.sleep_duration_s() : options.shutdown_s);
          if (sleep) {  // the agent arms the output-off delay before sleeping
            real.shutdown_output_after(planner.output_off_delay_for_sleep_s(real.settings()));
            planner.poweroff_armed();
          }
        }
        if (os_down_at && t >= *os_down_at) {
          pc_on = false;
          r.os_down_t_s = t;
          r.charge_at_os_down_pct = rs.charge_pct;
          if (r.action == "shutdown") {  // kill-power, late in the OS shutdown
            real.shutdown_output_after(real.settings().dc_output_off_delay_s);
            planner.poweroff_armed();
          }
        }
      }
    }
    if (until_off && real_went_off && twin_went_off) break;
  }
  r.simulated_s = t;
  judge(r, twin, planner, power_lost_while_on, pc.margin_s);
  return r;
}

nlohmann::json to_json(const DrillResult& r) {
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"scenario", r.scenario},
          {"shutdown_seconds", r.shutdown_s},
          {"decision_t_s", opt(r.decision_t_s)},
          {"action", r.action},
          {"reason", r.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.reason)},
          {"charge_at_decision_pct", opt(r.charge_at_decision_pct)},
          {"predicted_to_2pct_s", opt(r.predicted_to_2pct_s)},
          {"uncertainty_s", opt(r.uncertainty_s)},
          {"os_down_t_s", opt(r.os_down_t_s)},
          {"charge_at_os_down_pct", opt(r.charge_at_os_down_pct)},
          {"firmware_off_t_s", opt(r.firmware_off_t_s)},
          {"truth_t_2pct_s", opt(r.truth_t_2pct_s)},
          {"truth_power_lost_t_s", opt(r.truth_power_lost_t_s)},
          {"runtime_left_at_decision_s", opt(r.runtime_left_at_decision_s)},
          {"slack_s", opt(r.slack_s)},
          {"needless", r.needless},
          {"ok", r.ok},
          {"simulated_s", r.simulated_s},
          {"explanation", r.explanation}};
}

}  // namespace aups::drill
