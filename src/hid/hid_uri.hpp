#pragma once
// HID source URIs: hid://auto (first UPS found), hid:///dev/hidrawN, hid://VID:PID (hex),
// sim://PATH (the simulator's HID socket).
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace aups::hid {

struct HidUri {
  enum class Kind { Auto, Path, VidPid, Sim } kind = Kind::Auto;
  std::string path;  // Path: the hidraw node; Sim: the socket
  std::uint16_t vendor_id = 0, product_id = 0;
};

std::variant<HidUri, std::string> parse_hid_uri(std::string_view uri);

}  // namespace aups::hid
