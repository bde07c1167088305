// The usage name table: NUT's generic names, hex for the rest, and the reverse lookup.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "hid/usage_names.hpp"

using namespace aups::hid;

TEST_CASE("usage names as NUT prints them", "[hid][names]") {
  CHECK(usage_to_string(0x00840004) == "UPS");
  CHECK(usage_to_string(0x0084006b) == "SwitchOn/Off");
  CHECK(usage_to_string(0x00850066) == "RemainingCapacity");
  CHECK(usage_to_string(0x00850089) == "iDeviceChemistry");
  CHECK(usage_to_string(0x0084006a) == "0084006a");  // a gap in NUT's table
  CHECK(usage_to_string(0xffff0030) == "ffff0030");
  CHECK(usage_to_string(0x00000000) == "00000000");
  CHECK(usage_to_string(0x00010001) == "00010001");  // NUT has no Generic Desktop names
  CHECK_FALSE(usage_name(0xff860060));
}

TEST_CASE("names and hex parse back to usages", "[hid][names]") {
  CHECK(usage_from_string("ACPresent") == 0x008500d0u);
  CHECK(usage_from_string("VoltageOutOfRange") == 0x00840063u);  // page 0x84 first, as NUT
  CHECK(usage_from_string("ffff00e9") == 0xffff00e9u);
  CHECK_FALSE(usage_from_string("FFFF00E9"));
  CHECK_FALSE(usage_from_string("NoSuchUsage"));
  CHECK_FALSE(usage_from_string("fff00e9"));
  CHECK_FALSE(usage_from_string(""));
}

TEST_CASE("paths join with dots and add [n] for vendor collections", "[hid][names]") {
  const std::vector<std::uint32_t> usages{0x00840004, 0x0084001e, 0x00840040};
  CHECK(usage_path_to_string(usages, std::vector<std::uint8_t>{0x01, 0x84}) == "UPS.Flow.[4].ConfigVoltage");
  CHECK(usage_path_to_string(usages, std::vector<std::uint8_t>{0x01, 0x00}) == "UPS.Flow.ConfigVoltage");
  CHECK(usage_path_to_string({}, {}).empty());
}
