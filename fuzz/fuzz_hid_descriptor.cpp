// libFuzzer target: any bytes as a report descriptor (and as hex text). The parser must accept
// or refuse with an in-range offset; every field it accepts must lie inside its report.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "hid/report_descriptor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aups::hid;
  const std::span<const std::uint8_t> bytes(data, size);
  auto parsed = parse_report_descriptor(bytes);
  if (auto* e = std::get_if<DescriptorError>(&parsed)) {
    if (e->offset > size && e->offset != kMaxDescriptorBytes) __builtin_trap();
  } else {
    const auto& d = std::get<HidReportDescriptor>(parsed);
    if (d.fields.size() > kMaxFields) __builtin_trap();
    for (const auto& f : d.fields) {
      const ReportLayout* r = d.report(f.type, f.report_id);
      if (!r || std::uint64_t{f.bit_offset} + f.bit_size > r->bits) __builtin_trap();
      if (r->data_bytes() > kMaxReportBytes) __builtin_trap();
      if (f.usage_path.size() != f.collection_types.size() + 1 || f.index >= f.count) __builtin_trap();
      (void)nut_line(f);
    }
  }
  auto text = parse_hex_bytes(std::string_view(reinterpret_cast<const char*>(data), size));
  if (auto* e = std::get_if<DescriptorError>(&text); e && e->offset > size) __builtin_trap();
  return 0;
}
