#include "ui/changes.hpp"

#include <cmath>
#include <cstdio>

#include "core/nut_json.hpp"

namespace aups::ui {
using nlohmann::json;

json json_diff(const json& before, const json& after) {
  json out = json::object();
  if (!after.is_object()) return out;
  for (auto& [k, v] : after.items())
    if (!before.is_object() || !before.contains(k) || before[k] != v) out[k] = v;
  return out;
}

json settings_diff(const OverlayState& s, const UiState& ui) {
  if (!ui.staged_settings || !s.settings) return json::object();
  return json_diff(to_nut_json(*s.settings), to_nut_json(*ui.staged_settings));
}

json policy_diff(const OverlayState& s, const UiState& ui) { return json_diff(s.policy, ui.staged_policy); }

json network_diff(const OverlayState& s, const UiState& ui) {
  if (!ui.staged_network) return json::object();
  return json_diff(to_nut_json(s.network.value_or(NetworkSettings{})), to_nut_json(*ui.staged_network));
}

namespace {
struct Label { const char* key; const char* label; };
constexpr Label kLabels[] = {
    {"ups.beeper.status", "Buzzer"},
    {"aups.lan.enabled", "LAN function"},
    {"aups.output.enabled", "DC output"},
    {"aups.output.always_on_with_input", "DC output always on with DC input"},
    {"ups.delay.shutdown", "DC output off delay"},
    {"aups.sleep_at_5pct", "Sleep at 5 % battery"},
    {"aups.shutdown_at_2pct", "Shut down at 2 % battery"},
    {"aups.net.hostname", "Host name"},
    {"aups.net.dhcp", "DHCP"},
    {"aups.net.ip", "IP address"},
    {"aups.net.netmask", "Subnet mask"},
    {"aups.net.gateway", "Gateway"},
    {"aups.net.dns", "DNS server"},
    {"margin_s", "Runtime margin"},
    {"shutdown_duration_s", "OS shutdown time"},
    {"charge_floor_pct", "Charge floor"},
    {"runtime_floor_s", "Runtime floor"},
};
bool ends_with(const std::string& s, const char* suffix) {
  std::string t(suffix);
  return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}
}  // namespace

std::string key_label(const std::string& key) {
  for (auto& l : kLabels)
    if (key == l.key) return l.label;
  std::string out = key;  // "min_charge_pct" -> "min charge pct"
  for (char& ch : out)
    if (ch == '_' || ch == '.') ch = ' ';
  return out;
}

std::string value_text(const std::string& key, const json& v) {
  if (v.is_boolean()) return v.get<bool>() ? "on" : "off";
  if (v.is_string()) {
    auto t = v.get<std::string>();
    return t == "enabled" ? "on" : t == "disabled" ? "off" : t.empty() ? "(empty)" : t;
  }
  if (v.is_number()) {
    double d = v.get<double>();
    char buf[48];
    const char* unit = ends_with(key, "_s") || key == "ups.delay.shutdown" ? " s" : ends_with(key, "_pct") ? " %" : "";
    if (d == std::floor(d)) std::snprintf(buf, sizeof buf, "%.0f%s", d, unit);
    else std::snprintf(buf, sizeof buf, "%.1f%s", d, unit);
    return buf;
  }
  return v.dump();
}

}  // namespace aups::ui
