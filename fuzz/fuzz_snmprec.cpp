// libFuzzer target: any bytes as an snmprec recording, then the UPS-MIB mapping (with and
// without a quirk profile). Parsing accepts or refuses with a line inside the input; what it
// accepts round-trips through to_snmprec, and the decode never yields an absurd value.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "snmp/snmprec.hpp"
#include "snmp/ups_mib.hpp"
#include "snmp/ups_mib_encode.hpp"

namespace {
void check(const std::optional<double>& v, double lo, double hi) {
  if (v && (!std::isfinite(*v) || *v < lo || *v > hi)) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aups::snmp;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_snmprec(text);
  if (auto* e = std::get_if<SnmprecError>(&parsed)) {
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    if (e->line < 1 || static_cast<std::size_t>(e->line) > lines || e->message.empty()) __builtin_trap();
    return 0;
  }
  const auto& vars = std::get<SnmpVarbinds>(parsed);
  bool exact = true;  // Counter64 beyond int64 is kept as "out of range": not re-writable
  for (auto& [oid, v] : vars) exact = exact && (!v.numeric() || v.number);
  if (exact) {
    auto again = parse_snmprec(to_snmprec(vars));
    if (!std::holds_alternative<SnmpVarbinds>(again) || std::get<SnmpVarbinds>(again) != vars) __builtin_trap();
  }
  static const SnmpProfile profile = [] {
    SnmpProfile p;
    p.name = "fuzz";
    p.sys_object_id_prefix = "1.3.6.1.4.1";
    p.scale["upsOutputPower"] = 1000;
    p.scale["upsBatteryVoltage"] = 0.01;
    return p;
  }();
  for (const SnmpProfile* prof : {static_cast<const SnmpProfile*>(nullptr), &profile}) {
    UpsMibReading r = decode_ups_mib(vars, prof);
    const auto& s = r.status;
    check(s.charge_pct, 0, 100);
    check(s.runtime_s, 0, 100000 * 60);
    check(s.temperature_c, -40, 100);
    check(s.load_pct, 0, 1000);
    check(s.battery_voltage, 0, 1000);
    check(s.battery_current, -1000, 1000);
    (void)to_json(r).dump();
    // What we decoded, served again, decodes to the same status (the device side is total).
    UpsMibReading back = decode_ups_mib(encode_ups_mib(r.identity, s, {}));
    if (back.status.flags.has(aups::StatusFlag::OB) != s.flags.has(aups::StatusFlag::OB)) __builtin_trap();
  }
  return 0;
}
