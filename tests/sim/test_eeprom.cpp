// Settings live in an emulated EEPROM file, written atomically: a simulator killed at any
// moment keeps either the old or the new settings, and a corrupt file falls back to defaults.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/eeprom.hpp"
#include "sim/simulator.hpp"
#include "sim_test_util.hpp"

using namespace aups;
using namespace aups::sim;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/aups-sim-test-XXXXXX";
    path = ::mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
};

UpsSettings changed_settings() {
  UpsSettings s;
  s.buzzer = false;
  s.dc_output_always_on_with_input = false;
  s.dc_output_off_delay_s = 120;
  s.sleep_at_5pct = false;
  return s;
}

}  // namespace

TEST_CASE("settings and network survive a new Simulator on the same EEPROM") {
  TempDir dir;
  const std::string path = dir.path / "eeprom";
  NetworkSettings net;
  net.hostname = "kiosk-7";
  net.dhcp = false;
  net.ip = "192.168.10.7";
  net.netmask = "255.255.255.0";
  net.gateway = "192.168.10.1";
  net.dns = "192.168.10.1";
  {
    Simulator sim(test::Cfg().eeprom(path));
    CHECK(sim.settings() == UpsSettings{});  // no file yet: the manual's defaults
    REQUIRE(sim.apply_settings(changed_settings()).ok());
    REQUIRE(sim.apply_network(net).ok());
  }  // the "device" goes away without any shutdown step
  Simulator again(test::Cfg().eeprom(path));
  CHECK(again.settings() == changed_settings());
  CHECK(again.network() == net);
  CHECK(again.take_events().empty());
}

TEST_CASE("invalid settings are refused and the old ones kept") {
  TempDir dir;
  Simulator sim(test::Cfg().eeprom(dir.path / "eeprom"));
  auto bad = sim.settings();
  bad.dc_output_off_delay_s = -5;
  const auto err = sim.apply_settings(bad);
  REQUIRE_FALSE(err.ok());
  CHECK(err.error().field == "ups.delay.shutdown");  // the DC output off delay
  CHECK(sim.settings() == UpsSettings{});
  NetworkSettings net;
  net.dhcp = false;
  net.ip = "300.1.1.1";
  CHECK_FALSE(sim.apply_network(net).ok());
  CHECK(sim.network() == NetworkSettings{});
}

TEST_CASE("a corrupt EEPROM loads defaults, says so, and is rewritten") {
  TempDir dir;
  const std::string path = dir.path / "eeprom";
  const auto good = encode_eeprom({changed_settings(), {}});
  for (const std::string& broken :
       {std::string("garbage\n"), good.substr(0, good.size() / 2),
        [&] { auto t = good; t[30] ^= 0x20; return t; }(), std::string()}) {
    std::ofstream(path, std::ios::trunc) << broken;
    Simulator sim(test::Cfg().eeprom(path));
    CHECK(sim.settings() == UpsSettings{});
    CHECK(test::has_event(sim.take_events(), SimEventKind::EepromReset));
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    CHECK(decode_eeprom(text).ok());
  }
}

TEST_CASE("EEPROM encoding round-trips and rejects out-of-range values") {
  EepromContent c{changed_settings(), {}};
  c.network.hostname = "panel-3";
  auto round_trip = decode_eeprom(encode_eeprom(c));
  REQUIRE(round_trip.ok());
  CHECK(*round_trip == c);
  // A valid checksum over invalid content is still refused (e.g. written by a bad tool).
  auto bad = c;
  bad.settings.dc_output_off_delay_s = 99999;
  auto refused = decode_eeprom(encode_eeprom(bad));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("ups.delay.shutdown") != std::string::npos);
}

TEST_CASE("a simulator process killed with SIGKILL while writing never loses its settings") {
  TempDir dir;
  const std::string path = dir.path / "eeprom";
  UpsSettings a = changed_settings(), b;
  b.dc_output_off_delay_s = 7;
  { Simulator seed(test::Cfg().eeprom(path)); REQUIRE(seed.apply_settings(a).ok()); }
  for (int round = 0; round < 8; ++round) {
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // the "device": rewrites its EEPROM as fast as it can
      Simulator sim(test::Cfg().eeprom(path));
      for (int i = 0;; ++i) sim.apply_settings(i % 2 ? a : b);
    }
    ::usleep(3000 + 2000 * round);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    Simulator after(test::Cfg().eeprom(path));
    const auto events = after.take_events();
    CHECK_FALSE(test::has_event(events, SimEventKind::EepromReset));
    const auto got = after.settings();
    CHECK((got == a || got == b));
  }
  // Leftover temporaries of killed writers do not confuse the next load.
  Simulator last(test::Cfg().eeprom(path));
  CHECK_FALSE(test::has_event(last.take_events(), SimEventKind::EepromReset));
}
