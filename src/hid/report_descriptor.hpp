#pragma once
// HidReportDescriptor: a USB HID report descriptor parsed into the list of data fields a UPS
// exposes, each named by its usage path the way NUT's usbhid-ups names it
// ("UPS.PowerSummary.PresentStatus.ACPresent"), with where it sits in which report.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace aups::hid {

enum class ReportType : std::uint8_t { Input, Output, Feature };
std::string_view to_string(ReportType t);  // "Input" / "Output" / "Feature"

// Main item data bits (HID 1.11, 6.2.2.5).
namespace field_flag {
inline constexpr std::uint32_t kConstant = 1u << 0;     // else Data
inline constexpr std::uint32_t kVariable = 1u << 1;     // else Array
inline constexpr std::uint32_t kRelative = 1u << 2;     // else Absolute
inline constexpr std::uint32_t kWrap = 1u << 3;
inline constexpr std::uint32_t kNonLinear = 1u << 4;
inline constexpr std::uint32_t kNoPreferred = 1u << 5;
inline constexpr std::uint32_t kNullState = 1u << 6;
inline constexpr std::uint32_t kVolatile = 1u << 7;
inline constexpr std::uint32_t kBufferedBytes = 1u << 8;
}  // namespace field_flag

// Collection types (HID 1.11, 6.2.2.6); 0x80..0xFF are vendor-defined.
enum class CollectionType : std::uint8_t {
  Physical = 0x00, Application = 0x01, Logical = 0x02, Report = 0x03,
  NamedArray = 0x04, UsageSwitch = 0x05, UsageModifier = 0x06,
};

// One report element that has a usage of its own: exactly one line of NUT's -DDDDD dump.
// A main item with usages U1..Uk and Report Count N yields min(k, N) fields (element i gets Ui);
// its remaining elements have no usage and only take up bits.
struct HidField {
  std::string path;                              // NUT-style dotted name, e.g. "UPS.PowerSummary.Voltage"
  std::vector<std::uint32_t> usage_path;         // collection usages then the element's usage (page<<16|id)
  std::vector<std::uint8_t> collection_types;    // one per collection on the path (usage_path.size() - 1)
  ReportType type = ReportType::Input;
  std::uint8_t report_id = 0;                    // 0: the device uses no report IDs
  std::uint32_t bit_offset = 0;                  // from the first data bit after the report-ID byte
  std::uint32_t bit_size = 0;                    // the codec reads 1..32
  std::uint32_t count = 1;                       // Report Count of the main item this element is from
  std::uint32_t index = 0;                       // this element's index within that main item
  // Signed per the item size, except a maximum is read unsigned when its minimum is >= 0
  // (as Linux and NUT do), so 64-bit to hold 0..0xFFFFFFFF.
  std::int64_t logical_min = 0, logical_max = 0;
  std::int64_t physical_min = 0, physical_max = 0;  // both 0: physical == logical
  std::uint32_t unit = 0;                        // HID unit code (0: none)
  std::int8_t unit_exponent = 0;                 // value in SI = physical * 10^unit_exponent
  std::uint32_t flags = 0;                       // field_flag bits

  std::uint32_t usage() const { return usage_path.empty() ? 0 : usage_path.back(); }
  bool is_constant() const { return flags & field_flag::kConstant; }
  bool is_variable() const { return flags & field_flag::kVariable; }
  bool is_signed() const { return logical_min < 0; }
};

// The size of one report of a type and ID, in bits of data (not counting the report-ID byte).
struct ReportLayout {
  ReportType type = ReportType::Input;
  std::uint8_t report_id = 0;
  std::uint32_t bits = 0;
  std::uint32_t data_bytes() const { return (bits + 7) / 8; }
  // Bytes on the wire: data plus the report-ID byte when the device uses report IDs.
  std::uint32_t wire_bytes() const { return data_bytes() + (report_id != 0 ? 1 : 0); }
};

struct HidReportDescriptor {
  std::vector<HidField> fields;       // in descriptor order (NUT's order)
  std::vector<ReportLayout> reports;  // one per (type, report ID) seen, in first-seen order
  bool uses_report_ids = false;

  // First field whose path equals `path` and whose type is `type` (if given).
  const HidField* find(std::string_view path, std::optional<ReportType> type = std::nullopt) const;
  const ReportLayout* report(ReportType type, std::uint8_t report_id) const;
};

// Why a descriptor was rejected, and at which byte (offset of the offending item's prefix).
struct DescriptorError {
  std::size_t offset = 0;
  std::string message;
  std::string to_string() const;  // "byte 12: pop without push"
};

// Hard limits keeping hostile descriptors from costing memory or time.
inline constexpr std::size_t kMaxDescriptorBytes = 64 * 1024;
inline constexpr std::uint32_t kMaxReportBytes = 4096;       // per report, data part
inline constexpr std::size_t kMaxCollectionDepth = 32;
inline constexpr std::size_t kMaxPushDepth = 16;
inline constexpr std::size_t kMaxLocalUsages = 1024;         // per main item, after ranges expand
inline constexpr std::size_t kMaxFields = 16 * 1024;

using DescriptorResult = std::variant<HidReportDescriptor, DescriptorError>;
DescriptorResult parse_report_descriptor(std::span<const std::uint8_t> bytes);

// Descriptor bytes written as hex text: any mix of spaces, commas, newlines and 0x prefixes
// ("05 84 09 04", "0x05,0x84", "058409"). Lines starting with '#' are comments.
std::variant<std::vector<std::uint8_t>, DescriptorError> parse_hex_bytes(std::string_view text);

// The NUT -DDDDD line for a field: "Path: …, Type: Feature, ReportID: 0x0b, Offset: 0, Size: 4".
std::string nut_line(const HidField& f);

}  // namespace aups::hid
