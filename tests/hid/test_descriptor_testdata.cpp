// Every real-device descriptor in the shared test data parses to exactly NUT's dump lines.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "hid/report_descriptor.hpp"
#include "hid_test_util.hpp"

namespace {

std::vector<std::string> expected_lines(const std::string& path) {
  std::vector<std::string> out;
  std::istringstream in(hid_test::slurp(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("testdata descriptors parse to exactly NUT's lines", "[hid][descriptor]") {
  const std::string dir = AUPS_TESTDATA_DIR "/hid/";
  auto name = GENERATE(as<std::string>{}, "generic_5131_2007", "apc_backups_bx1500g",
                       "cyberpower_cp1500epfclcd", "eaton_3s");
  INFO(name);
  const auto desc = hid_test::parse_testdata(name);
  const auto want = expected_lines(dir + name + ".expected.txt");
  std::vector<std::string> got;
  for (const auto& f : desc.fields) got.push_back(aups::hid::nut_line(f));
  // Line by line first, so a failure names the first line that differs.
  for (std::size_t i = 0; i < std::min(got.size(), want.size()); ++i) {
    INFO("line " << i + 1);
    REQUIRE(got[i] == want[i]);
  }
  REQUIRE(got.size() == want.size());
}

TEST_CASE("report lengths of the generic UPS descriptor", "[hid][descriptor]") {
  const auto desc = hid_test::parse_testdata("generic_5131_2007");
  REQUIRE(desc.uses_report_ids);
  const auto* feature = desc.report(aups::hid::ReportType::Feature, 0x0b);
  REQUIRE(feature != nullptr);
  // Last feature element: RemainingCapacity at 152 + 24 bits, then 24-bit unnamed, 16, 16.
  CHECK(feature->bits % 8 == 0);
  CHECK(feature->wire_bytes() == feature->data_bytes() + 1);
  const auto* input = desc.report(aups::hid::ReportType::Input, 0x0b);
  REQUIRE(input != nullptr);
  // 24 + 16 + 4 status bits + 4 padding = 48 bits.
  CHECK(input->bits == 48);
  CHECK(input->wire_bytes() == 7);
  CHECK(desc.report(aups::hid::ReportType::Output, 0x0b) == nullptr);
}

TEST_CASE("fields carry ranges, units and exponents", "[hid][descriptor]") {
  const auto desc = hid_test::parse_testdata("generic_5131_2007");
  const auto* v = desc.find("UPS.PowerSummary.ConfigVoltage", aups::hid::ReportType::Feature);
  REQUIRE(v != nullptr);
  CHECK(v->logical_min == 0);
  CHECK(v->logical_max == 0xfffe);
  CHECK(v->unit == 0x00f0d121);  // volts
  CHECK(v->unit_exponent == 5);
  CHECK(v->bit_size == 16);
  CHECK(v->usage_path == std::vector<std::uint32_t>{0x00840004, 0x00840024, 0x00840040});
  CHECK(v->collection_types == std::vector<std::uint8_t>{0x01, 0x00});
  CHECK(v->is_variable());
  CHECK(v->is_constant());  // b1 03: Constant, Variable
  const auto* ac = desc.find("UPS.PowerSummary.PresentStatus.ACPresent");
  REQUIRE(ac != nullptr);
  CHECK(ac->type == aups::hid::ReportType::Input);
  CHECK(ac->count == 4);
  CHECK(ac->index == 0);
  CHECK(desc.find("UPS.PowerSummary.PresentStatus.Charging")->index == 2);
}
