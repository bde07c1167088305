#pragma once
// The vendor app's Settings and Network Setting pages (manual 4.4.3, 4.4.4), with the
// manual's defaults, and validation that names what is wrong instead of failing later.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace aups {

struct UpsSettings {
  bool buzzer = true;                        // 4.4.3.1, enabled by default
  bool lan = true;                           // 4.4.3.2, enabled by default
  bool dc_output = true;                     // 4.4.3.3, enabled by default
  bool dc_output_always_on_with_input = true;// 4.4.3.4, enabled by default
  // 4.4.3.5: the manual gives no default or range; aups uses 60 s and accepts 0..3600 s.
  int dc_output_off_delay_s = 60;
  bool sleep_at_5pct = true;                 // 4.4.3.6
  bool shutdown_at_2pct = true;              // 4.4.3.7
  bool operator==(const UpsSettings&) const = default;
};
inline constexpr int kMaxOffDelayS = 3600;

struct NetworkSettings {
  std::string hostname = "AUPS2";
  bool dhcp = true;  // 4.4.4.1: DHCP is enabled by default
  std::string ip, netmask, gateway, dns;  // used when dhcp is off
  bool operator==(const NetworkSettings&) const = default;
};

// A validation failure: which field, and why, in words an operator understands. The error type
// of settings results (not aups::Error) because callers name the field apart from the message.
struct SettingError {
  std::string field;
  std::string message;
};
template <class T>
using SettingResult = Result<T, SettingError>;

// Success, or the first field that is wrong.
SettingResult<void> check_settings(const UpsSettings& s);
SettingResult<void> check_network(const NetworkSettings& n);

// Strict dotted-quad IPv4 ("192.168.1.10"); no leading zeros, no shorthand.
std::optional<std::array<std::uint8_t, 4>> parse_ipv4(std::string_view text);
// RFC 1123 host name: labels of 1..63 [A-Za-z0-9-], not starting/ending with '-', <= 253 chars.
bool valid_hostname(std::string_view name);

}  // namespace aups
