#include "hid/hid_uri.hpp"

#include <charconv>

namespace aups::hid {
namespace {
bool hex16(std::string_view s, std::uint16_t& out) {
  if (s.empty() || s.size() > 4) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return r.ec == std::errc{} && r.ptr == s.data() + s.size();
}
}  // namespace

std::variant<HidUri, std::string> parse_hid_uri(std::string_view uri) {
  HidUri u;
  if (uri.rfind("sim://", 0) == 0) {
    u.kind = HidUri::Kind::Sim;
    u.path = std::string(uri.substr(6));
    if (u.path.empty()) return std::string("sim:// needs the socket path, e.g. sim:///run/aups/sim.sock");
    return u;
  }
  if (uri.rfind("hid://", 0) != 0) return "not a HID URI: " + std::string(uri);
  std::string_view rest = uri.substr(6);
  if (rest == "auto") return u;
  if (!rest.empty() && rest.front() == '/') {
    u.kind = HidUri::Kind::Path;
    u.path = std::string(rest);
    return u;
  }
  auto colon = rest.find(':');
  if (colon != std::string_view::npos && hex16(rest.substr(0, colon), u.vendor_id) &&
      hex16(rest.substr(colon + 1), u.product_id)) {
    u.kind = HidUri::Kind::VidPid;
    return u;
  }
  return "bad HID URI '" + std::string(uri) + "': use hid://auto, hid:///dev/hidrawN, hid://VID:PID (hex) or sim://PATH";
}

}  // namespace aups::hid
