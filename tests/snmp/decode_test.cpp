// The offline decoder against real recordings (shared/testdata/snmp, values per .expected.md)
// and against the bad input issue 7 lists.
#include <catch2/catch.hpp>

#include "snmp/snmprec.hpp"
#include "snmp/ups_mib.hpp"
#include "snmp/ups_mib_encode.hpp"

using namespace aups;
using namespace aups::snmp;

namespace {
UpsMibReading decode_file(const std::string& name) {
  auto parsed = load_snmprec(std::string(AUPS_TESTDATA_DIR) + "/snmp/" + name);
  REQUIRE(std::holds_alternative<SnmpVarbinds>(parsed));
  auto& vars = std::get<SnmpVarbinds>(parsed);
  static auto profiles = load_snmp_profiles(std::string(AUPS_ASSETS_DIR) + "/profiles");
  return decode_ups_mib(vars, match_profile(profiles, vars));
}
UpsMibReading decode_text(const std::string& text) {
  auto parsed = parse_snmprec(text);
  REQUIRE(std::holds_alternative<SnmpVarbinds>(parsed));
  return decode_ups_mib(std::get<SnmpVarbinds>(parsed));
}
bool has_note(const UpsMibReading& r, const std::string& part) {
  for (auto& n : r.notes)
    if (n.find(part) != std::string::npos) return true;
  return false;
}
const std::string U = "1.3.6.1.2.1.33.1.";
}  // namespace

TEST_CASE("Minuteman E1500RTXL2U recording decodes per its expected.md", "[snmp][decode]") {
  auto r = decode_file("delta_minuteman_e1500rtxl2u.snmprec");
  auto& s = r.status;
  CHECK(r.identity.manufacturer == "Minuteman");  // walked without .0: a GETNEXT client sees it
  CHECK(has_note(r, "without its .0 instance"));
  CHECK(r.identity.model.empty());
  CHECK(s.runtime_s == Approx(22 * 60));
  CHECK(s.charge_pct == Approx(100));
  CHECK(s.battery_voltage == Approx(41.2));
  CHECK_FALSE(s.battery_current);  // NULL, not 0
  CHECK(has_note(r, "upsBatteryCurrent is NULL"));
  CHECK(s.temperature_c == Approx(23));
  CHECK(r.extra["input.frequency"].get<double>() == Approx(59.9));
  CHECK(s.input_voltage == Approx(121));
  CHECK(r.extra["output.frequency"].get<double>() == Approx(60.0));
  CHECK(s.output_voltage == Approx(121));
  CHECK(r.extra["output.current"].get<double>() == Approx(8.1));
  CHECK(s.output_power_w == Approx(951));
  CHECK(s.load_pct == Approx(79));
  CHECK_FALSE(r.extra.contains("input.bypass.frequency"));
  CHECK_FALSE(r.extra.contains("ups.alarm"));
  CHECK(s.flags.to_string() == "OL");
  CHECK(s.mains_present);
  CHECK(s.output_on);
}

TEST_CASE("Huawei UPS2000 recording: Gauge32 for INTEGER, sentinel, kW power", "[snmp][decode]") {
  auto r = decode_file("huawei_ups2000_6kva.snmprec");
  auto& s = r.status;
  CHECK(r.identity.manufacturer == "HUAWEI");
  CHECK(r.identity.model == "UPS2000 6kVA");
  CHECK(r.identity.firmware == "V100R001C00SPC602");
  CHECK_FALSE(s.runtime_s);  // 4294967295 = unknown
  CHECK(has_note(r, "sentinel"));
  CHECK(has_note(r, "Gauge32"));
  CHECK(s.charge_pct == Approx(100));
  CHECK(s.battery_voltage == Approx(270.7));
  CHECK(s.battery_current == Approx(0.4));
  CHECK(s.temperature_c == Approx(21));
  CHECK(r.extra["input.frequency"].get<double>() == Approx(50.0));
  CHECK(s.input_voltage == Approx(233));
  CHECK(r.extra["output.frequency"].get<double>() == Approx(50.0));
  CHECK(s.output_voltage == Approx(230));
  CHECK(r.extra["output.current"].get<double>() == Approx(7.2));
  CHECK(r.profile == "huawei-ups2000");
  CHECK(s.output_power_w == Approx(1000));  // "1" in kW, by the profile
  CHECK(s.load_pct == Approx(27));
  CHECK(r.extra["input.bypass.frequency"].get<double>() == Approx(50.0));
  CHECK(r.extra["input.bypass.voltage"].get<double>() == Approx(233));
  CHECK(s.flags.to_string() == "OL");
}

TEST_CASE("Orvaldi G2-6KL recording: no ident group, zeros kept as measured", "[snmp][decode]") {
  auto r = decode_file("orvaldi_g2-6kl.snmprec");
  auto& s = r.status;
  CHECK(r.identity == UpsIdentity{});
  CHECK(s.runtime_s == Approx(44 * 60));
  CHECK(s.charge_pct == Approx(100));
  CHECK(s.battery_voltage == Approx(273.1));
  CHECK(s.battery_current == Approx(0.0));
  CHECK(s.temperature_c == Approx(32));
  CHECK(r.extra["input.frequency"].get<double>() == Approx(49.9));
  CHECK(s.input_voltage == Approx(244));
  CHECK(r.extra["input.current"].get<double>() == Approx(0.0));
  CHECK(r.extra["input.realpower"].get<double>() == Approx(0.0));
  CHECK(r.extra["output.frequency"].get<double>() == Approx(49.9));
  CHECK(s.output_voltage == Approx(228));
  CHECK(r.extra["output.current"].get<double>() == Approx(8.8));
  CHECK(s.output_power_w == Approx(2013));
  CHECK(s.load_pct == Approx(33));
  CHECK(r.extra["input.bypass.frequency"].get<double>() == Approx(0.0));
  CHECK(r.profile.empty());
  CHECK(s.flags.to_string() == "OL");
}

TEST_CASE("JSON output has NUT names and notes, no AUPS panel LEDs", "[snmp][decode]") {
  auto j = to_json(decode_file("delta_minuteman_e1500rtxl2u.snmprec"));
  CHECK(j["vars"]["battery.runtime"] == 1320);
  CHECK(j["vars"]["ups.status"] == "OL");
  CHECK(j["vars"]["ups.mfr"] == "Minuteman");
  CHECK_FALSE(j["vars"].contains("aups.led.green"));
  CHECK(j["notes"].is_array());
  CHECK_FALSE(j["notes"].empty());
}

TEST_CASE("Output source and battery status map to ups.status words", "[snmp][decode]") {
  auto status = [](int source, int battery) {
    return decode_text(U + "4.1.0|2|" + std::to_string(source) + "\n" + U + "2.1.0|2|" +
                       std::to_string(battery) + "\n").status.flags.to_string();
  };
  CHECK(status(3, 2) == "OL");
  CHECK(status(4, 2) == "OL BYPASS");
  CHECK(status(5, 2) == "OB DISCHRG");
  CHECK(status(5, 3) == "OB LB DISCHRG");
  CHECK(status(5, 4) == "OB LB DISCHRG");
  CHECK(status(6, 2) == "OL BOOST");
  CHECK(status(7, 1) == "OL TRIM");
  CHECK(status(2, 2) == "OFF");
  CHECK(status(1, 2) == "");
  CHECK(status(9, 2) == "");  // out of range: rejected with a note, not guessed
}

TEST_CASE("Well-known alarms set status words and ups.alarm", "[snmp][decode]") {
  auto r = decode_text(U + "4.1.0|2|5\n" + U + "6.1.0|65|4\n" + U + "6.2.1.2.1|6|" + U + "6.3.2\n" + U +
                       "6.2.1.2.2|6|" + U + "6.3.3\n" + U + "6.2.1.2.3|6|" + U + "6.3.8\n" + U +
                       "6.2.1.2.4|6|" + U + "6.3.5\n");
  CHECK(r.status.flags.to_string() == "OB LB DISCHRG OVER ALARM");
  CHECK(r.extra["ups.alarm"] ==
        "upsAlarmOnBattery upsAlarmLowBattery upsAlarmOutputOverload upsAlarmTempBad");
  CHECK_FALSE(r.status.mains_present);

  // Without upsOutputSource the on-battery alarm alone says OB.
  auto only_alarm = decode_text(U + "6.2.1.2.7|6|" + U + "6.3.2\n");
  CHECK(only_alarm.status.flags.to_string() == "OB DISCHRG");
  // A vendor alarm OID is still an alarm.
  auto vendor = decode_text(U + "4.1.0|2|3\n" + U + "6.2.1.2.1|6|1.3.6.1.4.1.99.1\n");
  CHECK(vendor.status.flags.to_string() == "OL ALARM");
}

TEST_CASE("Absurd values are rejected with a note, never passed on", "[snmp][decode]") {
  auto r = decode_text(U + "2.3.0|2|-5\n" + U + "2.4.0|2|250\n" + U + "2.7.0|2|900\n" + U +
                       "4.4.1.5.1|4|lots\n" + U + "2.5.0|66|4294967295\n" + U + "1.1.0|2|7\n");
  CHECK_FALSE(r.status.runtime_s);
  CHECK_FALSE(r.status.charge_pct);
  CHECK_FALSE(r.status.temperature_c);
  CHECK_FALSE(r.status.load_pct);
  CHECK_FALSE(r.status.battery_voltage);
  CHECK(r.identity.manufacturer.empty());
  CHECK(has_note(r, "upsEstimatedMinutesRemaining = -5 is outside"));
  CHECK(has_note(r, "upsEstimatedChargeRemaining = 250 is outside"));
  CHECK(has_note(r, "upsOutputPercentLoad has type OCTET STRING"));
  CHECK(has_note(r, "upsIdentManufacturer has type INTEGER"));
}

TEST_CASE("An empty walk decodes to nothing known, with a note", "[snmp][decode]") {
  auto r = decode_ups_mib({});
  CHECK(r.status == UpsStatus{});
  CHECK(has_note(r, "upsOutputSource not available"));
}

TEST_CASE("encode_ups_mib then decode_ups_mib gives the model back at MIB resolution", "[snmp][encode]") {
  UpsIdentity id{"IEI Integration Corp.", "AUPS2-A20", "1.0.7", "AUPS2", "SN1"};
  UpsStatus st;
  st.mains_present = false;
  st.output_on = true;
  st.input_voltage = 0;
  st.output_voltage = 12.0;
  st.output_power_w = 25.4;
  st.load_pct = 51;
  st.charge_pct = 8.4;
  st.battery_voltage = 6.93;
  st.battery_current = -3.2;
  st.temperature_c = 31.4;
  st.runtime_s = 359;
  st.flags.set(StatusFlag::OB);
  st.flags.set(StatusFlag::LB);
  st.flags.set(StatusFlag::DISCHRG);
  st.flags.set(StatusFlag::OVER);
  st.protections.set(Protection::DischargeOverTemperature, true);
  UpsMibDeviceInfo dev;
  dev.seconds_on_battery = 4000;
  dev.nominal_output_v = 12;
  auto table = encode_ups_mib(id, st, dev);
  CHECK(table.at(U + "2.1.0").number == 3);  // batteryLow
  CHECK(table.at(U + "4.1.0").number == 5);  // battery
  CHECK(table.at(U + "2.2.0").number == 4000);
  CHECK(table.at(U + "9.3.0").number == 12);  // upsConfigOutputVoltage (upsConfig is .9)
  auto r = decode_ups_mib(table);
  CHECK(r.identity.manufacturer == id.manufacturer);
  CHECK(r.identity.model == id.model);
  CHECK(r.identity.firmware == id.firmware);
  CHECK(r.identity.name == id.name);
  CHECK(r.status.flags.to_string() == "OB LB DISCHRG OVER ALARM");
  CHECK(r.status.charge_pct == Approx(8));
  CHECK(r.status.battery_voltage == Approx(6.9));
  CHECK(r.status.battery_current == Approx(-3.2));
  CHECK(r.status.temperature_c == Approx(31));
  CHECK(r.status.runtime_s == Approx(300));  // 5 whole minutes
  CHECK(r.status.output_power_w == Approx(25));
  CHECK(r.status.load_pct == Approx(51));
  CHECK_FALSE(r.status.mains_present);
  CHECK(r.extra["ups.alarm"] == "upsAlarmOnBattery upsAlarmLowBattery upsAlarmTempBad upsAlarmOutputOverload");

  st.output_on = false;  // output off while on battery: source "none", the alarm keeps OB
  auto off = decode_ups_mib(encode_ups_mib(id, st, dev));
  CHECK(off.status.flags.has(StatusFlag::OFF));
  CHECK(off.status.flags.has(StatusFlag::OB));
  CHECK_FALSE(off.status.output_on);
}

TEST_CASE("Non-ASCII bytes in a DisplayString cannot break the JSON output", "[snmp][decode]") {
  // Found by fuzz_snmprec: 0xff bytes in upsIdentUPSSoftwareVersion made the JSON dump throw.
  auto r = decode_text(U + "1.3.0|4x|5631300aff2f53\n" + U + "1.1.0|4|IEI\n");
  CHECK(r.identity.firmware == "V10 ?/S");
  CHECK(has_note(r, "non-ASCII"));
  CHECK_NOTHROW(to_json(r).dump());
}

TEST_CASE("Stale exported data carries upsAlarmCommunicationsLost", "[snmp][encode]") {
  UpsStatus st;
  st.output_on = true;
  st.flags.set(StatusFlag::OL);
  UpsMibDeviceInfo dev;
  dev.communications_lost = true;
  auto r = decode_ups_mib(encode_ups_mib({}, st, dev));
  CHECK(r.status.flags.to_string() == "OL ALARM");
  CHECK(r.extra["ups.alarm"] == "upsAlarmCommunicationsLost");
}
