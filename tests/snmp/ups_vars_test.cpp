// core/ups_vars.hpp is the one place a variable is declared: a row added through add_ups_var
// shows up in the status JSON, HID profile validation and the UPS-MIB encode/decode with no
// other edit (issue 10). The test binary runs each case in its own process (catch_discover_tests),
// so the added row does not leak into other cases.
#include <catch2/catch.hpp>

#include <set>

#include "core/nut_json.hpp"
#include "core/ups_vars.hpp"
#include "hid/hid_profile.hpp"
#include "snmp/ups_mib.hpp"
#include "snmp/ups_mib_encode.hpp"

using namespace aups;

namespace {
const char* kName = "battery.temperature.cell";
const char* kOid = "1.3.6.1.2.1.33.1.2.99.0";

bool profile_accepts(const std::string& var) {
  try {
    hid::parse_profile("name = \"x\"\n[[map]]\npath = \"UPS.PowerSummary.RemainingCapacity\"\nvar = \"" + var + "\"\n",
                       "extra.toml");
    return true;
  } catch (const hid::ProfileError&) {
    return false;
  }
}
}  // namespace

TEST_CASE("A row added to the variable table reaches JSON, profiles and UPS-MIB", "[core][vars]") {
  UpsStatus st;
  st.temperature_c = 31;
  REQUIRE_FALSE(to_nut_json(st).contains(kName));
  REQUIRE_FALSE(profile_accepts(kName));
  REQUIRE_FALSE(snmp::encode_ups_mib({}, st, {}).count(kOid));

  // A made-up variable read from an existing field, carried by a made-up UPS-MIB object.
  add_ups_var({kName, &UpsStatus::temperature_c, VarKind::Number, "degC", false, "cell temperature (test row)",
               UpsMibObject{"upsTestCellTemperature", kOid, 1, -40, 100}});

  nlohmann::json j = to_nut_json(st);
  CHECK(j[kName] == 31);
  CHECK(status_from_nut_json(nlohmann::json{{kName, 28}}).temperature_c == Approx(28));
  CHECK(profile_accepts(kName));
  snmp::SnmpVarbinds table = snmp::encode_ups_mib({}, st, {});
  REQUIRE(table.count(kOid));
  CHECK(table.at(kOid).number == 31);
  table.erase("1.3.6.1.2.1.33.1.2.7.0");  // only the new object carries the value back
  CHECK(snmp::decode_ups_mib(table).status.temperature_c == Approx(31));
  CHECK(snmp::mib_object("upsTestCellTemperature"));  // SNMP profiles may scale it
}

TEST_CASE("Every NUT name is declared once and every model field has a row", "[core][vars]") {
  std::set<std::string_view> names;
  for (const UpsVar& v : ups_vars()) CHECK(names.insert(v.name).second);
  // ups_var throws for a field without a row.
  CHECK_NOTHROW(ups_var(&UpsStatus::cycle_count));
  CHECK_NOTHROW(ups_var(&UpsSettings::dc_output_off_delay_s));
  CHECK_NOTHROW(ups_var(&NetworkSettings::dns));
  CHECK(var_name(&UpsStatus::charge_pct) == "battery.charge");
  CHECK(ups_var(&UpsStatus::runtime_s).mib->name == "upsEstimatedMinutesRemaining");
}
