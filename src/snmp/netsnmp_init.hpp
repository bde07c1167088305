#pragma once
// net-snmp keeps process-wide state: it is initialised once per process, for one role, and
// reads no configuration (/etc/snmp, ~/.snmp), loads no MIB files and persists no state, so
// aups behaves the same on every host and needs no root. Numeric OIDs only.
#include <optional>
#include <string>

namespace aups::snmp {

enum class NetsnmpRole { Client, MasterAgent, SubAgent };

// Safe to call repeatedly. A client may share a process with an agent (agent init covers it);
// an agent asked for after the client or another agent role is an error.
std::optional<std::string> init_netsnmp(NetsnmpRole role, const std::string& app_name = "aups");

}  // namespace aups::snmp
