#include "snmp/snmp_uri.hpp"

#include <charconv>

namespace aups::snmp {

std::string SnmpTarget::peer() const {
  bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "udp6:[" + host + "]" : "udp:" + host) + ":" + std::to_string(port);
}

std::string SnmpTarget::uri() const {
  bool v6 = host.find(':') != std::string::npos;
  std::string out = "snmp://" + community + "@" + (v6 ? "[" + host + "]" : host);
  if (port != 161) out += ":" + std::to_string(port);
  if (version == SnmpVersion::V1) out += "?version=1";
  return out;
}

std::variant<SnmpTarget, std::string> parse_snmp_uri(std::string_view uri) {
  constexpr std::string_view scheme = "snmp://";
  if (uri.substr(0, scheme.size()) != scheme) return std::string("not an snmp:// URI");
  std::string_view rest = uri.substr(scheme.size());
  SnmpTarget t;
  if (auto q = rest.find('?'); q != std::string_view::npos) {
    std::string_view query = rest.substr(q + 1);
    rest = rest.substr(0, q);
    if (query == "version=1") t.version = SnmpVersion::V1;
    else if (query == "version=2c" || query == "version=2") t.version = SnmpVersion::V2c;
    else return "unsupported query '" + std::string(query) + "' (version=1 or version=2c)";
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (auto at = rest.rfind('@'); at != std::string_view::npos) {
    t.community = std::string(rest.substr(0, at));
    rest = rest.substr(at + 1);
    if (t.community.empty()) return std::string("empty community before '@'");
  }
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
    auto close = rest.find(']');
    if (close == std::string_view::npos) return std::string("unclosed '[' in host");
    t.host = std::string(rest.substr(1, close - 1));
    rest = rest.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return std::string("junk after ']'");
    if (!rest.empty()) port = rest.substr(1);
  } else if (auto colon = rest.find(':'); colon != std::string_view::npos) {
    t.host = std::string(rest.substr(0, colon));
    port = rest.substr(colon + 1);
  } else {
    t.host = std::string(rest);
  }
  if (t.host.empty()) return std::string("no host");
  if (t.host.find_first_of("/@ ") != std::string::npos) return "bad host '" + t.host + "'";
  if (!port.empty() || rest.ends_with(":")) {
    int p = 0;
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (port.empty() || ec != std::errc{} || ptr != port.data() + port.size() || p < 1 || p > 65535)
      return "bad port '" + std::string(port) + "'";
    t.port = p;
  }
  return t;
}

}  // namespace aups::snmp
