#include "sim/hid_aups2_descriptor.hpp"

#include <initializer_list>

#include "hid/report_codec.hpp"

namespace aups::sim {
namespace {

// Writes short items (HID 1.11, 6.2.2.2): prefix = tag << 4 | type << 2 | size code.
class DescriptorWriter {
 public:
  std::vector<std::uint8_t> bytes;

  DescriptorWriter& page(std::uint16_t p) { return item(0x04, p, false); }
  DescriptorWriter& usage(std::uint16_t id) { return item(0x08, id, false); }
  DescriptorWriter& usages(std::initializer_list<std::uint16_t> ids) {
    for (auto id : ids) usage(id);
    return *this;
  }
  DescriptorWriter& collection(std::uint16_t page_, std::uint16_t id, std::uint8_t type) {
    page(page_).usage(id);
    return item(0xA0, type, false);
  }
  DescriptorWriter& end() { bytes.push_back(0xC0); return *this; }
  DescriptorWriter& id(std::uint8_t report_id) { return item(0x84, report_id, false); }
  DescriptorWriter& size(std::uint32_t bits) { return item(0x74, bits, false); }
  DescriptorWriter& count(std::uint32_t n) { return item(0x94, n, false); }
  DescriptorWriter& range(std::int32_t lo, std::int32_t hi) { return item(0x14, lo, true).item(0x24, hi, true); }
  // Unit and exponent; the exponent goes in a nibble as the spec asks (-2 -> 0x0E).
  DescriptorWriter& unit(std::uint32_t code, int exponent) {
    item(0x64, code, false);
    return item(0x54, static_cast<std::uint32_t>(exponent) & 0xF, false);
  }
  DescriptorWriter& no_unit() { return item(0x64, 0, false).item(0x54, 0, false); }
  DescriptorWriter& input() { return item(0x80, 0x02, false); }     // Data, Variable, Absolute
  DescriptorWriter& feature() { return item(0xB0, 0x02, false); }
  DescriptorWriter& feature_const() { return item(0xB0, 0x03, false); }
  DescriptorWriter& pad_feature(std::uint32_t bits) { return size(bits).count(1).feature_const(); }
  DescriptorWriter& pad_input(std::uint32_t bits) { return size(bits).count(1).item(0x80, 0x03, false); }

 private:
  DescriptorWriter& item(std::uint8_t tag_type, std::uint32_t v, bool is_signed) {
    auto s = static_cast<std::int32_t>(v);
    int n = !is_signed ? (v <= 0xFF ? 1 : v <= 0xFFFF ? 2 : 4)
                       : (s >= -128 && s <= 127 ? 1 : s >= -32768 && s <= 32767 ? 2 : 4);
    if (tag_type == 0xC0) n = 0;
    bytes.push_back(static_cast<std::uint8_t>(tag_type | (n == 4 ? 3 : n)));
    for (int i = 0; i < n; ++i) bytes.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    return *this;
  }
};

constexpr std::uint16_t kPd = 0x84, kBat = 0x85, kVend = kAups2VendorPage;
constexpr std::uint8_t kApplication = 0x01, kPhysical = 0x00, kLogical = 0x02;
namespace r = aups2_report;

std::vector<std::uint8_t> build() {
  DescriptorWriter w;
  w.collection(kPd, 0x04, kApplication);  // UPS

  w.collection(kPd, 0x24, kPhysical);  // UPS.PowerSummary
  // Indexes of the USB string descriptors (read through the transport; see hid-transport.md).
  w.id(r::kStringIndexes).page(kPd).usages({0xFD, 0xFE, 0xFF, 0x01}).size(8).count(4).range(0, 255).no_unit();
  w.feature_const();
  // Report 0x02: the quick status, pushed as Input on change and readable as Feature.
  for (bool as_input : {true, false}) {
    w.id(r::kSummary).page(kBat).usage(0x66).size(8).count(1).range(0, 100).no_unit();  // RemainingCapacity %
    as_input ? w.input() : w.feature();
    w.usages({0x68, 0x6A}).size(16).count(2).range(0, 65534).unit(hid::kUnitSecond, 0);  // RunTimeToEmpty, AverageTimeToFull
    as_input ? w.input() : w.feature();
    w.collection(kPd, 0x02, kLogical);  // PresentStatus
    w.page(kBat).usages({0xD0, 0x44, 0x45, 0x42}).page(kPd).usages({0x69}).page(kBat).usages({0x46});
    w.page(kPd).usages({0x65, 0x61}).page(kBat).usages({0x4B}).size(1).count(9).range(0, 1).no_unit();
    as_input ? w.input() : w.feature();
    as_input ? w.pad_input(7) : w.pad_feature(7);
    w.end();
  }
  w.id(r::kBuzzer).page(kPd).usage(0x5A).size(8).count(1).range(1, 3).no_unit().feature();  // AudibleAlarmControl
  w.end();

  w.collection(kPd, 0x12, kPhysical);  // UPS.Battery
  for (bool as_input : {true, false}) {
    w.id(r::kMeasurements).page(kPd).usage(0x30).size(16).count(1).range(0, 65534).unit(hid::kUnitVolt, 5);  // cV
    as_input ? w.input() : w.feature();
    w.usage(0x31).range(-32767, 32767).unit(hid::kUnitAmpere, -2);  // Current, cA, + charging
    as_input ? w.input() : w.feature();
    w.usage(0x36).range(0, 65534).unit(hid::kUnitKelvin, -2);  // Temperature, 0.01 K
    as_input ? w.input() : w.feature();
  }
  w.id(r::kBattery).page(kBat).usages({0x83, 0x67}).size(16).count(2).range(0, 65534);  // Design/FullCharge
  w.unit(hid::kUnitAmpereSecond, 0).feature();
  w.usage(0x6B).count(1).range(0, 65534).no_unit().feature();  // CycleCount
  w.page(kPd).usage(0x40).range(0, 65534).unit(hid::kUnitVolt, 5).feature();  // ConfigVoltage, cV
  w.page(kBat).usages({0x29, 0x8C}).size(8).count(2).range(0, 100).no_unit().feature();  // RemainingCapacityLimit, Warning
  w.end();

  w.collection(kPd, 0x1A, kPhysical);  // UPS.Input
  for (bool as_input : {true, false}) {
    w.id(r::kMeasurements).page(kPd).usage(0x30).size(16).count(1).range(0, 65534).unit(hid::kUnitVolt, 5);
    as_input ? w.input() : w.feature();
  }
  w.end();

  w.collection(kPd, 0x1C, kPhysical);  // UPS.Output
  for (bool as_input : {true, false}) {
    w.id(r::kMeasurements).page(kPd).usage(0x30).size(16).count(1).range(0, 65534).unit(hid::kUnitVolt, 5);
    as_input ? w.input() : w.feature();
    w.usage(0x34).range(0, 65534).unit(hid::kUnitWatt, 6);  // ActivePower, 0.1 W
    as_input ? w.input() : w.feature();
    w.usage(0x35).size(8).range(0, 250).no_unit();  // PercentLoad
    as_input ? w.input() : w.feature();
  }
  // Kill-power: writing N >= 0 switches the output off N s later; -1 cancels / none pending.
  w.id(r::kOutputControl).usage(0x57).size(16).count(1).range(-1, 32767).unit(hid::kUnitSecond, 0).feature();
  w.end();

  w.collection(kVend, 0x01, kLogical);  // UPS.ff000001: what no standard usage covers
  for (bool as_input : {true, false}) {
    w.id(r::kAlarms).page(kVend).usages({0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26});
    w.size(1).count(7).range(0, 1).no_unit();
    as_input ? w.input() : w.feature();
    as_input ? w.pad_input(1) : w.pad_feature(1);
  }
  w.id(r::kSettings).page(kVend).usages({0x10, 0x11, 0x12, 0x13, 0x14}).size(1).count(5).range(0, 1).feature();
  w.pad_feature(3);
  w.usage(0x15).size(16).count(1).range(0, 3600).unit(hid::kUnitSecond, 0).feature();  // DC output off delay
  w.id(r::kHostname).usage(0x30).size(8).count(kAups2HostnameBytes).range(0, 255).no_unit().feature();
  w.id(r::kNetwork).usage(0x31).size(8).count(1).range(0, 1).feature();  // DHCP
  for (std::uint16_t u : {0x32, 0x33, 0x34, 0x35}) w.usage(u).count(4).range(0, 255).feature();  // IP, mask, gw, dns
  const std::pair<std::uint8_t, int> strings[] = {{r::kMfrString, 32}, {r::kModelString, 32},
                                                  {r::kFirmwareString, 16}, {r::kNameString, 16},
                                                  {r::kSerialString, 32}};
  for (std::uint16_t u = 0x40; auto [rid, len] : strings) w.id(rid).usage(u++).size(8).count(len).feature_const();
  w.end();

  w.end();  // UPS
  return w.bytes;
}

}  // namespace

const std::vector<std::uint8_t>& aups2_report_descriptor() {
  static const std::vector<std::uint8_t> bytes = build();
  return bytes;
}

}  // namespace aups::sim
