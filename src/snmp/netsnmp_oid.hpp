#pragma once
// Dotted OID text <-> net-snmp oid arrays, shared by the client session and the agent.
// Include after the net-snmp headers.
#include <string>
#include <string_view>

namespace aups::snmp {

// False for anything but 2..MAX_OID_LEN decimal arcs of at most 32 bits; never throws.
inline bool parse_oid(std::string_view text, oid* out, size_t& len) {
  len = 0;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t dot = std::min(text.find('.', i), text.size());
    if (dot == i || len >= MAX_OID_LEN) return false;
    unsigned long v = 0;
    for (std::size_t k = i; k < dot; ++k) {
      if (text[k] < '0' || text[k] > '9') return false;
      v = v * 10 + static_cast<unsigned long>(text[k] - '0');
      if (v > 0xffffffffUL) return false;
    }
    out[len++] = v;
    i = dot + 1;
  }
  return len >= 2;
}

inline std::string oid_to_string(const oid* name, size_t len) {
  std::string s;
  for (size_t i = 0; i < len; ++i) s += (i ? "." : "") + std::to_string(name[i]);
  return s;
}

}  // namespace aups::snmp
