// `aupsctl hid parse` end to end: NUT lines, the JSON shape scripts rely on, and a clear
// error with the byte offset for a broken descriptor.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

namespace {

struct Run {
  int status;
  std::string out;
};

Run run(const std::string& args) {
  const std::string cmd = std::string(AUPS_BIN_DIR) + "/aupsctl hid parse " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::string temp_file(const std::string& name, const std::string& text) {
  const std::string path = std::string(AUPS_BIN_DIR) + "/../" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("aupsctl hid parse prints NUT lines and JSON", "[hid][cli]") {
  const std::string hex = AUPS_TESTDATA_DIR "/hid/generic_5131_2007.hex";
  const auto text = run(hex);
  REQUIRE(text.status == 0);
  CHECK(text.out.rfind("Path: UPS.PowerSummary.PowerSummaryID, Type: Feature, ReportID: 0x0b, Offset: 0, Size: 4\n", 0) == 0);

  const auto json = run(hex + " --json");
  REQUIRE(json.status == 0);
  const auto doc = nlohmann::json::parse(json.out);
  REQUIRE(doc.at("fields").size() == 18);
  const auto& f = doc["fields"][5];
  CHECK(f["path"] == "UPS.PowerSummary.DesignCapacity");
  CHECK(f["type"] == "Feature");
  CHECK(f["report_id"] == 11);
  CHECK(f["offset"] == 16);
  CHECK(f["size"] == 24);
  CHECK(f["count"] == 4);
  CHECK(f["logical_min"] == 0);
  CHECK(f["logical_max"] == 0xfffffe);
  CHECK(f["physical_min"] == 0);
  CHECK(f["physical_max"] == 0);
  CHECK(f["unit"] == 0x00101001);
  CHECK(f["exponent"] == 0);
}

TEST_CASE("aupsctl hid parse refuses broken input with an offset", "[hid][cli]") {
  const auto bad = run(temp_file("hidparse-bad.hex", "0x05, 0x84, 0xa1, 0x01, 0xc0, 0xc0\n"));
  CHECK(bad.status == 1);
  CHECK(bad.out.find("byte 5: end collection without an open collection") != std::string::npos);
  const auto garbage = run(temp_file("hidparse-garbage.hex", "05 84 hello\n"));
  CHECK(garbage.status == 1);
  CHECK(garbage.out.find("character 6") != std::string::npos);
  CHECK(run("/nonexistent/file.hex").status == 2);
}
