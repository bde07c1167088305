// SnmpUpsSource against the simulator's UPS-MIB agent (aups-sim --snmp-port, a child process):
// v2c and v1 reads, wrong community, refused writes, a device that disappears.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
#include "sim_agent.hpp"
#include "snmp/snmp_source.hpp"

using namespace aups;
using namespace aups::snmp;

namespace {
SnmpTarget target_of(const std::string& uri) {
  auto t = parse_snmp_uri(uri);
  REQUIRE(std::holds_alternative<SnmpTarget>(t));
  return std::get<SnmpTarget>(t);
}
SnmpSourceOptions fast() {
  SnmpSourceOptions o;
  o.poll_interval_s = 2;
  o.timeout_s = 0.2;
  o.retries = 0;
  o.stale_after_s = 5;
  o.max_backoff_s = 8;
  return o;
}
}  // namespace

TEST_CASE("snmp:// URIs parse, bad ones say why", "[snmp][uri]") {
  auto t = target_of("snmp://kiosk@10.0.0.5:1161?version=1");
  CHECK(t.community == "kiosk");
  CHECK(t.host == "10.0.0.5");
  CHECK(t.port == 1161);
  CHECK(t.version == SnmpVersion::V1);
  CHECK(t.peer() == "udp:10.0.0.5:1161");
  auto d = target_of("snmp://ups.example");
  CHECK(d.community == "public");
  CHECK(d.port == 161);
  CHECK(d.version == SnmpVersion::V2c);
  CHECK(target_of("snmp://c@[::1]:200").peer() == "udp6:[::1]:200");
  CHECK(target_of(t.uri()) == t);
  for (const char* bad : {"hid://auto", "snmp://", "snmp://@host", "snmp://h:0", "snmp://h:99999", "snmp://h:x",
                          "snmp://h?version=3", "snmp://[::1"})
    CHECK(std::holds_alternative<std::string>(parse_snmp_uri(bad)));
}

TEST_CASE("The client reads the simulator's UPS-MIB over v2c and v1", "[snmp][client]") {
  test::SimAgent agent({"--charge", "57"});
  REQUIRE(agent.ready());
  for (const char* suffix : {"", "?version=1"}) {
    ManualClock clock(100);
    SnmpUpsSource source(target_of(agent.uri() + suffix), clock, fast());
    CHECK(source.transport() == "snmp");
    REQUIRE_FALSE(source.open());
    UpsReading r = source.reading();
    CHECK(r.connected);
    CHECK_FALSE(r.stale);
    CHECK(r.updated_s == 100);
    CHECK(r.identity.model == "AUPS2-A20");
    CHECK(r.identity.manufacturer == "IEI Integration Corp.");
    REQUIRE(r.status.charge_pct);
    CHECK(*r.status.charge_pct == Approx(57).margin(1));
    CHECK(r.status.flags.has(StatusFlag::OL));
    CHECK(r.status.output_voltage == Approx(12));
    CHECK_FALSE(r.settings);  // UPS-MIB carries no AUPS settings
  }
}

TEST_CASE("Wrong community: a clear error, no data, stale", "[snmp][client]") {
  test::SimAgent agent({}, "s3cret");
  REQUIRE(agent.ready());
  ManualClock clock(10);
  SnmpUpsSource source(target_of(agent.uri("public")), clock, fast());
  auto err = source.open();
  REQUIRE(err);
  CHECK(err->find("no answer") != std::string::npos);
  CHECK(err->find("wrong community") != std::string::npos);
  UpsReading r = source.reading();
  CHECK_FALSE(r.connected);
  CHECK(r.stale);
  CHECK_FALSE(r.status.charge_pct);
}

TEST_CASE("The device is read-only: SETs refused by the agent, writes refused by the source", "[snmp][client]") {
  test::SimAgent agent;
  REQUIRE(agent.ready());
  SnmpSession v2(target_of(agent.uri()), 0.5, 0);
  REQUIRE_FALSE(v2.open());
  auto refused = v2.set_integer("1.3.6.1.2.1.33.1.2.4.0", 5);
  REQUIRE(refused);
  CHECK(refused->find("noAccess") != std::string::npos);
  SnmpSession v1(target_of(agent.uri() + "?version=1"), 0.5, 0);
  REQUIRE_FALSE(v1.open());
  auto refused1 = v1.set_integer("1.3.6.1.2.1.33.1.2.4.0", 5);
  REQUIRE(refused1);
  CHECK(refused1->find("noSuchName") != std::string::npos);

  ManualClock clock;
  SnmpUpsSource source(target_of(agent.uri()), clock, fast());
  REQUIRE_FALSE(source.open());
  auto w = source.write_settings(UpsSettings{});
  REQUIRE(w);
  CHECK(w->find("read-only") != std::string::npos);
  CHECK(source.write_network(NetworkSettings{}));
  CHECK(source.shutdown_output_after(30));
  CHECK(source.reading().status.charge_pct);  // still reads after the refusals
}

TEST_CASE("A device that goes away: stale data with its age, back-off, recovery", "[snmp][client]") {
  auto agent = std::make_unique<test::SimAgent>();
  REQUIRE(agent->ready());
  const int port = agent->port();
  ManualClock clock(1000);
  SnmpUpsSource source(target_of(agent->uri()), clock, fast());
  REQUIRE_FALSE(source.open());
  CHECK(source.poll(0) == PollResult::Timeout);  // not due yet: no I/O
  clock.advance(2);
  CHECK(source.poll(0) == PollResult::Updated);
  CHECK(source.reading().updated_s == 1002);

  agent->stop();
  clock.advance(2);  // t = 1004
  CHECK(source.poll(0) == PollResult::Disconnected);
  UpsReading r = source.reading();
  CHECK_FALSE(r.connected);
  CHECK(r.stale);
  CHECK(r.updated_s == 1002);  // age = now - updated_s
  CHECK(r.status.charge_pct);  // last values kept, marked stale
  REQUIRE(source.last_error());
  clock.advance(2);  // t = 1006: retry after one interval fails again
  CHECK(source.poll(0) == PollResult::Timeout);
  // The device is back, but the source backs off two intervals (until t = 1010).
  agent = std::make_unique<test::SimAgent>(std::vector<std::string>{}, "public", port);
  REQUIRE(agent->ready());
  clock.advance(2);  // t = 1008
  CHECK(source.poll(0) == PollResult::Timeout);
  CHECK(source.reading().stale);
  clock.advance(2);  // t = 1010
  CHECK(source.poll(0) == PollResult::Updated);
  CHECK_FALSE(source.reading().stale);
  CHECK(source.reading().updated_s == 1010);
  CHECK_FALSE(source.last_error());
}

TEST_CASE("Nothing listening: a clear error and stale data, quickly", "[snmp][client]") {
  ManualClock clock;
  SnmpUpsSource source(target_of("snmp://public@127.0.0.1:" + std::to_string(test::free_port())), clock, fast());
  auto err = source.open();
  REQUIRE(err);
  CHECK(err->find("127.0.0.1") != std::string::npos);
  CHECK(source.reading().stale);
  CHECK_FALSE(source.reading().connected);
}
