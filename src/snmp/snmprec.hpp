#pragma once
// snmpsim's recording format, one variable a line: `OID|TAG|VALUE` (TAG 2 INTEGER, 4 OCTET
// STRING, 4x hex OCTET STRING, 5 NULL, 6 OID, 64 IpAddress, 65 Counter32, 66 Gauge32,
// 67 TimeTicks, 70 Counter64). Recordings of real devices are evidence: a malformed or
// truncated line is an error naming the line, never silently skipped.
#include <string>
#include <string_view>
#include <variant>

#include "snmp/snmp_value.hpp"

namespace aups::snmp {

struct SnmprecError {
  int line = 0;  // 1-based; 0 when the whole file is at fault (unreadable)
  std::string message;
  std::string to_string() const;
};

std::variant<SnmpVarbinds, SnmprecError> parse_snmprec(std::string_view text);
std::variant<SnmpVarbinds, SnmprecError> load_snmprec(const std::string& path);

// Writes variables in the same format (used to record what the simulator serves).
std::string to_snmprec(const SnmpVarbinds& vars);

}  // namespace aups::snmp
