// libFuzzer target for the report decoder. Input: a 2-byte little-endian descriptor length,
// the descriptor, then one report as on the wire. Every field of the report is decoded;
// a value that decodes must encode back to the same bits.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "hid/report_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aups::hid;
  if (size < 2) return 0;
  const std::size_t desc_len = std::min<std::size_t>(data[0] | (data[1] << 8), size - 2);
  const std::span<const std::uint8_t> desc(data + 2, desc_len);
  const std::span<const std::uint8_t> report(data + 2 + desc_len, size - 2 - desc_len);
  auto parsed = parse_report_descriptor(desc);
  if (!std::holds_alternative<HidReportDescriptor>(parsed)) return 0;
  const auto& d = std::get<HidReportDescriptor>(parsed);
  std::vector<std::uint8_t> copy(report.begin(), report.end());
  for (const auto& f : d.fields) {
    auto logical = read_logical(report, f);
    if (!std::holds_alternative<std::int64_t>(logical)) continue;
    const std::int64_t v = std::get<std::int64_t>(logical);
    if (v < f.logical_min || v > f.logical_max) __builtin_trap();
    (void)logical_to_si(f, v);
    if (write_logical(copy, f, v)) __builtin_trap();  // what was read must be writable
    auto again = read_logical(copy, f);
    if (!std::holds_alternative<std::int64_t>(again) || std::get<std::int64_t>(again) != v) __builtin_trap();
    auto si = read_value(report, f);
    if (auto* x = std::get_if<double>(&si)) (void)si_to_logical(f, *x);
  }
  if (copy != std::vector<std::uint8_t>(report.begin(), report.end())) __builtin_trap();
  return 0;
}
