// The report descriptor parser: a single pass over the items (HID 1.11, 6.2.2) that keeps the
// global/local state machine and emits one HidField per element with a usage, numbered the way
// NUT's usbhid-ups numbers them. Every limit is checked before anything is allocated.
#include "hid/report_descriptor.hpp"

#include <algorithm>
#include <utility>

#include "hid/usage_names.hpp"

namespace aups::hid {
namespace {

// Item prefixes with the size bits masked off (type and tag only).
enum Item : std::uint8_t {
  kInput = 0x80, kOutput = 0x90, kCollection = 0xA0, kFeature = 0xB0, kEndCollection = 0xC0,
  kUsagePage = 0x04, kLogicalMin = 0x14, kLogicalMax = 0x24, kPhysicalMin = 0x34,
  kPhysicalMax = 0x44, kUnitExponent = 0x54, kUnit = 0x64, kReportSize = 0x74,
  kReportId = 0x84, kReportCount = 0x94, kPush = 0xA4, kPop = 0xB4,
  kUsage = 0x08, kUsageMin = 0x18, kUsageMax = 0x28, kDelimiter = 0xA8,
};
constexpr std::uint8_t kLongItem = 0xFE;

// An item's data as read: unsigned, and sign-extended from its own size.
struct ItemValue {
  std::uint32_t u = 0;
  std::int64_t s = 0;
  std::size_t size = 0;
};

// A global extent (logical or physical bound) as written; signedness is decided at main item.
struct Extent {
  std::uint32_t u = 0;
  std::int64_t s = 0;
};

struct GlobalState {
  std::uint32_t usage_page = 0;
  Extent logical_min, logical_max, physical_min, physical_max;
  std::uint32_t unit = 0;
  std::int8_t unit_exponent = 0;
  std::uint32_t report_size = 0;
  std::uint32_t report_count = 0;
  std::uint8_t report_id = 0;
};

// Usages of the next main item: single usages and inclusive ranges, expanded only on demand.
struct UsageRun {
  std::uint32_t first, last;
  std::uint64_t size() const { return std::uint64_t{last} - first + 1; }
};

struct LocalState {
  std::vector<UsageRun> runs;
  std::optional<std::uint32_t> range_min, range_max;
  bool in_delimiter = false;
  bool delimiter_taken = false;  // the first usage of the open delimited set is already kept

  std::uint64_t count() const {
    std::uint64_t n = 0;
    for (const auto& r : runs) n += r.size();
    return n;
  }
  std::uint32_t at(std::uint64_t i) const {
    for (const auto& r : runs) {
      if (i < r.size()) return r.first + static_cast<std::uint32_t>(i);
      i -= r.size();
    }
    return 0;
  }
  void reset() { *this = LocalState{}; }
};

struct OpenCollection {
  std::uint32_t usage;
  std::uint8_t type;
  std::size_t offset;
};

std::string hex_byte(std::uint8_t b) {
  static constexpr char kDigits[] = "0123456789abcdef";
  return {'0', 'x', kDigits[b >> 4], kDigits[b & 15]};
}

std::int64_t bound_max(const Extent& min, const Extent& max) {
  // HID extents are signed, but devices write 0..255 as "15 00 25 FF": a maximum is read
  // unsigned whenever its minimum is non-negative (as Linux's hid-core does).
  return min.s >= 0 ? static_cast<std::int64_t>(max.u) : max.s;
}

std::int8_t unit_exponent(const ItemValue& v) {
  // A 4-bit two's-complement nibble per the spec; some devices write a whole signed byte.
  auto b = static_cast<std::int8_t>(v.u & 0xFF);
  if (b >= 8 && b <= 15) return static_cast<std::int8_t>(b - 16);
  return b;
}

std::uint32_t usage_of(const ItemValue& v, const GlobalState& g) {
  // A 4-byte usage carries its own page; shorter ones take the current Usage Page (as NUT does).
  return v.size == 4 ? v.u : (g.usage_page << 16) | (v.u & 0xFFFF);
}

class Parser {
 public:
  explicit Parser(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  DescriptorResult run();

 private:
  std::optional<DescriptorError> item(std::uint8_t prefix, const ItemValue& v);
  std::optional<DescriptorError> main_item(std::uint8_t tag, const ItemValue& v);
  std::optional<DescriptorError> global_item(std::uint8_t tag, const ItemValue& v);
  std::optional<DescriptorError> local_item(std::uint8_t tag, const ItemValue& v);
  std::optional<DescriptorError> data_item(ReportType type, const ItemValue& v);
  std::optional<DescriptorError> add_usage_run(UsageRun run);
  ReportLayout& layout(ReportType type, std::uint8_t id);
  DescriptorError error(std::string message) const { return {offset_, std::move(message)}; }

  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;  // of the item being handled
  GlobalState global_;
  std::vector<GlobalState> pushed_;
  LocalState local_;
  std::vector<OpenCollection> collections_;
  HidReportDescriptor out_;
};

DescriptorResult Parser::run() {
  if (bytes_.size() > kMaxDescriptorBytes)
    return DescriptorError{kMaxDescriptorBytes, "descriptor longer than " +
                                                    std::to_string(kMaxDescriptorBytes) + " bytes"};
  std::size_t pos = 0;
  while (pos < bytes_.size()) {
    offset_ = pos;
    const std::uint8_t prefix = bytes_[pos];
    if (prefix == kLongItem) {  // long items carry no data we use: skip them whole
      if (pos + 3 > bytes_.size()) return error("truncated long item");
      const std::size_t end = pos + 3 + bytes_[pos + 1];
      if (end > bytes_.size()) return error("truncated long item");
      pos = end;
      continue;
    }
    if (((prefix >> 2) & 3) == 3) return error("reserved item type (prefix " + hex_byte(prefix) + ")");
    static constexpr std::size_t kDataSize[4] = {0, 1, 2, 4};
    ItemValue v;
    v.size = kDataSize[prefix & 3];
    if (pos + 1 + v.size > bytes_.size())
      return error("truncated item " + hex_byte(prefix) + ": needs " + std::to_string(v.size) +
                   " data bytes");
    for (std::size_t i = 0; i < v.size; ++i) v.u |= std::uint32_t{bytes_[pos + 1 + i]} << (8 * i);
    v.s = v.size == 0 ? 0
        : v.size == 1 ? static_cast<std::int8_t>(v.u)
        : v.size == 2 ? static_cast<std::int16_t>(v.u)
                      : static_cast<std::int32_t>(v.u);
    if (auto e = item(prefix, v)) return *e;
    pos += 1 + v.size;
  }
  offset_ = bytes_.size();
  if (!collections_.empty())
    return DescriptorError{collections_.back().offset, "collection is never closed"};
  if (local_.in_delimiter) return error("delimiter set is never closed");
  return std::move(out_);
}

std::optional<DescriptorError> Parser::item(std::uint8_t prefix, const ItemValue& v) {
  const std::uint8_t tag = prefix & 0xFC;
  switch ((prefix >> 2) & 3) {
    case 0: return main_item(tag, v);
    case 1: return global_item(tag, v);
    default: return local_item(tag, v);  // type 3 (reserved) was refused in run()
  }
}

std::optional<DescriptorError> Parser::main_item(std::uint8_t tag, const ItemValue& v) {
  if (local_.in_delimiter) return error("main item inside an open delimiter set");
  if (local_.range_min || local_.range_max) return error("usage range without its other end");
  switch (tag) {
    case kInput: return data_item(ReportType::Input, v);
    case kOutput: return data_item(ReportType::Output, v);
    case kFeature: return data_item(ReportType::Feature, v);
    case kCollection: {
      if (collections_.size() >= kMaxCollectionDepth)
        return error("collections nested deeper than " + std::to_string(kMaxCollectionDepth));
      // The collection takes the first pending usage; none leaves usage 0 (NUT prints 00000000).
      collections_.push_back({local_.count() ? local_.at(0) : 0u,
                              static_cast<std::uint8_t>(v.u & 0xFF), offset_});
      local_.reset();
      return std::nullopt;
    }
    case kEndCollection:
      if (collections_.empty()) return error("end collection without an open collection");
      collections_.pop_back();
      local_.reset();
      return std::nullopt;
    default: return error("reserved main item " + hex_byte(tag));
  }
}

std::optional<DescriptorError> Parser::data_item(ReportType type, const ItemValue& v) {
  const GlobalState& g = global_;
  ReportLayout& report = layout(type, g.report_id);
  const std::uint64_t bits = std::uint64_t{g.report_size} * g.report_count;
  if (report.bits + bits > std::uint64_t{kMaxReportBytes} * 8)
    return error("report " + std::to_string(g.report_id) + " (" + std::string(to_string(type)) +
                 ") grows past " + std::to_string(kMaxReportBytes) + " bytes");

  const std::uint64_t with_usage = std::min<std::uint64_t>(local_.count(), g.report_count);
  if (out_.fields.size() + with_usage > kMaxFields)
    return error("more than " + std::to_string(kMaxFields) + " fields");

  HidField proto;
  for (const auto& c : collections_) {
    proto.usage_path.push_back(c.usage);
    proto.collection_types.push_back(c.type);
  }
  const std::string prefix = usage_path_to_string(proto.usage_path, proto.collection_types);
  proto.type = type;
  proto.report_id = g.report_id;
  proto.bit_size = g.report_size;
  proto.count = g.report_count;
  proto.logical_min = g.logical_min.s;
  proto.logical_max = bound_max(g.logical_min, g.logical_max);
  proto.physical_min = g.physical_min.s;
  proto.physical_max = bound_max(g.physical_min, g.physical_max);
  proto.unit = g.unit;
  proto.unit_exponent = g.unit_exponent;
  proto.flags = v.u & 0x1FF;

  for (std::uint32_t i = 0; i < with_usage; ++i) {
    HidField f = proto;
    f.index = i;
    f.bit_offset = report.bits + i * g.report_size;
    f.usage_path.push_back(local_.at(i));
    f.path = prefix.empty() ? usage_to_string(f.usage()) : prefix + "." + usage_to_string(f.usage());
    out_.fields.push_back(std::move(f));
  }
  report.bits += static_cast<std::uint32_t>(bits);
  local_.reset();
  return std::nullopt;
}

ReportLayout& Parser::layout(ReportType type, std::uint8_t id) {
  for (auto& r : out_.reports)
    if (r.type == type && r.report_id == id) return r;
  out_.reports.push_back({type, id, 0});
  return out_.reports.back();
}

std::optional<DescriptorError> Parser::global_item(std::uint8_t tag, const ItemValue& v) {
  GlobalState& g = global_;
  switch (tag) {
    case kUsagePage: g.usage_page = v.u & 0xFFFF; break;
    case kLogicalMin: g.logical_min = {v.u, v.s}; break;
    case kLogicalMax: g.logical_max = {v.u, v.s}; break;
    case kPhysicalMin: g.physical_min = {v.u, v.s}; break;
    case kPhysicalMax: g.physical_max = {v.u, v.s}; break;
    case kUnitExponent: g.unit_exponent = unit_exponent(v); break;
    case kUnit: g.unit = v.u; break;
    case kReportSize: g.report_size = v.u; break;
    case kReportCount: g.report_count = v.u; break;
    case kReportId:
      if (v.u == 0 || v.u > 0xFF) return error("report ID " + std::to_string(v.u) + " not in 1..255");
      g.report_id = static_cast<std::uint8_t>(v.u);
      out_.uses_report_ids = true;
      break;
    case kPush:
      if (pushed_.size() >= kMaxPushDepth)
        return error("push nested deeper than " + std::to_string(kMaxPushDepth));
      pushed_.push_back(g);
      break;
    case kPop:
      if (pushed_.empty()) return error("pop without push");
      g = pushed_.back();
      pushed_.pop_back();
      break;
    default: break;  // reserved global tags carry nothing we use
  }
  return std::nullopt;
}

std::optional<DescriptorError> Parser::add_usage_run(UsageRun run) {
  if (local_.in_delimiter) {  // a delimited set names one usage in several ways: keep the first
    if (local_.delimiter_taken) return std::nullopt;
    local_.delimiter_taken = true;
  }
  if (local_.runs.size() >= kMaxLocalUsages)
    return error("more than " + std::to_string(kMaxLocalUsages) + " usages for one main item");
  local_.runs.push_back(run);
  return std::nullopt;
}

std::optional<DescriptorError> Parser::local_item(std::uint8_t tag, const ItemValue& v) {
  switch (tag) {
    case kUsage: {
      const std::uint32_t u = usage_of(v, global_);
      return add_usage_run({u, u});
    }
    case kUsageMin:
    case kUsageMax: {
      auto& end = tag == kUsageMin ? local_.range_min : local_.range_max;
      if (end) return error("usage range end given twice");
      end = usage_of(v, global_);
      if (!local_.range_min || !local_.range_max) return std::nullopt;
      const std::uint32_t lo = *local_.range_min, hi = *local_.range_max;
      local_.range_min.reset();
      local_.range_max.reset();
      if ((lo >> 16) != (hi >> 16)) return error("usage range spans two usage pages");
      if (lo > hi) return error("usage range inverted (minimum above maximum)");
      return add_usage_run({lo, hi});
    }
    case kDelimiter:
      if (v.u == 1) {
        if (local_.in_delimiter) return error("delimiter set opened twice");
        local_.in_delimiter = true;
        local_.delimiter_taken = false;
      } else if (v.u == 0) {
        if (!local_.in_delimiter) return error("delimiter close without open");
        local_.in_delimiter = false;
      } else {
        return error("delimiter value " + std::to_string(v.u) + " is neither 0 nor 1");
      }
      return std::nullopt;
    default: return std::nullopt;  // designators and strings: not used by aups
  }
}

}  // namespace

std::string_view to_string(ReportType t) {
  switch (t) {
    case ReportType::Input: return "Input";
    case ReportType::Output: return "Output";
    case ReportType::Feature: return "Feature";
  }
  return "?";
}

const HidField* HidReportDescriptor::find(std::string_view path, std::optional<ReportType> type) const {
  for (const auto& f : fields)
    if (f.path == path && (!type || f.type == *type)) return &f;
  return nullptr;
}

const ReportLayout* HidReportDescriptor::report(ReportType type, std::uint8_t report_id) const {
  for (const auto& r : reports)
    if (r.type == type && r.report_id == report_id) return &r;
  return nullptr;
}

DescriptorResult parse_report_descriptor(std::span<const std::uint8_t> bytes) {
  return Parser(bytes).run();
}

}  // namespace aups::hid
