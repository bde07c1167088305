#include "ui/sample_state.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>

namespace aups::ui {
using nlohmann::json;

namespace {
json sample_snapshot(std::string_view kind) {
  bool ob = kind != "online";
  bool crit = kind == "critical";
  json ups = {{"ups.mfr", "IEI Integration Corp."}, {"ups.model", "AUPS2-A20"}, {"ups.firmware", "1.0.7"},
              {"ups.id", "AUPS2"}, {"ups.serial", "SBZ1V101-23B477"},
              {"ups.status", ob ? (crit ? "OB DISCHRG LB" : "OB DISCHRG") : "OL CHRG"},
              {"input.voltage", ob ? 0.0 : 19.1}, {"output.voltage", 12.0},
              {"ups.realpower", 25.0}, {"ups.load", 50.0},
              {"battery.charge", crit ? 4.0 : ob ? 62.0 : 87.0}, {"battery.voltage", crit ? 6.6 : 7.6},
              {"battery.current", ob ? -3.4 : 0.8}, {"battery.temperature", 31.0},
              {"battery.runtime", crit ? 150 : ob ? 2700 : 3900}, {"battery.time_to_full", 1500},
              {"battery.cycle.count", 12}, {"battery.capacity", 4.6}, {"battery.capacity.nominal", 5.0},
              {"aups.mains", !ob}, {"aups.output.on", true}, {"aups.protection", json::array()}};
  json plan = {{"state", crit ? "critical" : ob ? "on_battery" : "online"},
               {"action", ob ? "shutdown" : "none"},
               {"reason", crit ? "shutdown_at_2pct" : "runtime"},
               {"runtime_to_2pct_s", crit ? 60 : 2550}, {"runtime_to_empty_s", crit ? 150 : 2700},
               {"uncertainty_s", 45}, {"dry_run", false}};
  if (ob) {
    plan["action_in_s"] = crit ? 42.0 : 2312.0;
    plan["explanation"] = crit ? "Shutting down now because the battery is at 4 % and the UPS cuts power at 2 %."
                               : "Shutting down in 38 min because predicted time to 2 % (42 min) reaches OS "
                                 "shutdown (60 s) + margin (120 s).";
  }
  return {{"agent", {{"version", "0.1.0"}, {"pid", 4242}}},
          {"source", {{"uri", "sim:///run/aups/sim.sock"}, {"transport", "sim-hid"}, {"simulated", true},
                      {"connected", true}, {"stale", false}, {"age_s", 0.4}}},
          {"ups", ups},
          {"settings", {{"ups.beeper.status", "enabled"}, {"aups.lan.enabled", true}, {"aups.output.enabled", true},
                        {"aups.output.always_on_with_input", true}, {"ups.delay.shutdown", 60},
                        {"aups.sleep_at_5pct", true}, {"aups.shutdown_at_2pct", true}}},
          {"network", {{"aups.net.hostname", "AUPS2"}, {"aups.net.dhcp", false}, {"aups.net.ip", "192.168.1.20"},
                       {"aups.net.netmask", "255.255.255.0"}, {"aups.net.gateway", "192.168.1.1"},
                       {"aups.net.dns", "192.168.1.1"}}},
          {"plan", plan}};
}

// An hour: mains, a 12-minute outage 40 minutes ago, recharge; on battery at the end if ob.
json sample_history(bool ob, double final_charge) {
  json out = json::array();
  double charge = 75;
  for (int i = -60; i <= 0; ++i) {
    bool mains = !(i >= -40 && i < -28) && !(ob && i >= -6);
    charge = std::clamp(charge + (mains ? 0.5 : -2.5), 0.0, 100.0);
    double load = 25 + 3 * std::sin(i * 0.7);
    out.push_back({{"t", i * 60.0}, {"charge", charge}, {"load_w", load},
                   {"runtime_s", charge / 100 * 4.6 * 7.4 * 3600 / load * 0.9}, {"mains", mains}});
  }
  // End where the snapshot is.
  double shift = final_charge - out.back()["charge"].get<double>();
  for (auto& x : out) {
    double c = std::clamp(x["charge"].get<double>() + shift, 0.0, 100.0);
    x["runtime_s"] = x["runtime_s"].get<double>() * c / std::max(1.0, x["charge"].get<double>());
    x["charge"] = c;
  }
  return out;
}

json sample_events(bool ob) {
  json ev = json::array({
      {{"t", -3600.0}, {"kind", "agent_started"}, {"severity", "info"}, {"message", "aupsd 0.1.0 started (simulator)"}},
      {{"t", -2400.0}, {"kind", "mains_lost"}, {"severity", "warning"}, {"message", "Mains lost: running on battery (80 %)"}},
      {{"t", -1680.0}, {"kind", "mains_restored"}, {"severity", "info"}, {"message", "Mains restored after 12 min"}},
      {{"t", -900.0}, {"kind", "settings_changed"}, {"severity", "info"},
       {"message", "uid 1000 (kiosk) changed DC output off delay 30 s \u2192 60 s"}}});
  if (ob) ev.push_back({{"t", -360.0}, {"kind", "mains_lost"}, {"severity", "warning"},
                        {"message", "Mains lost: running on battery (71 %)"}});
  return ev;
}

void shift_times(json& arr, double unix_s) {
  if (!arr.is_array()) return;
  for (auto& x : arr)
    if (x.is_object() && x.contains("t") && x["t"].is_number() && x["t"].get<double>() <= 0)
      x["t"] = unix_s + x["t"].get<double>();
}
}  // namespace

json sample_state_json(std::string_view kind, double /*unix_s*/) {
  bool ob = kind != "online";
  json snap = sample_snapshot(kind);
  return {{"snapshot", snap},
          {"agent_reachable", true},
          {"privileged", false},
          {"policy", {{"margin_s", 120.0}, {"charge_floor_pct", 3.0}, {"runtime_floor_s", 0.0}, {"debounce_s", 5.0},
                      {"comm_dead_time_s", 30.0}, {"warning_lead_s", 300.0}, {"critical_lead_s", 60.0},
                      {"shutdown_duration_s", 60.0}, {"sleep_duration_s", 15.0}, {"dry_run", false}}},
          {"history", sample_history(ob, snap["ups"]["battery.charge"].get<double>())},
          {"events", sample_events(ob)}};
}

OverlayState state_from_json(const json& j, double now_s, double unix_s) {
  OverlayState s;
  if (!j.is_object()) return s;
  const json& snap = j.contains("snapshot") ? j["snapshot"] : j;
  if (snap.is_object() && (snap.contains("ups") || snap.contains("plan") || snap.contains("source")))
    s = apply_snapshot(std::move(s), snap, now_s);
  s = apply_settings_reply(std::move(s), j);
  s.agent_reachable = j.value("agent_reachable", s.have_snapshot);
  json history = j.value("history", json::array()), events = j.value("events", json::array());
  shift_times(history, unix_s);
  shift_times(events, unix_s);
  s.history = history_from_json(history);
  s.events = events_from_json(events);
  if (j.contains("write_error") && j["write_error"].is_string()) s.write_error = j["write_error"];
  return s;
}

Result<OverlayState> load_state_file(const std::string& path, double now_s, double unix_s) {
  std::ifstream in(path);
  if (!in) return Error{"cannot open " + path};
  json j = json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Error{path + " is not a JSON object"};
  return state_from_json(j, now_s, unix_s);
}

}  // namespace aups::ui
