#include "core/ups_vars.hpp"

#include "core/led.hpp"

namespace aups {
namespace {

constexpr bool RO = false, RW = true;
constexpr double kNoMax = 1e9;

// UPS-MIB objects (RFC 1628 units; ranges reject what no UPS can mean).
constexpr UpsMibObject mib_text(std::string_view name, std::string_view oid) {
  return {name, oid};  // a DisplayString: the row's kind is Text
}
constexpr UpsMibObject mib(std::string_view name, std::string_view oid, double unit, double min, double max) {
  return {name, oid, unit, min, max};
}

template <Led LedState::*Which>
std::string led_text(const UpsStatus& s) { return std::string(led_name(derive_leds(s).*Which)); }

const UpsVar kBuiltIn[] = {
    // Identity (the vendor app's Main Info page)
    {"ups.mfr", &UpsIdentity::manufacturer, VarKind::Text, "", RO, "manufacturer",
     mib_text("upsIdentManufacturer", "1.3.6.1.2.1.33.1.1.1.0")},
    {"ups.model", &UpsIdentity::model, VarKind::Text, "", RO, "model name",
     mib_text("upsIdentModel", "1.3.6.1.2.1.33.1.1.2.0")},
    {"ups.firmware", &UpsIdentity::firmware, VarKind::Text, "", RO, "UPS firmware version",
     mib_text("upsIdentUPSSoftwareVersion", "1.3.6.1.2.1.33.1.1.3.0")},
    {"ups.firmware.aux", {}, VarKind::Text, "", RO, "network card (agent) firmware version",
     mib_text("upsIdentAgentSoftwareVersion", "1.3.6.1.2.1.33.1.1.4.0")},
    {"ups.id", &UpsIdentity::name, VarKind::Text, "", RO, "the UPS's name (\"AUPS2\")",
     mib_text("upsIdentName", "1.3.6.1.2.1.33.1.1.5.0")},
    {"ups.serial", &UpsIdentity::serial, VarKind::Text, "", RO, "serial number"},

    // Status
    {"ups.status", &UpsStatus::flags, VarKind::Flags, "", RO, "NUT status words (OL, OB, LB, CHRG, ...)"},
    {"input.voltage", &UpsStatus::input_voltage, VarKind::Number, "V", RO, "input voltage",
     mib("upsInputVoltage", "1.3.6.1.2.1.33.1.3.3.1.3.1", 1, 0, 1000)},
    {"output.voltage", &UpsStatus::output_voltage, VarKind::Number, "V", RO, "output voltage",
     mib("upsOutputVoltage", "1.3.6.1.2.1.33.1.4.4.1.2.1", 1, 0, 1000)},
    {"ups.realpower", &UpsStatus::output_power_w, VarKind::Number, "W", RO, "output power",
     mib("upsOutputPower", "1.3.6.1.2.1.33.1.4.4.1.4.1", 1, 0, kNoMax)},
    {"ups.load", &UpsStatus::load_pct, VarKind::Number, "%", RO, "load, % of nominal power",
     mib("upsOutputPercentLoad", "1.3.6.1.2.1.33.1.4.4.1.5.1", 1, 0, 1000)},
    {"battery.charge", &UpsStatus::charge_pct, VarKind::Number, "%", RO, "battery charge",
     mib("upsEstimatedChargeRemaining", "1.3.6.1.2.1.33.1.2.4.0", 1, 0, 100)},
    {"battery.voltage", &UpsStatus::battery_voltage, VarKind::Number, "V", RO, "battery voltage",
     mib("upsBatteryVoltage", "1.3.6.1.2.1.33.1.2.5.0", 0.1, 0, 1000)},
    {"battery.current", &UpsStatus::battery_current, VarKind::Number, "A", RO, "battery current (+ charging, - discharging)",
     mib("upsBatteryCurrent", "1.3.6.1.2.1.33.1.2.6.0", 0.1, -1000, 1000)},
    {"battery.temperature", &UpsStatus::temperature_c, VarKind::Number, "degC", RO, "battery temperature",
     mib("upsBatteryTemperature", "1.3.6.1.2.1.33.1.2.7.0", 1, -40, 100)},
    {"battery.runtime", &UpsStatus::runtime_s, VarKind::Number, "s", RO, "runtime to empty, as the UPS says",
     UpsMibObject{"upsEstimatedMinutesRemaining", "1.3.6.1.2.1.33.1.2.3.0", 60, 0, 100000 * 60, true}},
    {"battery.time_to_full", &UpsStatus::time_to_full_s, VarKind::Number, "s", RO, "time to full charge"},
    {"battery.cycle.count", &UpsStatus::cycle_count, VarKind::Integer, "", RO, "charge cycles so far"},
    {"battery.capacity", &UpsStatus::full_charge_capacity_ah, VarKind::Number, "Ah", RO, "full-charge capacity"},
    {"battery.capacity.nominal", &UpsStatus::design_capacity_ah, VarKind::Number, "Ah", RO, "design capacity"},
    {"aups.mains", &UpsStatus::mains_present, VarKind::Bool, "", RO, "DC input within 12-24 V"},
    {"aups.output.on", &UpsStatus::output_on, VarKind::Bool, "", RO, "DC output switched on"},
    {"aups.protection", &UpsStatus::protections, VarKind::Flags, "", RO, "battery protection trips (cell_ovp, ...)"},
    {"aups.led.green", &led_text<&LedState::green>, VarKind::Text, "", RO, "power input LED (derived)"},
    {"aups.led.yellow", &led_text<&LedState::yellow>, VarKind::Text, "", RO, "charger status LED (derived)"},
    {"aups.led.orange", &led_text<&LedState::orange>, VarKind::Text, "", RO, "battery status LED (derived)"},

    // What a UPS-MIB agent reports beyond the model: passed through as it comes.
    {"input.frequency", {}, VarKind::Number, "Hz", RO, "input frequency",
     mib("upsInputFrequency", "1.3.6.1.2.1.33.1.3.3.1.2.1", 0.1, 0, 500)},
    {"input.current", {}, VarKind::Number, "A", RO, "input current",
     mib("upsInputCurrent", "1.3.6.1.2.1.33.1.3.3.1.4.1", 0.1, 0, 10000)},
    {"input.realpower", {}, VarKind::Number, "W", RO, "input power",
     mib("upsInputTruePower", "1.3.6.1.2.1.33.1.3.3.1.5.1", 1, 0, kNoMax)},
    {"output.frequency", {}, VarKind::Number, "Hz", RO, "output frequency",
     mib("upsOutputFrequency", "1.3.6.1.2.1.33.1.4.2.0", 0.1, 0, 500)},
    {"output.current", {}, VarKind::Number, "A", RO, "output current",
     mib("upsOutputCurrent", "1.3.6.1.2.1.33.1.4.4.1.3.1", 0.1, 0, 10000)},
    {"input.bypass.frequency", {}, VarKind::Number, "Hz", RO, "bypass frequency",
     mib("upsBypassFrequency", "1.3.6.1.2.1.33.1.5.1.0", 0.1, 0, 500)},
    {"input.bypass.voltage", {}, VarKind::Number, "V", RO, "bypass voltage",
     mib("upsBypassVoltage", "1.3.6.1.2.1.33.1.5.3.1.2.1", 1, 0, 1000)},
    {"ups.alarm", {}, VarKind::Text, "", RO, "active UPS-MIB alarms, by name",
     UpsMibObject{"upsAlarmDescr", "1.3.6.1.2.1.33.1.6.2.1.2", 1, 0, 0, false, true}},
    {"input.voltage.nominal", {}, VarKind::Number, "V", RO, "nominal input voltage",
     mib("upsConfigInputVoltage", "1.3.6.1.2.1.33.1.9.1.0", 1, 0, 1000)},
    {"output.voltage.nominal", {}, VarKind::Number, "V", RO, "nominal output voltage",
     mib("upsConfigOutputVoltage", "1.3.6.1.2.1.33.1.9.3.0", 1, 0, 1000)},
    {"ups.realpower.nominal", {}, VarKind::Number, "W", RO, "nominal output power",
     mib("upsConfigOutputPower", "1.3.6.1.2.1.33.1.9.6.0", 1, 0, kNoMax)},

    // Settings (the vendor app's Settings page, manual 4.4.3)
    {"ups.beeper.status", &UpsSettings::buzzer, VarKind::Enum, "", RW, "buzzer", std::nullopt, {"enabled", "disabled"}},
    {"aups.lan.enabled", &UpsSettings::lan, VarKind::Bool, "", RW, "LAN port"},
    {"aups.output.enabled", &UpsSettings::dc_output, VarKind::Bool, "", RW, "DC output"},
    {"aups.output.always_on_with_input", &UpsSettings::dc_output_always_on_with_input, VarKind::Bool, "", RW,
     "DC output always on while input is present"},
    {"ups.delay.shutdown", &UpsSettings::dc_output_off_delay_s, VarKind::Integer, "s", RW, "DC output off delay",
     std::nullopt, {}, kMaxOffDelayS},
    {"aups.sleep_at_5pct", &UpsSettings::sleep_at_5pct, VarKind::Bool, "", RW, "the UPS sleeps at 5 % charge"},
    {"aups.shutdown_at_2pct", &UpsSettings::shutdown_at_2pct, VarKind::Bool, "", RW, "the UPS shuts down at 2 % charge"},

    // Network settings (manual 4.4.4)
    {"aups.net.hostname", &NetworkSettings::hostname, VarKind::Text, "", RW, "host name"},
    {"aups.net.dhcp", &NetworkSettings::dhcp, VarKind::Bool, "", RW, "address by DHCP"},
    {"aups.net.ip", &NetworkSettings::ip, VarKind::Text, "", RW, "IP address (without DHCP)"},
    {"aups.net.netmask", &NetworkSettings::netmask, VarKind::Text, "", RW, "subnet mask (without DHCP)"},
    {"aups.net.gateway", &NetworkSettings::gateway, VarKind::Text, "", RW, "gateway (without DHCP)"},
    {"aups.net.dns", &NetworkSettings::dns, VarKind::Text, "", RW, "DNS server (without DHCP)"},
};

std::vector<UpsVar>& table() {
  static std::vector<UpsVar> rows(std::begin(kBuiltIn), std::end(kBuiltIn));
  return rows;
}

}  // namespace

const std::vector<UpsVar>& ups_vars() { return table(); }

void add_ups_var(const UpsVar& var) { table().push_back(var); }

const UpsVar* find_ups_var(std::string_view name) {
  for (const UpsVar& v : ups_vars())
    if (v.name == name) return &v;
  return nullptr;
}

const UpsVar* find_ups_var_by_mib(std::string_view mib_name) {
  for (const UpsVar& v : ups_vars())
    if (v.mib && v.mib->name == mib_name) return &v;
  return nullptr;
}

bool feedable(const UpsVar& v) {
  bool model_field = !std::holds_alternative<std::monostate>(v.field) && !std::holds_alternative<DerivedText>(v.field);
  return model_field && v.kind != VarKind::Flags;
}

}  // namespace aups
