#pragma once
// The device side of RFC 1628: the model as the UPS-MIB objects an agent serves (the
// simulator's SNMP endpoint, the AgentX export of a watched UPS). decode_ups_mib(encode(x))
// gives x back to the MIB's resolution.
#include <cstdint>
#include <string>

#include "core/model.hpp"
#include "snmp/snmp_value.hpp"

namespace aups::snmp {

struct UpsMibDeviceInfo {
  std::string sys_descr;                             // system.sysDescr
  std::string sys_object_id = "1.3.6.1.2.1.33";      // no enterprise OID known: the UPS-MIB itself
  std::string sys_name;
  std::string agent_software;                        // upsIdentAgentSoftwareVersion
  double uptime_s = 0;                               // sysUpTime
  double seconds_on_battery = 0;                     // upsSecondsOnBattery (0 on mains)
  std::uint32_t input_line_bads = 0;                 // upsInputLineBads: mains losses so far
  std::optional<double> nominal_input_v, nominal_output_v, nominal_output_w;  // upsConfig
  bool dc = true;                                    // a DC UPS: frequencies read 0
  bool communications_lost = false;                  // an exporter's data is stale: upsAlarmCommunicationsLost
};

SnmpVarbinds encode_ups_mib(const UpsIdentity& id, const UpsStatus& st, const UpsMibDeviceInfo& dev);

}  // namespace aups::snmp
