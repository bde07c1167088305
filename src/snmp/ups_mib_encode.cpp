#include "snmp/ups_mib_encode.hpp"

#include <cmath>
#include <vector>

#include "snmp/ups_mib.hpp"

namespace aups::snmp {
namespace {

const std::string P = "1.3.6.1.2.1.33.1.";

std::int64_t scaled(double v, double unit) { return std::llround(v / unit); }

void put_int(SnmpVarbinds& out, const std::string& oid, std::optional<double> v, double unit = 1,
             SnmpType type = SnmpType::Integer) {
  if (v) out[oid] = SnmpValue::integer(type, scaled(*v, unit));
}

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

  // upsIdent
  out[P + "1.1.0"] = SnmpValue::string(id.manufacturer);
  out[P + "1.2.0"] = SnmpValue::string(id.model);
  out[P + "1.3.0"] = SnmpValue::string(id.firmware);
  out[P + "1.4.0"] = SnmpValue::string(dev.agent_software);
  out[P + "1.5.0"] = SnmpValue::string(id.name);
  out[P + "1.6.0"] = SnmpValue::string("");  // upsIdentAttachedDevices

  // upsBattery
  int battery_status = !st.charge_pct ? 1 : st.flags.has(StatusFlag::LB) ? (*st.charge_pct <= 0 ? 4 : 3) : 2;
  out[P + "2.1.0"] = SnmpValue::integer(SnmpType::Integer, battery_status);
  out[P + "2.2.0"] = SnmpValue::integer(SnmpType::Integer, std::llround(dev.seconds_on_battery));
  if (st.runtime_s) out[P + "2.3.0"] = SnmpValue::integer(SnmpType::Integer, std::llround(std::floor(*st.runtime_s / 60)));
  put_int(out, P + "2.4.0", st.charge_pct);
  put_int(out, P + "2.5.0", st.battery_voltage, 0.1);
  put_int(out, P + "2.6.0", st.battery_current, 0.1);
  put_int(out, P + "2.7.0", st.temperature_c);

  // upsInput: one line
  out[P + "3.1.0"] = SnmpValue::integer(SnmpType::Counter32, dev.input_line_bads);
  out[P + "3.2.0"] = SnmpValue::integer(SnmpType::Integer, 1);
  out[P + "3.3.1.1.1"] = SnmpValue::integer(SnmpType::Integer, 1);
  if (dev.dc) out[P + "3.3.1.2.1"] = SnmpValue::integer(SnmpType::Integer, 0);
  out[P + "3.3.1.3.1"] = SnmpValue::integer(SnmpType::Integer, scaled(st.mains_present ? st.input_voltage.value_or(0) : 0, 1));

  // upsOutput: one line
  int source = !st.output_on ? 2 : st.flags.has(StatusFlag::OB) ? 5 : st.flags.has(StatusFlag::BYPASS) ? 4
             : st.flags.has(StatusFlag::BOOST) ? 6 : st.flags.has(StatusFlag::TRIM) ? 7 : 3;
  out[P + "4.1.0"] = SnmpValue::integer(SnmpType::Integer, source);
  if (dev.dc) out[P + "4.2.0"] = SnmpValue::integer(SnmpType::Integer, 0);
  out[P + "4.3.0"] = SnmpValue::integer(SnmpType::Integer, 1);
  out[P + "4.4.1.1.1"] = SnmpValue::integer(SnmpType::Integer, 1);
  put_int(out, P + "4.4.1.2.1", st.output_voltage);
  if (st.output_power_w && st.output_voltage && *st.output_voltage > 0)
    put_int(out, P + "4.4.1.3.1", *st.output_power_w / *st.output_voltage, 0.1);
  put_int(out, P + "4.4.1.4.1", st.output_power_w);
  put_int(out, P + "4.4.1.5.1", st.load_pct);

  // upsAlarm: present count and one row per alarm
  std::vector<int> alarms = alarms_of(st, dev.communications_lost);
  out[P + "6.1.0"] = SnmpValue::integer(SnmpType::Gauge32, static_cast<std::int64_t>(alarms.size()));
  for (std::size_t i = 0; i < alarms.size(); ++i) {
    std::string row = std::to_string(i + 1);
    out[P + "6.2.1.1." + row] = SnmpValue::integer(SnmpType::Integer, static_cast<std::int64_t>(i + 1));
    out[P + "6.2.1.2." + row] = SnmpValue::oid(std::string(kWellKnownAlarms) + "." + std::to_string(alarms[i]));
    out[P + "6.2.1.3." + row] = SnmpValue::integer(SnmpType::TimeTicks, 0);
  }

  // upsConfig
  put_int(out, P + "9.1.0", dev.nominal_input_v);
  put_int(out, P + "9.3.0", dev.nominal_output_v);
  put_int(out, P + "9.5.0", dev.nominal_output_w);  // VA = W for DC
  put_int(out, P + "9.6.0", dev.nominal_output_w);
  return out;
}

}  // namespace aups::snmp
