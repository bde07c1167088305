#pragma once
// Small helpers for the hid tests: parse a descriptor (bytes or shared test data) or fail the
// test with its error.
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hid/report_descriptor.hpp"

namespace hid_test {

inline aups::hid::HidReportDescriptor parse_ok(const std::vector<std::uint8_t>& bytes) {
  auto parsed = aups::hid::parse_report_descriptor(bytes);
  if (auto* e = std::get_if<aups::hid::DescriptorError>(&parsed)) FAIL(e->to_string());
  return std::get<aups::hid::HidReportDescriptor>(parsed);
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A real device's descriptor from the shared test data, e.g. "apc_backups_bx1500g".
inline aups::hid::HidReportDescriptor parse_testdata(const std::string& name) {
  auto bytes = aups::hid::parse_hex_bytes(slurp(AUPS_TESTDATA_DIR "/hid/" + name + ".hex"));
  REQUIRE(std::holds_alternative<std::vector<std::uint8_t>>(bytes));
  return parse_ok(std::get<0>(bytes));
}

inline aups::hid::DescriptorError parse_error(const std::vector<std::uint8_t>& bytes) {
  auto parsed = aups::hid::parse_report_descriptor(bytes);
  if (!std::holds_alternative<aups::hid::DescriptorError>(parsed)) FAIL("descriptor was accepted");
  return std::get<aups::hid::DescriptorError>(parsed);
}

inline std::vector<std::string> lines(const aups::hid::HidReportDescriptor& d) {
  std::vector<std::string> out;
  for (const auto& f : d.fields) out.push_back(aups::hid::nut_line(f));
  return out;
}

}  // namespace hid_test
