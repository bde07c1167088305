#include "core/nut_json.hpp"

#include "core/led.hpp"

#include <cmath>

namespace aups {
using nlohmann::json;

namespace {
// Measurements carry no more than 4 decimals: unit conversions (K -> degC, A*s -> Ah) leave
// binary noise like 25.000000000000057 that nobody should have to read.
void put(json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = std::round(*v * 1e4) / 1e4;
}
void put(json& j, const char* key, const std::optional<int>& v) { if (v) j[key] = *v; }
void put(json& j, const char* key, const std::string& v) { if (!v.empty()) j[key] = v; }

template <class T>
void get(const json& j, const char* key, std::optional<T>& out) {
  if (auto it = j.find(key); it != j.end() && it->is_number()) out = it->get<T>();
}
void get(const json& j, const char* key, std::string& out) {
  if (auto it = j.find(key); it != j.end() && it->is_string()) out = it->get<std::string>();
}
}  // namespace

json to_nut_json(const UpsIdentity& id) {
  json j = json::object();
  put(j, "ups.mfr", id.manufacturer);
  put(j, "ups.model", id.model);
  put(j, "ups.firmware", id.firmware);
  put(j, "ups.id", id.name);
  put(j, "ups.serial", id.serial);
  return j;
}

json to_nut_json(const UpsStatus& s) {
  json j = json::object();
  j["ups.status"] = s.flags.to_string();
  put(j, "input.voltage", s.input_voltage);
  put(j, "output.voltage", s.output_voltage);
  put(j, "ups.realpower", s.output_power_w);
  put(j, "ups.load", s.load_pct);
  put(j, "battery.charge", s.charge_pct);
  put(j, "battery.voltage", s.battery_voltage);
  put(j, "battery.current", s.battery_current);
  put(j, "battery.temperature", s.temperature_c);
  put(j, "battery.runtime", s.runtime_s);
  put(j, "battery.time_to_full", s.time_to_full_s);
  put(j, "battery.cycle.count", s.cycle_count);
  put(j, "battery.capacity", s.full_charge_capacity_ah);
  put(j, "battery.capacity.nominal", s.design_capacity_ah);
  j["aups.mains"] = s.mains_present;
  j["aups.output.on"] = s.output_on;
  json trips = json::array();
  for (Protection p : kAllProtections)
    if (s.protections.has(p)) trips.push_back(protection_name(p));
  j["aups.protection"] = trips;
  LedState leds = derive_leds(s);
  j["aups.led.green"] = led_name(leds.green);
  j["aups.led.yellow"] = led_name(leds.yellow);
  j["aups.led.orange"] = led_name(leds.orange);
  return j;
}

UpsIdentity identity_from_nut_json(const json& j) {
  UpsIdentity id;
  get(j, "ups.mfr", id.manufacturer);
  get(j, "ups.model", id.model);
  get(j, "ups.firmware", id.firmware);
  get(j, "ups.id", id.name);
  get(j, "ups.serial", id.serial);
  return id;
}

UpsStatus status_from_nut_json(const json& j) {
  UpsStatus s;
  if (auto it = j.find("ups.status"); it != j.end() && it->is_string())
    s.flags = StatusFlags::parse(it->get<std::string>()).value_or(StatusFlags{});
  get(j, "input.voltage", s.input_voltage);
  get(j, "output.voltage", s.output_voltage);
  get(j, "ups.realpower", s.output_power_w);
  get(j, "ups.load", s.load_pct);
  get(j, "battery.charge", s.charge_pct);
  get(j, "battery.voltage", s.battery_voltage);
  get(j, "battery.current", s.battery_current);
  get(j, "battery.temperature", s.temperature_c);
  get(j, "battery.runtime", s.runtime_s);
  get(j, "battery.time_to_full", s.time_to_full_s);
  get(j, "battery.cycle.count", s.cycle_count);
  get(j, "battery.capacity", s.full_charge_capacity_ah);
  get(j, "battery.capacity.nominal", s.design_capacity_ah);
  s.mains_present = j.value("aups.mains", s.flags.has(StatusFlag::OL));
  s.output_on = j.value("aups.output.on", !s.flags.has(StatusFlag::OFF));
  if (auto it = j.find("aups.protection"); it != j.end() && it->is_array())
    for (auto& name : *it)
      for (Protection p : kAllProtections)
        if (name.is_string() && name.get<std::string>() == protection_name(p)) s.protections.set(p, true);
  return s;
}

json to_nut_json(const UpsSettings& s) {
  return json{{"ups.beeper.status", s.buzzer ? "enabled" : "disabled"},
              {"aups.lan.enabled", s.lan},
              {"aups.output.enabled", s.dc_output},
              {"aups.output.always_on_with_input", s.dc_output_always_on_with_input},
              {"ups.delay.shutdown", s.dc_output_off_delay_s},
              {"aups.sleep_at_5pct", s.sleep_at_5pct},
              {"aups.shutdown_at_2pct", s.shutdown_at_2pct}};
}

json to_nut_json(const NetworkSettings& n) {
  return json{{"aups.net.hostname", n.hostname}, {"aups.net.dhcp", n.dhcp},
              {"aups.net.ip", n.ip},             {"aups.net.netmask", n.netmask},
              {"aups.net.gateway", n.gateway},   {"aups.net.dns", n.dns}};
}

namespace {
SettingError wrong_type(const std::string& key, const char* want) {
  return SettingError{key, key + " must be " + want};
}
}  // namespace

std::variant<UpsSettings, SettingError> apply_settings_json(UpsSettings s, const json& j) {
  if (!j.is_object()) return SettingError{"", "settings must be a JSON object"};
  for (auto& [key, v] : j.items()) {
    bool* flag = key == "aups.lan.enabled"                    ? &s.lan
                 : key == "aups.output.enabled"               ? &s.dc_output
                 : key == "aups.output.always_on_with_input"  ? &s.dc_output_always_on_with_input
                 : key == "aups.sleep_at_5pct"                ? &s.sleep_at_5pct
                 : key == "aups.shutdown_at_2pct"             ? &s.shutdown_at_2pct
                                                              : nullptr;
    if (flag) {
      if (!v.is_boolean()) return wrong_type(key, "true or false");
      *flag = v.get<bool>();
    } else if (key == "ups.beeper.status") {
      if (v == "enabled") s.buzzer = true;
      else if (v == "disabled") s.buzzer = false;
      else return wrong_type(key, "\"enabled\" or \"disabled\"");
    } else if (key == "ups.delay.shutdown") {
      if (!v.is_number_integer()) return wrong_type(key, "a whole number of seconds");
      auto d = v.get<long long>();
      if (d < 0 || d > kMaxOffDelayS) return SettingError{key, "DC output off delay must be between 0 and 3600 seconds"};
      s.dc_output_off_delay_s = static_cast<int>(d);
    } else {
      return SettingError{key, "unknown setting " + key};
    }
  }
  if (auto err = validate(s)) return *err;
  return s;
}

std::variant<NetworkSettings, SettingError> apply_network_json(NetworkSettings n, const json& j) {
  if (!j.is_object()) return SettingError{"", "network settings must be a JSON object"};
  for (auto& [key, v] : j.items()) {
    std::string* text = key == "aups.net.hostname" ? &n.hostname
                        : key == "aups.net.ip"      ? &n.ip
                        : key == "aups.net.netmask" ? &n.netmask
                        : key == "aups.net.gateway" ? &n.gateway
                        : key == "aups.net.dns"     ? &n.dns
                                                    : nullptr;
    if (text) {
      if (!v.is_string()) return wrong_type(key, "a string");
      *text = v.get<std::string>();
    } else if (key == "aups.net.dhcp") {
      if (!v.is_boolean()) return wrong_type(key, "true or false");
      n.dhcp = v.get<bool>();
    } else {
      return SettingError{key, "unknown network setting " + key};
    }
  }
  if (auto err = validate(n)) return *err;
  return n;
}

}  // namespace aups
