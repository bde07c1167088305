#include "core/settings.hpp"

#include <cctype>

#include "core/ups_vars.hpp"

namespace aups {

std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view text) {
  std::array<std::uint8_t, 4> out{};
  std::size_t pos = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (pos >= text.size() || text[pos] != '.') return std::nullopt;
      ++pos;
    }
    std::size_t start = pos;
    int value = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      value = value * 10 + (text[pos] - '0');
      if (value > 255) return std::nullopt;
      ++pos;
    }
    std::size_t len = pos - start;
    if (len == 0 || len > 3 || (len > 1 && text[start] == '0')) return std::nullopt;
    out[part] = static_cast<std::uint8_t>(value);
  }
  if (pos != text.size()) return std::nullopt;
  return out;
}

bool valid_hostname(std::string_view name) {
  if (name.empty() || name.size() > 253) return false;
  std::size_t label = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i == name.size() || name[i] == '.') {
      if (label == 0 || label > 63) return false;
      if (name[i - 1] == '-' || name[i - label] == '-') return false;
      label = 0;
      continue;
    }
    char c = name[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    ++label;
  }
  return true;
}

SettingResult<void> check_settings(const UpsSettings& s) {
  if (s.dc_output_off_delay_s < 0 || s.dc_output_off_delay_s > kMaxOffDelayS)
    return SettingError{var_name(&UpsSettings::dc_output_off_delay_s),
                        "DC output off delay must be between 0 and " +
                            std::to_string(kMaxOffDelayS) + " seconds"};
  return {};
}

namespace {
std::uint32_t as_u32(const std::array<std::uint8_t, 4>& a) {
  return (std::uint32_t(a[0]) << 24) | (std::uint32_t(a[1]) << 16) | (std::uint32_t(a[2]) << 8) | a[3];
}
}  // namespace

SettingResult<void> check_network(const NetworkSettings& n) {
  if (!valid_hostname(n.hostname))
    return SettingError{"hostname",
                        "host name must be letters, digits and '-', 1-63 per label, not starting or ending with '-'"};
  // With DHCP on, the static fields wait for the day DHCP is turned off: whatever is stored must
  // be valid then too. Only a DHCP setting with no static address at all skips them.
  if (n.dhcp && n.ip.empty() && n.netmask.empty()) {
    if (!n.gateway.empty() && !parse_ipv4(n.gateway))
      return SettingError{"gateway", "gateway must be four numbers 0-255, like 192.168.1.1"};
    if (!n.dns.empty() && !parse_ipv4(n.dns))
      return SettingError{"dns", "DNS server must be four numbers 0-255, like 192.168.1.1"};
    return {};
  }

  auto ip = parse_ipv4(n.ip);
  if (!ip) return SettingError{"ip", "IP address must be four numbers 0-255, like 192.168.1.20"};
  auto mask = parse_ipv4(n.netmask);
  if (!mask) return SettingError{"netmask", "subnet mask must be four numbers 0-255, like 255.255.255.0"};
  std::uint32_t m = as_u32(*mask);
  if (m == 0 || ((~m + 1) & ~m) != 0)  // ones then zeros, at least one bit set
    return SettingError{"netmask", "subnet mask must be contiguous ones then zeros, like 255.255.255.0"};
  std::uint32_t a = as_u32(*ip);
  std::uint32_t first = a >> 24;
  if (first == 0 || first == 127 || first >= 224)
    return SettingError{"ip", "IP address must be a unicast host address (not 0.x, 127.x or multicast)"};
  if (m != 0xFFFFFFFFu && m != 0xFFFFFFFEu) {
    if ((a & ~m) == 0) return SettingError{"ip", "IP address is the subnet's network address"};
    if ((a & ~m) == ~m) return SettingError{"ip", "IP address is the subnet's broadcast address"};
  }
  if (!n.gateway.empty()) {
    auto gw = parse_ipv4(n.gateway);
    if (!gw) return SettingError{"gateway", "gateway must be four numbers 0-255, like 192.168.1.1"};
    std::uint32_t g = as_u32(*gw);
    if ((g & m) != (a & m)) return SettingError{"gateway", "gateway is not in the same subnet as the IP address"};
    if (g == a) return SettingError{"gateway", "gateway must differ from the IP address"};
  }
  if (!n.dns.empty() && !parse_ipv4(n.dns))
    return SettingError{"dns", "DNS server must be four numbers 0-255, like 192.168.1.1"};
  return {};
}

}  // namespace aups
