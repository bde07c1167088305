// Absent is not false (issue 13, finding 5): a UPS-MIB walk that says nothing about mains must
// not decode as "on battery", and the SNMP source must not hand such a reading to the agent.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstdio>
#include <sys/wait.h>
#include <unistd.h>

#include "child_process.hpp"
#include "core/clock.hpp"
#include "snmp/mib_agent.hpp"
#include "snmp/snmp_session.hpp"
#include "snmp/snmp_source.hpp"
#include "snmp/snmprec.hpp"
#include "snmp/ups_mib.hpp"

using namespace aups;
using namespace aups::snmp;

namespace {
const std::string U = "1.3.6.1.2.1.33.1.";
SnmpVarbinds walk(const std::string& text) {
  auto parsed = parse_snmprec(text);
  REQUIRE(std::holds_alternative<SnmpVarbinds>(parsed));
  return std::get<SnmpVarbinds>(parsed);
}
}  // namespace

TEST_CASE("An empty walk does not claim a mains value", "[snmp][decode]") {
  UpsMibReading r = decode_ups_mib({});
  CHECK_FALSE(r.mains_known);
  CHECK_FALSE(to_json(r)["vars"].contains("aups.mains"));
}

TEST_CASE("A charge-only walk does not claim a mains value", "[snmp][decode]") {
  UpsMibReading r = decode_ups_mib(walk(U + "2.4.0|2|80\n"));
  CHECK(r.status.charge_pct == Approx(80));
  CHECK_FALSE(r.mains_known);
  nlohmann::json vars = to_json(r)["vars"];
  CHECK(vars["battery.charge"] == 80);
  CHECK_FALSE(vars.contains("aups.mains"));
}

TEST_CASE("Mains is known from upsOutputSource, the on-battery alarm or the input voltage", "[snmp][decode]") {
  auto mains_of = [](const std::string& text) { return to_json(decode_ups_mib(walk(text)))["vars"]["aups.mains"]; };
  CHECK(mains_of(U + "4.1.0|2|3\n") == true);
  CHECK(mains_of(U + "4.1.0|2|5\n") == false);
  CHECK(mains_of(U + "6.2.1.2.1|6|" + U + "6.3.2\n") == false);
  CHECK(mains_of(U + "3.3.1.3.1|2|0\n") == false);
  CHECK(mains_of(U + "3.3.1.3.1|2|230\n") == true);
}

// The forked agent needs a process whose net-snmp is not yet set up as a client: CTest runs
// every case in its own process.
TEST_CASE("The SNMP source fails a read that cannot tell mains, the reading goes stale", "[snmp][client]") {
  int port = test::free_port();
  pid_t agent = ::fork();
  REQUIRE(agent >= 0);
  if (agent == 0) {  // the child serves a charge-only UPS-MIB until the parent ends it
    std::signal(SIGTERM, SIG_DFL);  // not Catch's handler: the parent ends the child
    MibAgentOptions o;
    o.roots = {"1.3.6.1.2.1.1", "1.3.6.1.2.1.33"};
    o.listen = "udp:127.0.0.1:" + std::to_string(port);
    auto started = MibAgent::start_master(o);
    if (auto* e = std::get_if<std::string>(&started)) {
      std::fprintf(stderr, "agent: %s\n", e->c_str());
      ::_exit(1);
    }
    auto& a = *std::get<std::unique_ptr<MibAgent>>(started);
    SnmpVarbinds table;
    table["1.3.6.1.2.1.1.1.0"] = SnmpValue::string("charge only");
    table[U + "2.4.0"] = SnmpValue::integer(SnmpType::Integer, 80);
    a.publish(table);
    for (int i = 0; i < 3000 && ::getppid() != 1; ++i) {
      a.service();
      ::usleep(5000);
    }
    ::_exit(0);
  }
  struct Reap {
    pid_t pid;
    ~Reap() { ::kill(pid, SIGTERM); ::waitpid(pid, nullptr, 0); }
  } reap{agent};

  auto target = parse_snmp_uri("snmp://public@127.0.0.1:" + std::to_string(port));
  REQUIRE(std::holds_alternative<SnmpTarget>(target));
  REQUIRE(test::wait_until([&] {
    SnmpSession s(std::get<SnmpTarget>(target), 0.2, 0);
    SnmpVarbinds v;
    return !s.open() && !s.walk("1.3.6.1.2.1.33.1.2", v) && !v.empty();
  }, 8.0));

  ManualClock clock(10);
  SnmpSourceOptions fast;
  fast.timeout_s = 0.5;
  fast.retries = 0;
  SnmpUpsSource source(std::get<SnmpTarget>(target), clock, fast);
  auto err = source.open();
  REQUIRE(err);
  CHECK(err->find("on mains or on battery is unknown") != std::string::npos);
  UpsReading r = source.reading();
  CHECK_FALSE(r.connected);
  CHECK(r.stale);
  CHECK_FALSE(r.status.charge_pct);  // nothing half-read reaches the agent
}
