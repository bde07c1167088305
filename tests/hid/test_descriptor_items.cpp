// Hand-written descriptors for the items the real-device data does not use: push/pop, usage
// ranges, delimiters, arrays, vendor collections, several report IDs, signed and physical
// ranges, unit exponents, 4-byte usages and long items.
#include "hid_test_util.hpp"

using aups::hid::ReportType;
using hid_test::lines;
using hid_test::parse_ok;

TEST_CASE("push and pop restore the global state", "[hid][descriptor]") {
  const auto d = parse_ok({
      0x05, 0x84, 0x09, 0x04, 0xa1, 0x01,        // UPS (application)
      0x85, 0x01, 0x15, 0x00, 0x25, 0x64,        // report 1, logical 0..100
      0x75, 0x08, 0x95, 0x01, 0xa4,              // size 8, count 1, push
      0x75, 0x10, 0x16, 0x00, 0x80, 0x26, 0xff, 0x7f,  // size 16, logical -32768..32767
      0x09, 0x30, 0x81, 0x02,                    // Voltage
      0xb4,                                      // pop
      0x09, 0x35, 0x81, 0x02,                    // PercentLoad
      0xc0});
  REQUIRE(lines(d) == std::vector<std::string>{
                          "Path: UPS.Voltage, Type: Input, ReportID: 0x01, Offset: 0, Size: 16",
                          "Path: UPS.PercentLoad, Type: Input, ReportID: 0x01, Offset: 16, Size: 8"});
  CHECK(d.fields[0].logical_min == -32768);
  CHECK(d.fields[0].logical_max == 32767);
  CHECK(d.fields[0].is_signed());
  CHECK(d.fields[1].logical_min == 0);
  CHECK(d.fields[1].logical_max == 100);
  CHECK(d.report(ReportType::Input, 1)->bits == 24);
}

TEST_CASE("usage ranges expand, arrays take the first usages", "[hid][descriptor]") {
  const auto d = parse_ok({
      0x05, 0x84, 0x09, 0x04, 0xa1, 0x01, 0x05, 0x85,
      0x19, 0x44, 0x29, 0x46,                    // Charging..FullyCharged
      0x75, 0x01, 0x95, 0x03, 0x15, 0x00, 0x25, 0x01, 0x81, 0x02,
      0x95, 0x05, 0x81, 0x03,                    // padding: no usage, prints nothing
      0x29, 0x05, 0x19, 0x01,                    // max before min is fine
      0x75, 0x08, 0x95, 0x02, 0x15, 0x01, 0x25, 0x05, 0x81, 0x00,  // array of 2 from 5 usages
      0xc0});
  REQUIRE(lines(d) == std::vector<std::string>{
                          "Path: UPS.Charging, Type: Input, ReportID: 0x00, Offset: 0, Size: 1",
                          "Path: UPS.Discharging, Type: Input, ReportID: 0x00, Offset: 1, Size: 1",
                          "Path: UPS.FullyCharged, Type: Input, ReportID: 0x00, Offset: 2, Size: 1",
                          "Path: UPS.SMBBatteryMode, Type: Input, ReportID: 0x00, Offset: 8, Size: 8",
                          "Path: UPS.SMBBatteryStatus, Type: Input, ReportID: 0x00, Offset: 16, Size: 8"});
  CHECK(d.fields[0].is_variable());
  CHECK_FALSE(d.fields[3].is_variable());
  CHECK(d.fields[3].count == 2);
  CHECK(d.fields[4].index == 1);
  CHECK_FALSE(d.uses_report_ids);
  CHECK(d.report(ReportType::Input, 0)->wire_bytes() == 3);
}

TEST_CASE("a delimited set counts as its first usage", "[hid][descriptor]") {
  const auto d = parse_ok({
      0x05, 0x85, 0xa9, 0x01, 0x09, 0x44, 0x09, 0x45, 0xa9, 0x00,  // {Charging | Discharging}
      0x09, 0x46, 0x75, 0x01, 0x95, 0x02, 0x25, 0x01, 0xb1, 0x02});
  REQUIRE(lines(d) == std::vector<std::string>{
                          "Path: Charging, Type: Feature, ReportID: 0x00, Offset: 0, Size: 1",
                          "Path: FullyCharged, Type: Feature, ReportID: 0x00, Offset: 1, Size: 1"});
}

TEST_CASE("nested and vendor collections, report IDs and types count offsets apart", "[hid][descriptor]") {
  const auto d = parse_ok({
      0x05, 0x84, 0x09, 0x04, 0xa1, 0x01,        // UPS
      0x09, 0x1e, 0xa1, 0x82,                    // Flow, vendor collection type 0x82 -> [2]
      0x09, 0x1c, 0xa1, 0x00,                    // Output (physical)
      0x85, 0x05, 0x75, 0x08, 0x95, 0x01, 0x26, 0xff, 0x00,
      0x09, 0x30, 0x81, 0x02,                    // Input report 5, offset 0
      0x09, 0x31, 0xb1, 0x02,                    // Feature report 5, offset 0
      0x09, 0x32, 0x91, 0x02,                    // Output report 5, offset 0
      0x85, 0x06, 0x09, 0x33, 0x81, 0x02,        // Input report 6, offset 0
      0x85, 0x05, 0x09, 0x34, 0x81, 0x02,        // Input report 5 again, offset 8
      0xc0, 0xc0,
      0xa1, 0x00,                                // a collection with no usage: 00000000
      0x85, 0x07, 0x0b, 0x5a, 0x00, 0x84, 0x00,  // 4-byte usage: page from the usage itself
      0xb1, 0x02, 0xc0, 0xc0});
  REQUIRE(lines(d) == std::vector<std::string>{
      "Path: UPS.Flow.[2].Output.Voltage, Type: Input, ReportID: 0x05, Offset: 0, Size: 8",
      "Path: UPS.Flow.[2].Output.Current, Type: Feature, ReportID: 0x05, Offset: 0, Size: 8",
      "Path: UPS.Flow.[2].Output.Frequency, Type: Output, ReportID: 0x05, Offset: 0, Size: 8",
      "Path: UPS.Flow.[2].Output.ApparentPower, Type: Input, ReportID: 0x06, Offset: 0, Size: 8",
      "Path: UPS.Flow.[2].Output.ActivePower, Type: Input, ReportID: 0x05, Offset: 8, Size: 8",
      "Path: UPS.00000000.AudibleAlarmControl, Type: Feature, ReportID: 0x07, Offset: 0, Size: 8"});
  CHECK(d.fields[0].collection_types == std::vector<std::uint8_t>{0x01, 0x82, 0x00});
  CHECK(d.fields[0].logical_max == 255);  // 26 ff 00 with minimum 0
  CHECK(d.report(ReportType::Input, 5)->wire_bytes() == 3);
  CHECK(d.reports.size() == 5);
}

TEST_CASE("physical ranges, units, exponents and long items", "[hid][descriptor]") {
  const auto d = parse_ok({
      0x05, 0x84, 0x09, 0x36,                    // Temperature
      0x15, 0x00, 0x25, 0xff,                    // logical 0..255 (0xff read unsigned)
      0x35, 0x00, 0x46, 0xe8, 0x03,              // physical 0..1000
      0x67, 0x01, 0x00, 0x01, 0x00,              // unit: kelvin
      0x55, 0x0e,                                // exponent nibble 0xe = -2
      0xfe, 0x02, 0x10, 0xaa, 0xbb,              // a long item, skipped
      0x75, 0x08, 0x95, 0x01, 0xb1, 0x02,
      0x09, 0x30, 0x15, 0xff, 0x25, 0x01, 0x55, 0xfd,  // logical -1..1, exponent byte -3
      0xb1, 0x02});
  REQUIRE(d.fields.size() == 2);
  const auto& t = d.fields[0];
  CHECK(t.path == "Temperature");
  CHECK(t.logical_max == 255);
  CHECK(t.physical_max == 1000);
  CHECK(t.unit == 0x00010001);
  CHECK(t.unit_exponent == -2);
  CHECK(d.fields[1].logical_min == -1);
  CHECK(d.fields[1].logical_max == 1);
  CHECK(d.fields[1].unit_exponent == -3);
  CHECK(d.fields[1].bit_offset == 8);
}

TEST_CASE("hex text in the forms people paste", "[hid][descriptor]") {
  using aups::hid::parse_hex_bytes;
  auto ok = [](std::string_view text) {
    auto r = parse_hex_bytes(text);
    REQUIRE(std::holds_alternative<std::vector<std::uint8_t>>(r));
    return std::get<0>(r);
  };
  const std::vector<std::uint8_t> want{0x05, 0x84, 0x09, 0x04};
  CHECK(ok("05 84 09 04") == want);
  CHECK(ok("0x05,0x84,\n0X09, 0x4\n") == want);
  CHECK(ok("05840904") == want);
  CHECK(ok("# from lsusb\n05 84\t09 04 # trailing\n") == want);
  CHECK(ok("").empty());
  auto bad = parse_hex_bytes("05 84 zz");
  REQUIRE(std::holds_alternative<aups::hid::DescriptorError>(bad));
  CHECK(std::get<aups::hid::DescriptorError>(bad).offset == 6);
  CHECK(std::holds_alternative<aups::hid::DescriptorError>(parse_hex_bytes("058")));
  CHECK(std::holds_alternative<aups::hid::DescriptorError>(parse_hex_bytes("0x")));
}
