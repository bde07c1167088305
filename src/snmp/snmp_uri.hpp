#pragma once
// snmp://COMMUNITY@HOST[:PORT][?version=1|2c] — where an SNMP UPS is and how to ask it.
#include <string>
#include <string_view>
#include <variant>

namespace aups::snmp {

enum class SnmpVersion { V1, V2c };

struct SnmpTarget {
  std::string community = "public";
  std::string host;
  int port = 161;
  SnmpVersion version = SnmpVersion::V2c;
  std::string peer() const;  // net-snmp peername "udp:HOST:PORT" ("udp6:[::1]:PORT" for IPv6)
  std::string uri() const;   // canonical form, community included
  bool operator==(const SnmpTarget&) const = default;
};

// An error names what is wrong with the URI.
std::variant<SnmpTarget, std::string> parse_snmp_uri(std::string_view uri);

}  // namespace aups::snmp
