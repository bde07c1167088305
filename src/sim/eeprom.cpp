#include "sim/eeprom.hpp"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

#include "platform/atomic_file.hpp"

namespace aups::sim {
namespace {

constexpr std::string_view kMagic = "aups-sim-eeprom 1";

std::uint32_t fnv1a(std::string_view s) {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : s) h = (h ^ c) * 16777619u;
  return h;
}

std::string hex(std::uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

bool parse_bool(const std::string& v, bool* out) {
  if (v == "1") *out = true;
  else if (v == "0") *out = false;
  else return false;
  return true;
}

}  // namespace

std::string encode_eeprom(const EepromContent& c) {
  const auto& s = c.settings;
  const auto& n = c.network;
  std::ostringstream body;
  body << kMagic << '\n'
       << "buzzer=" << s.buzzer << '\n'
       << "lan=" << s.lan << '\n'
       << "dc_output=" << s.dc_output << '\n'
       << "dc_output_always_on_with_input=" << s.dc_output_always_on_with_input << '\n'
       << "dc_output_off_delay_s=" << s.dc_output_off_delay_s << '\n'
       << "sleep_at_5pct=" << s.sleep_at_5pct << '\n'
       << "shutdown_at_2pct=" << s.shutdown_at_2pct << '\n'
       << "hostname=" << n.hostname << '\n'
       << "dhcp=" << n.dhcp << '\n'
       << "ip=" << n.ip << '\n'
       << "netmask=" << n.netmask << '\n'
       << "gateway=" << n.gateway << '\n'
       << "dns=" << n.dns << '\n';
  const std::string text = body.str();
  return text + "fnv1a=" + hex(fnv1a(text)) + '\n';
}

Result<EepromContent> decode_eeprom(std::string_view text) {
  auto fail = [](std::string why) { return Error{std::move(why)}; };
  const auto sum_at = text.rfind("fnv1a=");
  if (sum_at == std::string_view::npos || sum_at + 15 != text.size())
    return fail("checksum line missing (torn or foreign file)");
  if (hex(fnv1a(text.substr(0, sum_at))) != text.substr(sum_at + 6, 8))
    return fail("checksum mismatch (corrupt)");
  std::istringstream in{std::string(text.substr(0, sum_at))};
  std::string line;
  if (!std::getline(in, line) || line != kMagic) return fail("not an aups-sim EEPROM image");
  std::map<std::string, std::string> kv;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq == std::string::npos) return fail("malformed line '" + line + "'");
    kv[line.substr(0, eq)] = line.substr(eq + 1);
  }
  EepromContent c;
  auto& s = c.settings;
  auto& n = c.network;
  const std::pair<const char*, bool*> bools[] = {
      {"buzzer", &s.buzzer}, {"lan", &s.lan}, {"dc_output", &s.dc_output},
      {"dc_output_always_on_with_input", &s.dc_output_always_on_with_input},
      {"sleep_at_5pct", &s.sleep_at_5pct}, {"shutdown_at_2pct", &s.shutdown_at_2pct},
      {"dhcp", &n.dhcp}};
  for (auto [key, field] : bools)
    if (!kv.count(key) || !parse_bool(kv[key], field)) return fail(std::string("bad field ") + key);
  const std::pair<const char*, std::string*> strings[] = {
      {"hostname", &n.hostname}, {"ip", &n.ip}, {"netmask", &n.netmask},
      {"gateway", &n.gateway}, {"dns", &n.dns}};
  for (auto [key, field] : strings) {
    if (!kv.count(key)) return fail(std::string("missing field ") + key);
    *field = kv[key];
  }
  try {
    std::size_t used = 0;
    s.dc_output_off_delay_s = std::stoi(kv.at("dc_output_off_delay_s"), &used);
    if (used != kv.at("dc_output_off_delay_s").size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    return fail("bad field dc_output_off_delay_s");
  }
  if (auto e = check_settings(s); !e) return fail(e.error().field + ": " + e.error().message);
  if (auto e = check_network(n); !e) return fail(e.error().field + ": " + e.error().message);
  return c;
}

EepromLoad load_eeprom(const std::string& path) {
  EepromLoad out;
  if (path.empty() || !std::filesystem::exists(path)) return out;
  std::string error;
  const auto text = platform::read_file(path, &error);
  if (!text) {
    out.problem = "cannot read " + path + ": " + error;
    return out;
  }
  if (auto c = decode_eeprom(*text)) out.content = *c;
  else out.problem = path + ": " + c.error().message;
  return out;
}

Status save_eeprom(const std::string& path, const EepromContent& c) {
  if (path.empty()) return {};
  return platform::write_file_atomically(path, encode_eeprom(c));
}

}  // namespace aups::sim
