#include "sim/hid_firmware.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <variant>

#include "hid/report_codec.hpp"
#include "sim/hid_aups2_descriptor.hpp"

namespace aups::sim {
namespace {

using hid::HidError;
using hid::HidField;
using hid::Report;
using hid::ReportType;
using Bytes = std::vector<std::uint8_t>;
// A field's content: unknown (sent as all ones, outside the logical range), an SI value, or bytes.
using Val = std::variant<std::monostate, double, Bytes>;

struct State {
  const Simulator& sim;
  UpsStatus st;
  UpsIdentity id;
  UpsSettings set;
  NetworkSettings net;
  std::optional<double> kill_in_s;
};

Val opt(const std::optional<double>& v) { return v ? Val{*v} : Val{}; }
Val flag(bool b) { return Val{b ? 1.0 : 0.0}; }
Val text(const std::string& s) { return Bytes(s.begin(), s.end()); }
Val ipv4(const std::string& s) {
  auto a = parse_ipv4(s);
  return a ? Bytes(a->begin(), a->end()) : Bytes(4, 0);
}
constexpr double kAs = 3600.0;  // ampere-seconds per ampere-hour

using Getter = std::function<Val(const State&)>;
const std::unordered_map<std::string, Getter>& getters() {
  static const std::unordered_map<std::string, Getter> g = {
      {"UPS.PowerSummary.iManufacturer", [](auto&) { return Val{1.0}; }},
      {"UPS.PowerSummary.iProduct", [](auto&) { return Val{2.0}; }},
      {"UPS.PowerSummary.iSerialNumber", [](auto&) { return Val{3.0}; }},
      {"UPS.PowerSummary.iName", [](auto&) { return Val{4.0}; }},
      {"UPS.PowerSummary.RemainingCapacity", [](auto& s) { return opt(s.st.charge_pct); }},
      {"UPS.PowerSummary.RunTimeToEmpty", [](auto& s) { return opt(s.st.runtime_s); }},
      {"UPS.PowerSummary.AverageTimeToFull", [](auto& s) { return opt(s.st.time_to_full_s); }},
      {"UPS.PowerSummary.PresentStatus.ACPresent", [](auto& s) { return flag(s.st.mains_present); }},
      {"UPS.PowerSummary.PresentStatus.Charging", [](auto& s) { return flag(s.st.flags.has(StatusFlag::CHRG)); }},
      {"UPS.PowerSummary.PresentStatus.Discharging", [](auto& s) { return flag(s.st.flags.has(StatusFlag::DISCHRG)); }},
      {"UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", [](auto& s) { return flag(s.st.flags.has(StatusFlag::LB)); }},
      {"UPS.PowerSummary.PresentStatus.ShutdownImminent", [](auto& s) { return flag(s.sim.shutdown_requested()); }},
      {"UPS.PowerSummary.PresentStatus.FullyCharged", [](auto& s) { return flag(s.st.charge_pct && *s.st.charge_pct >= 99.5); }},
      {"UPS.PowerSummary.PresentStatus.Overload", [](auto& s) { return flag(s.st.flags.has(StatusFlag::OVER)); }},
      {"UPS.PowerSummary.PresentStatus.NeedReplacement", [](auto& s) { return flag(s.st.flags.has(StatusFlag::RB)); }},
      {"UPS.PowerSummary.PresentStatus.Good", [](auto& s) { return flag(s.st.output_on); }},
      {"UPS.PowerSummary.AudibleAlarmControl", [](auto& s) { return Val{s.set.buzzer ? 2.0 : 1.0}; }},
      {"UPS.Battery.Voltage", [](auto& s) { return opt(s.st.battery_voltage); }},
      {"UPS.Battery.Current", [](auto& s) { return opt(s.st.battery_current); }},
      {"UPS.Battery.Temperature", [](auto& s) { return s.st.temperature_c ? Val{*s.st.temperature_c + 273.15} : Val{}; }},
      {"UPS.Battery.DesignCapacity", [](auto& s) { return s.st.design_capacity_ah ? Val{*s.st.design_capacity_ah * kAs} : Val{}; }},
      {"UPS.Battery.FullChargeCapacity", [](auto& s) { return s.st.full_charge_capacity_ah ? Val{*s.st.full_charge_capacity_ah * kAs} : Val{}; }},
      {"UPS.Battery.CycleCount", [](auto& s) { return s.st.cycle_count ? Val{double(*s.st.cycle_count)} : Val{}; }},
      {"UPS.Battery.ConfigVoltage", [](auto&) { return Val{7.4}; }},             // manual Table 1-2
      {"UPS.Battery.RemainingCapacityLimit", [](auto&) { return Val{2.0}; }},    // shutdown at 2 %
      {"UPS.Battery.WarningCapacityLimit", [](auto&) { return Val{5.0}; }},      // sleep at 5 %
      {"UPS.Input.Voltage", [](auto& s) { return opt(s.st.input_voltage); }},
      {"UPS.Output.Voltage", [](auto& s) { return opt(s.st.output_voltage); }},
      {"UPS.Output.ActivePower", [](auto& s) { return opt(s.st.output_power_w); }},
      {"UPS.Output.PercentLoad", [](auto& s) { return opt(s.st.load_pct); }},
      {"UPS.Output.DelayBeforeShutdown", [](auto& s) { return Val{s.kill_in_s ? std::ceil(*s.kill_in_s) : -1.0}; }},
      {"UPS.ff000001.ff000020", [](auto& s) { return flag(s.st.protections.has(Protection::CellOverVoltage)); }},
      {"UPS.ff000001.ff000021", [](auto& s) { return flag(s.st.protections.has(Protection::CellUnderVoltage)); }},
      {"UPS.ff000001.ff000022", [](auto& s) { return flag(s.st.protections.has(Protection::DischargeOverCurrent)); }},
      {"UPS.ff000001.ff000023", [](auto& s) { return flag(s.st.protections.has(Protection::ChargeOverCurrent)); }},
      {"UPS.ff000001.ff000024", [](auto& s) { return flag(s.st.protections.has(Protection::ChargeOverTemperature)); }},
      {"UPS.ff000001.ff000025", [](auto& s) { return flag(s.st.protections.has(Protection::DischargeOverTemperature)); }},
      {"UPS.ff000001.ff000026", [](auto& s) { return flag(s.sim.sleep_requested()); }},
      {"UPS.ff000001.ff000010", [](auto& s) { return flag(s.set.lan); }},
      {"UPS.ff000001.ff000011", [](auto& s) { return flag(s.set.dc_output); }},
      {"UPS.ff000001.ff000012", [](auto& s) { return flag(s.set.dc_output_always_on_with_input); }},
      {"UPS.ff000001.ff000013", [](auto& s) { return flag(s.set.sleep_at_5pct); }},
      {"UPS.ff000001.ff000014", [](auto& s) { return flag(s.set.shutdown_at_2pct); }},
      {"UPS.ff000001.ff000015", [](auto& s) { return Val{double(s.set.dc_output_off_delay_s)}; }},
      {"UPS.ff000001.ff000030", [](auto& s) { return text(s.net.hostname); }},
      {"UPS.ff000001.ff000031", [](auto& s) { return flag(s.net.dhcp); }},
      {"UPS.ff000001.ff000032", [](auto& s) { return ipv4(s.net.ip); }},
      {"UPS.ff000001.ff000033", [](auto& s) { return ipv4(s.net.netmask); }},
      {"UPS.ff000001.ff000034", [](auto& s) { return ipv4(s.net.gateway); }},
      {"UPS.ff000001.ff000035", [](auto& s) { return ipv4(s.net.dns); }},
      {"UPS.ff000001.ff000040", [](auto& s) { return text(s.id.manufacturer); }},
      {"UPS.ff000001.ff000041", [](auto& s) { return text(s.id.model); }},
      {"UPS.ff000001.ff000042", [](auto& s) { return text(s.id.firmware); }},
      {"UPS.ff000001.ff000043", [](auto& s) { return text(s.id.name); }},
      {"UPS.ff000001.ff000044", [](auto& s) { return text(s.id.serial); }},
  };
  return g;
}

std::span<std::uint8_t> data_of(Report& r, const HidField& f) {
  return f.report_id ? std::span(r).subspan(1) : std::span(r);
}

void put(Report& r, const HidField& f, const Val& v) {
  auto data = data_of(r, f);
  if (auto* bytes = std::get_if<Bytes>(&v)) {  // one byte per element of the main item
    for (std::uint32_t i = 0; i < f.count && i < bytes->size(); ++i)
      (void)hid::write_bits(data, f.bit_offset + i * f.bit_size, f.bit_size, (*bytes)[i]);
    return;
  }
  if (auto* si = std::get_if<double>(&v)) {  // clamped to what the field carries; NaN: unknown
    const auto [lo, hi] = std::minmax({hid::logical_to_si(f, f.logical_min), hid::logical_to_si(f, f.logical_max)});
    auto logical = hid::si_to_logical(f, std::clamp(*si, lo, hi));
    if (auto* l = std::get_if<std::int64_t>(&logical)) {
      (void)hid::write_logical(r, f, *l);
      return;
    }
  }
  std::uint32_t all_ones = f.bit_size >= 32 ? 0xFFFFFFFFu : (1u << f.bit_size) - 1;  // "unknown"
  (void)hid::write_bits(data, f.bit_offset, f.bit_size, all_ones);
}

std::string get_text(std::span<const std::uint8_t> r, const HidField& f) {
  auto data = f.report_id ? r.subspan(1) : r;
  std::string s;
  for (std::uint32_t i = 0; i < f.count; ++i) {
    auto b = hid::read_bits(data, f.bit_offset + i * f.bit_size, 8);
    if (!std::holds_alternative<std::uint32_t>(b) || std::get<std::uint32_t>(b) == 0) break;
    s.push_back(static_cast<char>(std::get<std::uint32_t>(b)));
  }
  return s;
}

std::string get_ipv4(std::span<const std::uint8_t> r, const HidField& f) {
  std::string s = "";
  auto data = f.report_id ? r.subspan(1) : r;
  std::uint32_t sum = 0;
  for (std::uint32_t i = 0; i < 4; ++i) {
    auto b = hid::read_bits(data, f.bit_offset + i * 8, 8);
    std::uint32_t v = std::holds_alternative<std::uint32_t>(b) ? std::get<std::uint32_t>(b) : 0;
    sum += v;
    s += (i ? "." : "") + std::to_string(v);
  }
  return sum == 0 ? "" : s;  // 0.0.0.0: not set
}

}  // namespace

Aups2HidFirmware::Aups2HidFirmware(Simulator& sim) : sim_(sim) {
  auto parsed = hid::parse_report_descriptor(aups2_report_descriptor());
  if (auto* e = std::get_if<hid::DescriptorError>(&parsed))
    throw std::logic_error("AUPS2-A20 descriptor does not parse: " + e->to_string());
  desc_ = std::get<hid::HidReportDescriptor>(std::move(parsed));
}

hid::HidInfo Aups2HidFirmware::info() const {
  UpsIdentity id = sim_.identity();
  return {"", kAups2VendorId, kAups2ProductId, id.manufacturer, id.model, id.serial, 0x84, 0x04};
}

std::vector<std::uint8_t> Aups2HidFirmware::descriptor() const { return aups2_report_descriptor(); }

std::optional<std::string> Aups2HidFirmware::string_at(int index) const {
  UpsIdentity id = sim_.identity();
  switch (index) {
    case 1: return id.manufacturer;
    case 2: return id.model;
    case 3: return id.serial;
    case 4: return id.name;
    default: return std::nullopt;
  }
}

std::optional<Report> Aups2HidFirmware::build(ReportType type, std::uint8_t report_id) const {
  const hid::ReportLayout* layout = desc_.report(type, report_id);
  if (!layout) return std::nullopt;
  std::optional<double> kill_in;
  if (kill_at_s_ && *kill_at_s_ > sim_.time_s()) kill_in = *kill_at_s_ - sim_.time_s();
  State s{sim_, sim_.status(), sim_.identity(), sim_.settings(), sim_.network(), kill_in};
  Report r(layout->wire_bytes(), 0);
  if (report_id) r[0] = report_id;
  for (const HidField& f : desc_.fields) {
    if (f.type != type || f.report_id != report_id) continue;
    auto g = getters().find(f.path);
    put(r, f, g == getters().end() ? Val{} : g->second(s));
  }
  return r;
}

hid::HidResult<Report> Aups2HidFirmware::get_feature(std::uint8_t report_id) {
  auto r = build(ReportType::Feature, report_id);
  if (!r) return HidError{HidError::Kind::Io, "no feature report " + std::to_string(report_id) + " (STALL)"};
  return *r;
}

std::vector<Report> Aups2HidFirmware::take_changed_inputs() {
  std::vector<Report> out;
  for (const auto& layout : desc_.reports) {
    if (layout.type != ReportType::Input) continue;
    auto r = build(ReportType::Input, layout.report_id);
    auto& last = last_inputs_[layout.report_id];
    if (r && *r != last) {
      last = *r;
      out.push_back(*r);
    }
  }
  return out;
}

std::optional<HidError> Aups2HidFirmware::set_feature(std::span<const std::uint8_t> report) {
  auto bad = [](std::string m) { return HidError{HidError::Kind::Io, std::move(m)}; };
  if (report.empty()) return bad("empty report");
  const hid::ReportLayout* layout = desc_.report(ReportType::Feature, report[0]);
  if (!layout) return bad("no feature report " + std::to_string(report[0]) + " (STALL)");
  if (report.size() != layout->wire_bytes())
    return bad("feature report " + std::to_string(report[0]) + " is " + std::to_string(layout->wire_bytes()) +
               " bytes, got " + std::to_string(report.size()));
  return apply(report[0], report);
}

std::optional<HidError> Aups2HidFirmware::apply(std::uint8_t id, std::span<const std::uint8_t> report) {
  auto bad = [](std::string m) { return HidError{HidError::Kind::Io, std::move(m)}; };
  auto field = [&](const char* path) { return desc_.find(path, ReportType::Feature); };
  auto num = [&](const char* path) -> std::optional<double> {
    auto v = hid::read_logical(report, *field(path));
    if (!std::holds_alternative<std::int64_t>(v)) return std::nullopt;
    return hid::logical_to_si(*field(path), std::get<std::int64_t>(v));
  };
  namespace r = aups2_report;
  if (id == r::kBuzzer) {
    auto v = num("UPS.PowerSummary.AudibleAlarmControl");
    if (!v) return bad("AudibleAlarmControl out of range (1 disabled, 2 enabled, 3 muted)");
    UpsSettings s = sim_.settings();
    s.buzzer = *v == 2;
    if (auto e = sim_.apply_settings(s); !e) return bad(e.error().message);
    return std::nullopt;
  }
  if (id == r::kOutputControl) {
    auto v = num("UPS.Output.DelayBeforeShutdown");
    if (!v) return bad("DelayBeforeShutdown out of range");
    if (*v < 0) {
      kill_at_s_.reset();  // nothing armed in the model to cancel; the countdown just stops showing
      return std::nullopt;
    }
    sim_.shutdown_output_after(static_cast<int>(*v));
    kill_at_s_ = sim_.time_s() + *v;
    return std::nullopt;
  }
  if (id == r::kSettings) {
    UpsSettings s = sim_.settings();
    bool* bits[] = {&s.lan, &s.dc_output, &s.dc_output_always_on_with_input, &s.sleep_at_5pct, &s.shutdown_at_2pct};
    const char* paths[] = {"UPS.ff000001.ff000010", "UPS.ff000001.ff000011", "UPS.ff000001.ff000012",
                           "UPS.ff000001.ff000013", "UPS.ff000001.ff000014"};
    for (int i = 0; i < 5; ++i) *bits[i] = num(paths[i]).value_or(0) != 0;
    auto delay = num("UPS.ff000001.ff000015");
    if (!delay) return bad("DC output off delay out of range 0..3600 s");
    s.dc_output_off_delay_s = static_cast<int>(*delay);
    if (auto e = sim_.apply_settings(s); !e) return bad(e.error().field + ": " + e.error().message);
    return std::nullopt;
  }
  if (id == r::kHostname || id == r::kNetwork) {
    NetworkSettings n = sim_.network();
    if (id == r::kHostname) {
      n.hostname = get_text(report, *field("UPS.ff000001.ff000030"));
    } else {
      n.dhcp = num("UPS.ff000001.ff000031").value_or(1) != 0;
      n.ip = get_ipv4(report, *field("UPS.ff000001.ff000032"));
      n.netmask = get_ipv4(report, *field("UPS.ff000001.ff000033"));
      n.gateway = get_ipv4(report, *field("UPS.ff000001.ff000034"));
      n.dns = get_ipv4(report, *field("UPS.ff000001.ff000035"));
    }
    if (auto e = sim_.apply_network(n); !e) return bad(e.error().field + ": " + e.error().message);
    return std::nullopt;
  }
  return bad("feature report " + std::to_string(id) + " is read-only");
}

}  // namespace aups::sim
