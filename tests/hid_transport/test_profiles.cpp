// Profiles as data: the shipped profiles load, pick the right device, and decode plausible
// values from reports built bit by bit for the real descriptors in testdata/hid/.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "hid/hid_profile.hpp"
#include "hid/profile_binding.hpp"
#include "hid/report_codec.hpp"
#include "sim/hid_aups2_descriptor.hpp"

using namespace aups;
using namespace aups::hid;

namespace {

HidReportDescriptor load_descriptor(const std::string& name) {
  std::ifstream in(std::string(AUPS_TESTDATA_DIR) + "/hid/" + name + ".hex");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  auto bytes = parse_hex_bytes(ss.str());
  REQUIRE(bytes.index() == 0);
  auto d = parse_report_descriptor(std::get<0>(bytes));
  REQUIRE(d.index() == 0);
  return std::get<0>(std::move(d));
}

// Builds reports as a device would send them: raw bits per field, so a test can also send
// what the descriptor says is out of range.
class Reports {
 public:
  explicit Reports(const HidReportDescriptor& d) : d_(d) {}
  Reports& set(const std::string& path, ReportType type, std::uint32_t raw) {
    const HidField* f = d_.find(path, type);
    INFO(path);
    REQUIRE(f);
    const ReportLayout* layout = d_.report(type, f->report_id);
    auto& r = reports_[{type, f->report_id}];
    if (r.empty()) {
      r.assign(layout->wire_bytes(), 0);
      if (f->report_id) r[0] = f->report_id;
    }
    auto data = f->report_id ? std::span(r).subspan(1) : std::span(r);
    REQUIRE_FALSE(write_bits(data, f->bit_offset, f->bit_size, raw));
    return *this;
  }
  void feed(ProfileBinding& b) const {
    for (auto& [key, r] : reports_) REQUIRE_FALSE(b.store(key.first, r));
  }

 private:
  const HidReportDescriptor& d_;
  std::map<std::pair<ReportType, std::uint8_t>, Report> reports_;
};

const std::vector<HidProfile>& shipped() {
  static const std::vector<HidProfile> p = load_profiles(std::string(AUPS_ASSETS_DIR) + "/profiles");
  return p;
}

ProfileBinding bind(const HidReportDescriptor& d, std::uint16_t vid, std::uint16_t pid, const char* want_profile) {
  HidInfo info;
  info.vendor_id = vid;
  info.product_id = pid;
  const HidProfile* p = select_profile(shipped(), info, d);
  REQUIRE(p);
  CHECK(p->name == want_profile);
  return ProfileBinding(*p, d);
}

}  // namespace

TEST_CASE("profiles: every shipped profile loads and inherits from generic-pdc") {
  REQUIRE(shipped().size() >= 6);
  for (auto& p : shipped()) {
    INFO(p.file);
    CHECK_FALSE(p.maps.empty());
    if (p.name != "generic-pdc") CHECK(p.extends == "generic-pdc");
  }
}

TEST_CASE("profiles: APC Back-UPS BX1500G decodes charge, runtime, voltages, load and status") {
  auto d = load_descriptor("apc_backups_bx1500g");
  auto b = bind(d, 0x051d, 0x0002, "apc-back-ups");
  Reports(d)
      .set("UPS.PowerSummary.RemainingCapacity", ReportType::Input, 87)
      .set("UPS.PowerSummary.RunTimeToEmpty", ReportType::Input, 1500)
      .set("UPS.PowerSummary.Voltage", ReportType::Feature, 2740)  // centivolts (exponent 5)
      .set("UPS.Input.Voltage", ReportType::Feature, 230)
      .set("UPS.PowerConverter.PercentLoad", ReportType::Feature, 23)
      .set("UPS.PowerSummary.PresentStatus.ACPresent", ReportType::Input, 1)
      .set("UPS.PowerSummary.PresentStatus.Charging", ReportType::Input, 1)
      .set("UPS.PowerSummary.AudibleAlarmControl", ReportType::Feature, 2)
      .feed(b);
  UpsStatus s = b.status();
  CHECK(s.charge_pct == Approx(87));
  CHECK(s.runtime_s == Approx(1500));
  CHECK(s.battery_voltage == Approx(27.4));
  CHECK(s.input_voltage == Approx(230));
  CHECK(s.load_pct == Approx(23));
  CHECK(s.flags.to_string() == "OL CHRG");
  CHECK(s.mains_present);
  CHECK(b.values()["ups.beeper.status"] == "enabled");
  CHECK(b.identity(HidInfo{}).manufacturer == "American Power Conversion");
}

TEST_CASE("profiles: CyberPower's Output.Voltage range defect is fixed by its profile") {
  auto d = load_descriptor("cyberpower_cp1500epfclcd");
  auto b = bind(d, 0x0764, 0x0501, "cyberpower");
  Reports reports(d);
  reports.set("UPS.PowerSummary.RemainingCapacity", ReportType::Input, 95)
      .set("UPS.PowerSummary.RunTimeToEmpty", ReportType::Input, 2400)
      .set("UPS.PowerSummary.Voltage", ReportType::Feature, 27)
      .set("UPS.Input.Voltage", ReportType::Feature, 231)
      .set("UPS.Output.Voltage", ReportType::Feature, 230)  // outside the declared 260..270
      .set("UPS.Output.PercentLoad", ReportType::Feature, 17)
      .set("UPS.PowerSummary.PresentStatus.ACPresent", ReportType::Input, 0)
      .set("UPS.PowerSummary.PresentStatus.Discharging", ReportType::Input, 1)
      .set("UPS.Output.Overload", ReportType::Feature, 1);
  reports.feed(b);
  UpsStatus s = b.status();
  CHECK(s.charge_pct == Approx(95));
  CHECK(s.runtime_s == Approx(2400));
  CHECK(s.battery_voltage == Approx(27));
  CHECK(s.input_voltage == Approx(231));
  REQUIRE(s.output_voltage);
  CHECK(*s.output_voltage == Approx(230));
  CHECK(s.load_pct == Approx(17));
  CHECK(s.flags.has(StatusFlag::OB));
  CHECK(s.flags.has(StatusFlag::DISCHRG));
  CHECK(s.flags.has(StatusFlag::OVER));
  CHECK_FALSE(s.mains_present);

  // Without the fix the same report reads as "unknown", never as a wrapped number.
  auto generic = std::find_if(shipped().begin(), shipped().end(), [](auto& p) { return p.name == "generic-pdc"; });
  ProfileBinding unfixed(*generic, d);
  reports.feed(unfixed);
  CHECK_FALSE(unfixed.status().output_voltage);
}

TEST_CASE("profiles: Eaton 3S decodes output voltage under PowerConverter and the load") {
  auto d = load_descriptor("eaton_3s");
  auto b = bind(d, 0x0463, 0xffff, "eaton-3s");
  Reports(d)
      .set("UPS.PowerSummary.RemainingCapacity", ReportType::Input, 100)
      .set("UPS.PowerSummary.RunTimeToEmpty", ReportType::Input, 3000)
      .set("UPS.PowerSummary.PresentStatus.ACPresent", ReportType::Input, 1)
      .set("UPS.PowerSummary.PresentStatus.Good", ReportType::Input, 1)
      .set("UPS.PowerConverter.Output.Voltage", ReportType::Feature, 230)
      .set("UPS.PowerSummary.PercentLoad", ReportType::Feature, 12)
      .feed(b);
  UpsStatus s = b.status();
  CHECK(s.charge_pct == Approx(100));
  CHECK(s.runtime_s == Approx(3000));
  CHECK(s.output_voltage == Approx(230));
  CHECK(s.load_pct == Approx(12));
  CHECK(s.flags.to_string() == "OL");
  CHECK(s.output_on);
}

TEST_CASE("profiles: the unbranded 5131:2007 decodes its single Input report") {
  auto d = load_descriptor("generic_5131_2007");
  auto b = bind(d, 0x5131, 0x2007, "generic-5131-2007");
  Reports(d)
      .set("UPS.PowerSummary.RemainingCapacity", ReportType::Input, 64)
      .set("UPS.PowerSummary.RunTimeToEmpty", ReportType::Input, 900)
      .set("UPS.PowerSummary.PresentStatus.ACPresent", ReportType::Input, 0)
      .set("UPS.PowerSummary.PresentStatus.Discharging", ReportType::Input, 1)
      .set("UPS.PowerSummary.PresentStatus.BelowRemainingCapacityLimit", ReportType::Input, 1)
      .feed(b);
  UpsStatus s = b.status();
  CHECK(s.charge_pct == Approx(64));
  CHECK(s.runtime_s == Approx(900));
  CHECK(s.flags.has(StatusFlag::OB));
  CHECK(s.flags.has(StatusFlag::DISCHRG));
  CHECK(s.flags.has(StatusFlag::LB));
}

TEST_CASE("profiles: an unknown compliant UPS falls back to generic-pdc") {
  auto d = load_descriptor("cyberpower_cp1500epfclcd");
  HidInfo info;
  info.vendor_id = 0x1234;
  const HidProfile* p = select_profile(shipped(), info, d);
  REQUIRE(p);
  CHECK(p->name == "generic-pdc");
}

TEST_CASE("profiles: every path the AUPS2-A20 profile maps exists in the simulator's descriptor") {
  auto d = parse_report_descriptor(sim::aups2_report_descriptor());
  REQUIRE(d.index() == 0);
  auto& desc = std::get<0>(d);
  auto p = std::find_if(shipped().begin(), shipped().end(), [](auto& q) { return q.name == "iei-aups2-a20"; });
  REQUIRE(p != shipped().end());
  CHECK(select_profile(shipped(), HidInfo{}, desc) == &*p);
  int found = 0;
  for (auto& m : p->maps) found += desc.find(m.path) != nullptr;
  CHECK(found >= 50);
  for (auto& m : p->maps) {
    if (m.path.find("ff000001") == std::string::npos) continue;  // vendor ones must all exist
    INFO(m.path);
    CHECK(desc.find(m.path));
  }
}

TEST_CASE("profiles: adding a UPS model is adding a file") {
  auto dir = std::filesystem::temp_directory_path() / ("aups-profiles-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (auto& e : std::filesystem::directory_iterator(std::string(AUPS_ASSETS_DIR) + "/profiles"))
    std::filesystem::copy(e.path(), dir / e.path().filename());
  std::ofstream(dir / "hid-acme.toml") << "name = \"acme\"\nextends = \"generic-pdc\"\npriority = 60\n"
                                      "[match]\nvendor_id = 0x1234\n[identity]\n\"ups.mfr\" = \"ACME\"\n";
  auto profiles = load_profiles(dir.string());
  auto d = load_descriptor("eaton_3s");
  HidInfo info;
  info.vendor_id = 0x1234;
  const HidProfile* p = select_profile(profiles, info, d);
  REQUIRE(p);
  CHECK(p->name == "acme");
  CHECK(ProfileBinding(*p, d).identity(info).manufacturer == "ACME");
  std::filesystem::remove_all(dir);
}

TEST_CASE("profiles: a typo is reported with file and line") {
  auto error_of = [](const std::string& text) {
    try {
      parse_profile(text, "typo.toml");
    } catch (const ProfileError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("name = \"x\"\n[[map]]\npath = \"UPS.PowerSummary.RemainingCapacty\"\nvar = \"battery.charge\"\n")
            .rfind("typo.toml:3: unknown usage name", 0) == 0);
  CHECK(error_of("name = \"x\"\n[[map]]\npath = \"UPS.PowerSummary.RemainingCapacity\"\nvar = \"battery.chrage\"\n")
            .rfind("typo.toml:4: unknown variable 'battery.chrage'", 0) == 0);
  CHECK(error_of("name = \"x\"\n\n[[map]]\npath = \"UPS.Output.Voltage\"\nvar = \"output.voltage\"\nscael = 2\n")
            .rfind("typo.toml:6: unknown key 'scael'", 0) == 0);
  CHECK(error_of("name = \"x\"\n[[map]]\npath = \"UPS.Output.Voltage\"\nstatus = \"ONLINE\"\n")
            .rfind("typo.toml:4: unknown ups.status word", 0) == 0);
  CHECK(error_of("name = \"x\"\n[match\nvendor_id = 1\n").rfind("typo.toml:2:", 0) == 0);
  CHECK(error_of("name = \"x\"\n[match]\nvendor_id = 0x10000\n").rfind("typo.toml:3: vendor_id is out of range", 0) == 0);
  CHECK(error_of("name = \"x\"\n[[map]]\npath = \"UPS.Output.Voltage\"\n").rfind("typo.toml:2: a [[map]] needs exactly one", 0) == 0);
  CHECK(error_of("description = \"no name\"\n").rfind("typo.toml:1: missing 'name'", 0) == 0);
}

TEST_CASE("profiles: a profile extending a missing one is an error naming the file") {
  auto dir = std::filesystem::temp_directory_path() / ("aups-badprof-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "hid-orphan.toml") << "name = \"orphan\"\nextends = \"nope\"\n";
  try {
    load_profiles(dir.string());
    FAIL("no error");
  } catch (const ProfileError& e) {
    CHECK(std::string(e.what()).find("hid-orphan.toml:1: extends unknown profile 'nope'") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("profiles: a report shorter than the descriptor says is refused, a longer one is cut") {
  auto d = load_descriptor("apc_backups_bx1500g");
  auto b = bind(d, 0x051d, 0x0002, "apc-back-ups");
  CHECK(b.store(ReportType::Input, {0x0c, 87}));           // needs 4 bytes
  CHECK(b.store(ReportType::Input, {0xee, 1, 2, 3}));      // no such report
  CHECK(b.store(ReportType::Input, {}));
  CHECK_FALSE(b.store(ReportType::Input, {0x0c, 50, 0x10, 0x0e, 9, 9, 9, 9}));
  CHECK(b.status().charge_pct == Approx(50));
  CHECK(b.status().runtime_s == Approx(3600));
}

// The simulator and the host share the codec, so a wrong unit conversion would cancel out in
// the sim-vs-host tests: here raw bits pin the AUPS2-A20's declared units to model values.
TEST_CASE("profiles: the AUPS2-A20's CGS unit codes decode to V, A, degC, W, s and Ah") {
  auto d = parse_report_descriptor(sim::aups2_report_descriptor());
  REQUIRE(d.index() == 0);
  auto& desc = std::get<0>(d);
  CHECK(desc.find("UPS.Battery.Voltage")->unit == kUnitVolt);
  CHECK(desc.find("UPS.Battery.Current")->unit == kUnitAmpere);
  CHECK(desc.find("UPS.Battery.Temperature")->unit == kUnitKelvin);
  CHECK(desc.find("UPS.Output.ActivePower")->unit == kUnitWatt);
  CHECK(desc.find("UPS.Battery.DesignCapacity")->unit == kUnitAmpereSecond);
  auto b = bind(desc, sim::kAups2VendorId, sim::kAups2ProductId, "iei-aups2-a20");
  Reports(desc)
      .set("UPS.Battery.Voltage", ReportType::Input, 812)                  // exponent 5: 8.12 V
      .set("UPS.Battery.Current", ReportType::Input, 0x10000 - 150)        // exponent -2: -1.5 A
      .set("UPS.Battery.Temperature", ReportType::Input, 30315)            // exponent -2: 303.15 K
      .set("UPS.Input.Voltage", ReportType::Input, 1900)                   // 19 V
      .set("UPS.Output.ActivePower", ReportType::Input, 253)               // exponent 6: 25.3 W
      .set("UPS.PowerSummary.RunTimeToEmpty", ReportType::Input, 5400)     // s
      .set("UPS.Battery.DesignCapacity", ReportType::Feature, 18000)       // A*s: 5 Ah
      .feed(b);
  UpsStatus s = b.status();
  CHECK(s.battery_voltage == Approx(8.12));
  CHECK(s.battery_current == Approx(-1.5));
  CHECK(s.temperature_c == Approx(30.0));
  CHECK(s.input_voltage == Approx(19.0));
  CHECK(s.output_power_w == Approx(25.3));
  CHECK(s.runtime_s == Approx(5400));
  CHECK(s.design_capacity_ah == Approx(5.0));
}
