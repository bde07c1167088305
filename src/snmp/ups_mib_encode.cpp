#include "snmp/ups_mib_encode.hpp"

#include <cmath>
#include <vector>

#include "snmp/ups_mib.hpp"

namespace aups::snmp {
namespace {

const std::string P = "1.3.6.1.2.1.33.1.";

std::int64_t scaled(double v, const MibObject& obj) {
  return std::llround(obj.round_down ? std::floor(v / obj.unit) : v / obj.unit);
}

void put_int(SnmpVarbinds& out, const MibObject& obj, std::optional<double> v) {
  if (v) out[std::string(obj.oid)] = SnmpValue::integer(SnmpType::Integer, scaled(*v, obj));
}

const MibObject& object(std::string_view name) { return *mib_object(name); }
std::string oid_of(std::string_view name) { return std::string(object(name).oid); }

// Alarms the status implies, as upsWellKnownAlarms arcs (RFC 1628 6.3.N).
std::vector<int> alarms_of(const UpsStatus& st, bool communications_lost) {
  std::vector<int> ids;
  if (st.flags.has(StatusFlag::RB)) ids.push_back(1);
  if (st.flags.has(StatusFlag::OB)) ids.push_back(2);
  if (st.flags.has(StatusFlag::LB)) ids.push_back(3);
  if (st.protections.has(Protection::ChargeOverTemperature) ||
      st.protections.has(Protection::DischargeOverTemperature))
    ids.push_back(5);
  if (st.flags.has(StatusFlag::OVER)) ids.push_back(8);
  if (!st.output_on) ids.push_back(14);
  bool other_trip = st.protections.has(Protection::CellOverVoltage) ||
                    st.protections.has(Protection::CellUnderVoltage) ||
                    st.protections.has(Protection::DischargeOverCurrent) ||
                    st.protections.has(Protection::ChargeOverCurrent);
  if (other_trip) ids.push_back(18);
  if (communications_lost) ids.push_back(20);
  if (st.flags.has(StatusFlag::FSD)) ids.push_back(23);
  if (st.flags.has(StatusFlag::TEST)) ids.push_back(24);
  return ids;
}

}  // namespace

SnmpVarbinds encode_ups_mib(const UpsIdentity& id, const UpsStatus& st, const UpsMibDeviceInfo& dev) {
  SnmpVarbinds out;
  std::int64_t ticks = static_cast<std::int64_t>(dev.uptime_s * 100) & 0xffffffff;
  out["1.3.6.1.2.1.1.1.0"] = SnmpValue::string(dev.sys_descr);
  out["1.3.6.1.2.1.1.2.0"] = SnmpValue::oid(dev.sys_object_id);
  out["1.3.6.1.2.1.1.3.0"] = SnmpValue::integer(SnmpType::TimeTicks, ticks);
  out["1.3.6.1.2.1.1.5.0"] = SnmpValue::string(dev.sys_name);

  // Every variable with a UPS-MIB object and a model field (core/ups_vars.hpp).
  for (const UpsVar& v : ups_vars()) {
    if (!v.mib || v.mib->column) continue;
    std::visit([&](auto f) {
      using F = decltype(f);
      if constexpr (std::is_same_v<F, std::string UpsIdentity::*>) out[std::string(v.mib->oid)] = SnmpValue::string(id.*f);
      else if constexpr (std::is_same_v<F, std::optional<double> UpsStatus::*>) put_int(out, *v.mib, st.*f);
    }, v.field);
  }

  // upsIdent
  out[oid_of("upsIdentAgentSoftwareVersion")] = SnmpValue::string(dev.agent_software);
  out[P + "1.6.0"] = SnmpValue::string("");  // upsIdentAttachedDevices

  // upsBattery
  int battery_status = !st.charge_pct ? 1 : st.flags.has(StatusFlag::LB) ? (*st.charge_pct <= 0 ? 4 : 3) : 2;
  out[oid_of("upsBatteryStatus")] = SnmpValue::integer(SnmpType::Integer, battery_status);
  out[oid_of("upsSecondsOnBattery")] = SnmpValue::integer(SnmpType::Integer, std::llround(dev.seconds_on_battery));

  // upsInput: one line
  out[P + "3.1.0"] = SnmpValue::integer(SnmpType::Counter32, dev.input_line_bads);
  out[P + "3.2.0"] = SnmpValue::integer(SnmpType::Integer, 1);
  out[P + "3.3.1.1.1"] = SnmpValue::integer(SnmpType::Integer, 1);
  if (dev.dc) out[oid_of("upsInputFrequency")] = SnmpValue::integer(SnmpType::Integer, 0);
  const MibObject& input_v = *ups_var(&UpsStatus::input_voltage).mib;  // 0 V off mains, always served
  out[std::string(input_v.oid)] = SnmpValue::integer(SnmpType::Integer, scaled(st.mains_present ? st.input_voltage.value_or(0) : 0, input_v));

  // upsOutput: one line
  int source = !st.output_on ? 2 : st.flags.has(StatusFlag::OB) ? 5 : st.flags.has(StatusFlag::BYPASS) ? 4
             : st.flags.has(StatusFlag::BOOST) ? 6 : st.flags.has(StatusFlag::TRIM) ? 7 : 3;
  out[oid_of("upsOutputSource")] = SnmpValue::integer(SnmpType::Integer, source);
  if (dev.dc) out[oid_of("upsOutputFrequency")] = SnmpValue::integer(SnmpType::Integer, 0);
  out[P + "4.3.0"] = SnmpValue::integer(SnmpType::Integer, 1);
  out[P + "4.4.1.1.1"] = SnmpValue::integer(SnmpType::Integer, 1);
  if (st.output_power_w && st.output_voltage && *st.output_voltage > 0)
    put_int(out, object("upsOutputCurrent"), *st.output_power_w / *st.output_voltage);

  // upsAlarm: present count and one row per alarm
  std::vector<int> alarms = alarms_of(st, dev.communications_lost);
  out[oid_of("upsAlarmsPresent")] = SnmpValue::integer(SnmpType::Gauge32, static_cast<std::int64_t>(alarms.size()));
  for (std::size_t i = 0; i < alarms.size(); ++i) {
    std::string row = std::to_string(i + 1);
    out[P + "6.2.1.1." + row] = SnmpValue::integer(SnmpType::Integer, static_cast<std::int64_t>(i + 1));
    out[P + "6.2.1.2." + row] = SnmpValue::oid(std::string(kWellKnownAlarms) + "." + std::to_string(alarms[i]));
    out[P + "6.2.1.3." + row] = SnmpValue::integer(SnmpType::TimeTicks, 0);
  }

  // upsConfig
  put_int(out, object("upsConfigInputVoltage"), dev.nominal_input_v);
  put_int(out, object("upsConfigOutputVoltage"), dev.nominal_output_v);
  if (dev.nominal_output_w)  // upsConfigOutputVA (no NUT variable aups reads): VA = W for DC
    out[P + "9.5.0"] = SnmpValue::integer(SnmpType::Integer, std::llround(*dev.nominal_output_w));
  put_int(out, object("upsConfigOutputPower"), dev.nominal_output_w);
  return out;
}

}  // namespace aups::snmp
