// HID units: the codec's one logical -> physical -> SI conversion honours the CGS-based unit
// system (HID 1.11, 6.2.2.7), checked on the unit codes real UPSes declare.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>
#include <vector>

#include "hid/report_codec.hpp"
#include "hid_test_util.hpp"

using namespace aups::hid;
using Bytes = std::vector<std::uint8_t>;

namespace {

const HidField& field(const HidReportDescriptor& d, const std::string& path, ReportType type = ReportType::Feature) {
  const HidField* f = d.find(path, type);
  if (!f) FAIL("no " << path << " in the descriptor");
  return *f;
}

// The SI value read back from a wire report carrying `logical` in field `f`.
double read_si(const HidReportDescriptor& d, const HidField& f, std::int64_t logical) {
  Bytes r(d.report(f.type, f.report_id)->wire_bytes(), 0);
  if (f.report_id) r[0] = f.report_id;
  if (auto e = write_logical(r, f, logical)) FAIL(e->message);
  auto v = read_value(r, f);
  if (auto* e = std::get_if<CodecError>(&v)) FAIL(e->message);
  return std::get<double>(v);
}

std::int64_t to_logical(const HidField& f, double si) {
  auto l = si_to_logical(f, si);
  if (auto* e = std::get_if<CodecError>(&l)) FAIL(e->message);
  return std::get<std::int64_t>(l);
}

HidField unit_field(std::uint32_t unit, std::int8_t exponent) {
  HidField f;
  f.bit_size = 16;
  f.logical_min = 0;
  f.logical_max = 65535;
  f.unit = unit;
  f.unit_exponent = exponent;
  return f;
}

}  // namespace

TEST_CASE("units: volts are CGS (g*cm^2/(s^3*A)); exponent 7 is one volt", "[hid][units]") {
  const auto apc = hid_test::parse_testdata("apc_backups_bx1500g");
  const HidField& input = field(apc, "UPS.Input.Voltage");  // 8 bits, exponent 7
  REQUIRE(input.unit == kUnitVolt);
  REQUIRE(input.unit_exponent == 7);
  CHECK(read_si(apc, input, 230) == Approx(230.0));
  CHECK(to_logical(input, 230.0) == 230);
  CHECK(logical_to_physical(input, 230) == 230.0);  // what usbhid-ups shows: no unit applied

  const HidField& battery = field(apc, "UPS.Battery.Voltage");  // 16 bits, exponent 5: 10 mV
  REQUIRE(battery.unit == kUnitVolt);
  REQUIRE(battery.unit_exponent == 5);
  CHECK(read_si(apc, battery, 2740) == Approx(27.4));
  CHECK(to_logical(battery, 27.4) == 2740);
  CHECK(to_logical(battery, 13.65) == 1365);

  const auto cps = hid_test::parse_testdata("cyberpower_cp1500epfclcd");
  const HidField& cps_battery = field(cps, "UPS.PowerSummary.Voltage");  // exponent 6: 100 mV
  REQUIRE(cps_battery.unit == kUnitVolt);
  CHECK(read_si(cps, cps_battery, 240) == Approx(24.0));

  const auto eaton = hid_test::parse_testdata("eaton_3s");
  const HidField& out = field(eaton, "UPS.PowerConverter.Output.Voltage");
  REQUIRE(out.unit == kUnitVolt);
  CHECK(read_si(eaton, out, 230) == Approx(230.0));

  // A value beyond the field is an error in SI terms too: 8 bits of whole volts end at 255 V.
  CHECK(std::holds_alternative<CodecError>(si_to_logical(input, 256.0)));
}

TEST_CASE("units: watts (g*cm^2/s^3) with exponent 7 are watts", "[hid][units]") {
  const auto apc = hid_test::parse_testdata("apc_backups_bx1500g");
  const HidField& apc_w = field(apc, "UPS.PowerConverter.ConfigActivePower");
  REQUIRE(apc_w.unit == kUnitWatt);
  CHECK(read_si(apc, apc_w, 900) == Approx(900.0));

  const auto cps = hid_test::parse_testdata("cyberpower_cp1500epfclcd");
  const HidField& cps_w = field(cps, "UPS.Output.ConfigActivePower");
  REQUIRE(cps_w.unit == kUnitWatt);
  REQUIRE(cps_w.unit_exponent == 7);
  CHECK(read_si(cps, cps_w, 900) == Approx(900.0));
  CHECK(to_logical(cps_w, 900.0) == 900);
  CHECK(std::holds_alternative<CodecError>(si_to_logical(cps_w, 901.0)));  // logical max 900

  const auto eaton = hid_test::parse_testdata("eaton_3s");
  const HidField& va = field(eaton, "UPS.Flow.[4].ConfigApparentPower");  // VA share the code
  REQUIRE(va.unit == kUnitWatt);
  CHECK(read_si(eaton, va, 1500) == Approx(1500.0));
}

TEST_CASE("units: seconds, with and without a physical range", "[hid][units]") {
  const auto apc = hid_test::parse_testdata("apc_backups_bx1500g");
  const HidField& runtime = field(apc, "UPS.PowerSummary.RunTimeToEmpty", ReportType::Input);
  REQUIRE(runtime.unit == kUnitSecond);
  CHECK(read_si(apc, runtime, 1234) == Approx(1234.0));

  const HidField& delay = field(apc, "UPS.PowerSummary.DelayBeforeShutdown");  // -1..32767
  CHECK(read_si(apc, delay, -1) == Approx(-1.0));
  CHECK(to_logical(delay, 20.0) == 20);

  // CyberPower counts minutes: physical -60..1966020 over logical -1..32767, unit seconds.
  const auto cps = hid_test::parse_testdata("cyberpower_cp1500epfclcd");
  const HidField& cps_delay = field(cps, "UPS.Output.DelayBeforeShutdown");
  REQUIRE(cps_delay.unit == kUnitSecond);
  CHECK(read_si(cps, cps_delay, 2) == Approx(120.0));
  CHECK(read_si(cps, cps_delay, -1) == Approx(-60.0));
  CHECK(to_logical(cps_delay, 120.0) == 2);
  CHECK(to_logical(cps_delay, 100.0) == 2);  // the nearest whole minute

  const auto eaton = hid_test::parse_testdata("eaton_3s");
  const HidField& eaton_rt = field(eaton, "UPS.PowerSummary.RunTimeToEmpty");  // 32 bits
  CHECK(read_si(eaton, eaton_rt, 2147483647) == Approx(2147483647.0));
  const HidField& hz = field(eaton, "UPS.Flow.[4].ConfigFrequency");  // s^-1
  REQUIRE(hz.unit == kUnitHertz);
  CHECK(read_si(eaton, hz, 50) == Approx(50.0));
}

TEST_CASE("units: charge in ampere-seconds (3600 per Ah) and percent without a unit", "[hid][units]") {
  const auto generic = hid_test::parse_testdata("generic_5131_2007");
  const HidField& design = field(generic, "UPS.PowerSummary.DesignCapacity");
  REQUIRE(design.unit == kUnitAmpereSecond);
  CHECK(read_si(generic, design, 18000) / 3600.0 == Approx(5.0));  // 5 Ah
  CHECK(to_logical(design, 7.2 * 3600.0) == 25920);

  const auto apc = hid_test::parse_testdata("apc_backups_bx1500g");
  const HidField& charge = field(apc, "UPS.PowerSummary.RemainingCapacity", ReportType::Input);
  REQUIRE(charge.unit == 0);
  CHECK(read_si(apc, charge, 87) == Approx(87.0));
  CHECK(to_logical(charge, 87.0) == 87);
}

TEST_CASE("units: amperes and kelvin as the AUPS2-A20 and other PDC devices declare them", "[hid][units]") {
  auto amps = unit_field(kUnitAmpere, -2);  // 10 mA
  amps.logical_min = -32767;
  amps.logical_max = 32767;
  CHECK(logical_to_si(amps, -150) == Approx(-1.5));
  CHECK(to_logical(amps, 2.25) == 225);
  CHECK(logical_to_si(unit_field(kUnitAmpere, 0), 3) == Approx(3.0));

  auto kelvin = unit_field(kUnitKelvin, -2);  // 0.01 K
  CHECK(logical_to_si(kelvin, 29815) == Approx(298.15));
  CHECK(to_logical(kelvin, 310.0) == 31000);
  CHECK(logical_to_si(unit_field(kUnitKelvin, 0), 300) == Approx(300.0));
}

TEST_CASE("units: CGS length and mass, rotation, English and vendor systems", "[hid][units]") {
  CHECK(logical_to_si(unit_field(0x00000011, 0), 150) == Approx(1.5));     // cm -> m
  CHECK(logical_to_si(unit_field(0x00000101, 0), 2500) == Approx(2.5));    // g -> kg
  CHECK(logical_to_si(unit_field(0x000000E1, 0), 100) == Approx(1e6));     // cm^-2 -> m^-2
  CHECK(logical_to_si(unit_field(0x00001012, 0), 3) == Approx(3.0));       // rad/s
  CHECK(logical_to_si(unit_field(0x00000013, 0), 10) == Approx(0.254));    // inch -> m
  CHECK(logical_to_si(unit_field(0x00000014, 0), 180) == Approx(std::numbers::pi));  // degree -> rad
  CHECK(logical_to_si(unit_field(0x00010003, 0), 212) == Approx(373.15));  // degF -> K
  CHECK(to_logical(unit_field(0x00010003, 0), 273.15) == 32);
  CHECK(logical_to_si(unit_field(0x0000000F, 0), 42) == Approx(42.0));     // vendor: as declared
  CHECK(logical_to_si(unit_field(0, -1), 42) == Approx(4.2));              // no unit: exponent only
}

TEST_CASE("units: every unit-bearing field of the real descriptors round-trips SI <-> logical", "[hid][units]") {
  auto name = GENERATE(as<std::string>{}, "generic_5131_2007", "apc_backups_bx1500g",
                       "cyberpower_cp1500epfclcd", "eaton_3s");
  INFO(name);
  const auto d = hid_test::parse_testdata(name);
  int checked = 0;
  for (const HidField& f : d.fields) {
    if (f.unit == 0 && f.unit_exponent == 0) continue;
    INFO(f.path << " unit " << f.unit << " exponent " << int(f.unit_exponent));
    const std::int64_t span = f.logical_max - f.logical_min;
    for (std::int64_t l : {f.logical_min, f.logical_min + span / 3, f.logical_max}) {
      const double si = logical_to_si(f, l);
      REQUIRE(std::isfinite(si));
      CHECK(to_logical(f, si) == l);
    }
    ++checked;
  }
  CHECK(checked > 0);
}
