// The snmprec parser: snmpsim's types, and clear line-numbered errors for bad recordings.
#include <catch2/catch.hpp>

#include "snmp/snmprec.hpp"

using namespace aups::snmp;

namespace {
std::string error_of(const std::string& text) {
  auto r = parse_snmprec(text);
  REQUIRE(std::holds_alternative<SnmprecError>(r));
  return std::get<SnmprecError>(r).to_string();
}
}  // namespace

TEST_CASE("snmprec types parse", "[snmp][snmprec]") {
  auto r = parse_snmprec(
      "# comment\r\n"
      "1.3.6.1.2.1.1.1.0|4|UPS SNMP Agent\r\n"
      "1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.2254.2.4\n"
      "1.3.6.1.2.1.1.4.0|4x|414203ff\n"
      "1.3.6.1.2.1.33.1.2.6.0|5|\n"
      "1.3.6.1.2.1.33.1.2.1.0|66|4294967295\n"
      "1.3.6.1.2.1.33.1.2.2.0|2|-3\n"
      "1.3.6.1.2.1.4.20.1.1.0|64|127.0.0.1\n"
      "1.3.6.1.2.1.31.1.1.1.6.1|70|18446744073709551615\n"
      "1.3.6.1.2.1.1.3.0|67|123456\n"
      "1.3.6.1.2.1.1.7.0|2:numeric|72\n"
      "1.3.6.1.2.1.1.5.0|4|a|b");
  REQUIRE(std::holds_alternative<SnmpVarbinds>(r));
  auto& v = std::get<SnmpVarbinds>(r);
  CHECK(v.size() == 11);
  CHECK(v["1.3.6.1.2.1.1.1.0"].text == "UPS SNMP Agent");
  CHECK(v["1.3.6.1.2.1.1.2.0"].type == SnmpType::ObjectId);
  CHECK(v["1.3.6.1.2.1.1.4.0"].text == std::string("AB\x03\xff"));
  CHECK(v["1.3.6.1.2.1.33.1.2.6.0"].type == SnmpType::Null);
  CHECK(v["1.3.6.1.2.1.33.1.2.1.0"].number == 4294967295);
  CHECK(v["1.3.6.1.2.1.33.1.2.2.0"].number == -3);
  CHECK(v["1.3.6.1.2.1.4.20.1.1.0"].text == "127.0.0.1");
  CHECK_FALSE(v["1.3.6.1.2.1.31.1.1.1.6.1"].number);  // beyond int64: kept, marked out of range
  CHECK(v["1.3.6.1.2.1.1.7.0"].number == 72);
  CHECK(v["1.3.6.1.2.1.1.5.0"].text == "a|b");
}

TEST_CASE("Variables are ordered numerically, as SNMP walks them", "[snmp][snmprec]") {
  auto r = parse_snmprec("1.3.6.1.10.0|2|1\n1.3.6.1.9.0|2|1\n1.3.6.1.9|2|1\n");
  auto& v = std::get<SnmpVarbinds>(r);
  std::vector<std::string> order;
  for (auto& [oid, _] : v) order.push_back(oid);
  CHECK(order == std::vector<std::string>{"1.3.6.1.9", "1.3.6.1.9.0", "1.3.6.1.10.0"});
  CHECK(oid_under("1.3.6.1.9.0", "1.3.6.1.9"));
  CHECK_FALSE(oid_under("1.3.6.1.90", "1.3.6.1.9"));
}

TEST_CASE("Malformed and truncated snmprec: errors name the line", "[snmp][snmprec]") {
  CHECK(error_of("1.3.6.1.2.1.1.1.0|4|ok\n1.3.6.1.2.1.33.1.2|") == "line 2: expected OID|type|value (truncated line?)");
  CHECK(error_of("1.3.6.1.2.1.1.1.0|4|ok\n\n1.3.6.x.1|2|1\n") == "line 3: bad OID '1.3.6.x.1'");
  CHECK(error_of("1.3.6.1|99|1\n") == "line 1: unknown type tag 99");
  CHECK(error_of("1.3.6.1|2|12a\n") == "line 1: INTEGER value '12a' is not a 32-bit signed number");
  CHECK(error_of("1.3.6.1|2|4294967295\n").find("line 1: INTEGER") == 0);
  CHECK(error_of("1.3.6.1|66|-1\n").find("Gauge32 value '-1'") != std::string::npos);
  CHECK(error_of("1.3.6.1|4x|abc\n") == "line 1: bad hex string 'abc'");
  CHECK(error_of("1.3.6.1|6|1..3\n") == "line 1: bad OBJECT IDENTIFIER value '1..3'");
  CHECK(error_of("1.3.6.1|2|1\n1.3.6.1|2|2\n") == "line 2: duplicate OID 1.3.6.1");
  CHECK(error_of("1.3.6.1|x|1\n") == "line 1: type tag '' is not a number");
  auto missing = load_snmprec("/nonexistent/x.snmprec");
  REQUIRE(std::holds_alternative<SnmprecError>(missing));
  CHECK(std::get<SnmprecError>(missing).line == 0);
}

TEST_CASE("to_snmprec round-trips", "[snmp][snmprec]") {
  SnmpVarbinds v;
  v["1.3.6.1.2.1.1.1.0"] = SnmpValue::string("AUPS2-A20");
  v["1.3.6.1.2.1.1.4.0"] = SnmpValue::string(std::string("\x01|\xfe", 3));
  v["1.3.6.1.2.1.1.2.0"] = SnmpValue::oid("1.3.6.1.4.1.99");
  v["1.3.6.1.2.1.33.1.2.4.0"] = SnmpValue::integer(SnmpType::Integer, 87);
  v["1.3.6.1.2.1.33.1.2.2.0"] = SnmpValue::integer(SnmpType::Gauge32, 4000000000);
  v["1.3.6.1.2.1.33.1.2.6.0"] = SnmpValue{};
  auto back = parse_snmprec(to_snmprec(v));
  REQUIRE(std::holds_alternative<SnmpVarbinds>(back));
  CHECK(std::get<SnmpVarbinds>(back) == v);
}
