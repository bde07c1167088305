#include "snmp/snmp_value.hpp"

#include <charconv>

namespace aups::snmp {

const char* type_name(SnmpType t) {
  switch (t) {
    case SnmpType::Integer: return "INTEGER";
    case SnmpType::OctetString: return "OCTET STRING";
    case SnmpType::Null: return "NULL";
    case SnmpType::ObjectId: return "OBJECT IDENTIFIER";
    case SnmpType::IpAddress: return "IpAddress";
    case SnmpType::Counter32: return "Counter32";
    case SnmpType::Gauge32: return "Gauge32";
    case SnmpType::TimeTicks: return "TimeTicks";
    case SnmpType::Opaque: return "Opaque";
    case SnmpType::Counter64: return "Counter64";
    case SnmpType::NoSuchObject: return "noSuchObject";
    case SnmpType::NoSuchInstance: return "noSuchInstance";
    case SnmpType::EndOfMibView: return "endOfMibView";
  }
  return "?";
}

namespace {
// Next arc of a dotted OID from position i; advances i past the dot.
std::uint64_t next_arc(std::string_view s, std::size_t& i) {
  std::uint64_t v = 0;
  while (i < s.size() && s[i] != '.') v = v * 10 + static_cast<std::uint64_t>(s[i++] - '0');
  if (i < s.size()) ++i;
  return v;
}
}  // namespace

bool OidLess::operator()(std::string_view a, std::string_view b) const {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    std::uint64_t x = next_arc(a, i), y = next_arc(b, j);
    if (x != y) return x < y;
  }
  return i >= a.size() && j < b.size();
}

bool valid_oid(std::string_view oid) {
  int arcs = 0;
  std::size_t i = 0;
  while (i <= oid.size()) {
    std::size_t dot = oid.find('.', i);
    if (dot == std::string_view::npos) dot = oid.size();
    std::string_view arc = oid.substr(i, dot - i);
    std::uint32_t v;
    auto [p, ec] = std::from_chars(arc.data(), arc.data() + arc.size(), v);
    if (arc.empty() || ec != std::errc{} || p != arc.data() + arc.size()) return false;
    ++arcs;
    i = dot + 1;
  }
  return arcs >= 2;
}

bool oid_under(std::string_view oid, std::string_view subtree) {
  return oid.size() > subtree.size() && oid.substr(0, subtree.size()) == subtree &&
         oid[subtree.size()] == '.';
}

}  // namespace aups::snmp
