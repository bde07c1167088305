#include "sim/ups_mib.hpp"

#include "sim/device_spec.hpp"
#include "sim/simulator.hpp"
#include "snmp/ups_mib_encode.hpp"

namespace aups::sim {

void UpsMibCard::observe(const Simulator& sim) {
  UpsStatus st = sim.status();
  bool on_battery = st.flags.has(StatusFlag::OB);
  if (on_battery && !on_battery_since_s_) on_battery_since_s_ = sim.time_s();
  if (!on_battery) on_battery_since_s_.reset();
  if (mains_seen_ && had_mains_ && !st.mains_present) ++input_line_bads_;
  had_mains_ = st.mains_present;
  mains_seen_ = true;
}

snmp::SnmpVarbinds UpsMibCard::table(const Simulator& sim) const {
  UpsIdentity id = sim.identity();
  snmp::UpsMibDeviceInfo dev;
  dev.sys_descr = id.manufacturer + " " + id.model + " DC UPS (aups-sim: SIMULATED)";
  dev.sys_name = id.name;
  dev.agent_software = "aups-sim " AUPS_VERSION;
  dev.uptime_s = sim.time_s();
  dev.seconds_on_battery = on_battery_since_s_ ? sim.time_s() - *on_battery_since_s_ : 0;
  dev.input_line_bads = input_line_bads_;
  dev.nominal_output_v = spec::kOutputV;
  dev.nominal_output_w = spec::kMaxOutputW;
  return snmp::encode_ups_mib(id, sim.status(), dev);
}

}  // namespace aups::sim
