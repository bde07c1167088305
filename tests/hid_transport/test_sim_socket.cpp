// The HID source over the simulator's socket: the same bytes a USB AUPS2-A20 would send.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

#include "core/clock.hpp"
#include "hid/hid_source.hpp"
#include "hid/sim_socket_device.hpp"
#include "hid_transport/ground_truth.hpp"
#include "hid_transport/sim_host.hpp"
#include "sim/hid_aups2_descriptor.hpp"

using namespace aups;

namespace {

std::unique_ptr<hid::HidSource> open_source(const std::string& socket, const Clock& clock) {
  hid::HidSourceOptions opt;
  opt.backoff_min_s = 0.01;
  opt.backoff_max_s = 0.05;
  auto made = hid::make_hid_source("sim://" + socket, clock, opt);
  REQUIRE(std::holds_alternative<std::unique_ptr<hid::HidSource>>(made));
  auto src = std::move(std::get<0>(made));
  auto err = src->open();
  INFO(err.value_or(""));
  REQUIRE_FALSE(err);
  return src;
}

// Polls until `done` holds (or ~2 s pass); returns whether it did.
template <class F>
bool poll_until(UpsSource& src, F done) {
  for (int i = 0; i < 200; ++i) {
    src.poll(0.01);
    if (done(src.reading())) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("sim socket: a HID source reads the simulated AUPS2-A20 as the simulator reports it") {
  test::SimHost host;
  host.step(30);
  SteadyClock clock;
  auto src = open_source(host.path(), clock);
  CHECK(src->transport() == "sim-hid");
  CHECK(src->simulated());
  REQUIRE(src->binding()->profile().name == "iei-aups2-a20");

  UpsReading r = src->reading();
  CHECK(r.connected);
  CHECK_FALSE(r.stale);
  auto [id, st, set, net] = host.with([](sim::Simulator& s) { return std::tuple(s.identity(), s.status(), s.settings(), s.network()); });
  test::check_matches(r.identity, r.status, id, st);
  REQUIRE(r.settings);
  CHECK(*r.settings == set);
  REQUIRE(r.network);
  CHECK(*r.network == net);
}

TEST_CASE("sim socket: Input reports arrive when the simulator's state changes") {
  test::SimHost host;
  SteadyClock clock;
  auto src = open_source(host.path(), clock);
  REQUIRE(src->reading().status.mains_present);

  host.with([](sim::Simulator& s) { s.set_input_voltage(0); s.step(2); });
  REQUIRE(poll_until(*src, [](const UpsReading& r) {  // both Input reports (0x02, 0x03) changed
    return !r.status.mains_present && r.status.input_voltage < 1;
  }));
  auto [id, st] = host.with([](sim::Simulator& s) { return std::pair(s.identity(), s.status()); });
  UpsReading r = src->reading();
  CHECK(r.status.flags.has(StatusFlag::OB));
  test::check_matches(r.identity, r.status, id, st);

  host.with([](sim::Simulator& s) { s.set_input_voltage(19); s.step(2); });
  REQUIRE(poll_until(*src, [](const UpsReading& r) { return r.status.flags.has(StatusFlag::OL); }));
}

TEST_CASE("sim socket: settings are written, read back and verified; bad ones keep the old values") {
  test::SimHost host;
  SteadyClock clock;
  auto src = open_source(host.path(), clock);
  UpsSettings s = *src->reading().settings;
  s.buzzer = false;
  s.lan = false;
  s.dc_output_off_delay_s = 120;
  s.sleep_at_5pct = false;
  REQUIRE_FALSE(src->write_settings(s));
  CHECK(*src->reading().settings == s);
  CHECK(host.with([](sim::Simulator& sim) { return sim.settings(); }) == s);

  UpsSettings bad = s;
  bad.dc_output_off_delay_s = 99999;
  auto err = src->write_settings(bad);
  REQUIRE(err);
  CHECK(err->find("delay") != std::string::npos);
  CHECK(*src->reading().settings == s);

  NetworkSettings n;
  n.hostname = "kiosk-7";
  n.dhcp = false;
  n.ip = "192.168.10.20";
  n.netmask = "255.255.255.0";
  n.gateway = "192.168.10.1";
  n.dns = "192.168.10.1";
  REQUIRE_FALSE(src->write_network(n));
  CHECK(*src->reading().network == n);
  CHECK(host.with([](sim::Simulator& sim) { return sim.network(); }) == n);

  NetworkSettings too_long = n;
  too_long.hostname = std::string(70, 'a');  // valid RFC 1123 label length? no: 70 > 63
  CHECK(src->write_network(too_long));
  CHECK(*src->reading().network == n);
}

TEST_CASE("sim socket: kill-power arms the output-off through DelayBeforeShutdown") {
  test::SimHost host;
  SteadyClock clock;
  auto src = open_source(host.path(), clock);
  REQUIRE_FALSE(src->shutdown_output_after(5));
  host.with([](sim::Simulator& s) { s.set_input_voltage(0); s.step(10); });
  REQUIRE(poll_until(*src, [](const UpsReading& r) { return !r.status.output_on; }));
  CHECK(src->reading().status.flags.has(StatusFlag::OFF));
}

TEST_CASE("sim socket: unplug marks the data stale with its age, replug makes it fresh again") {
  test::SimHost host;
  ManualClock clock(100);
  auto src = open_source(host.path(), clock);
  REQUIRE_FALSE(src->reading().stale);

  host.unplug();
  PollResult r = PollResult::Timeout;
  for (int i = 0; i < 100 && r != PollResult::Disconnected; ++i) r = src->poll(0.01);
  REQUIRE(r == PollResult::Disconnected);
  clock.advance(3);
  UpsReading stale = src->reading();
  CHECK_FALSE(stale.connected);
  CHECK(stale.stale);
  CHECK(clock.now_s() - stale.updated_s == Approx(3));
  CHECK(stale.status.charge_pct);  // the last values are kept, marked stale
  CHECK(src->write_settings(*stale.settings));  // nothing to write to: an error, not a crash

  clock.advance(1);
  CHECK(src->poll(0.01) == PollResult::Disconnected);  // still unplugged: retry fails
  host.replug();
  clock.advance(1);
  REQUIRE(poll_until(*src, [](const UpsReading& r) { return r.connected; }));
  UpsReading fresh = src->reading();
  CHECK_FALSE(fresh.stale);
  CHECK(fresh.updated_s == clock.now_s());
}

TEST_CASE("sim socket: the data goes stale when nothing fresh arrives for the dead-time") {
  test::SimHost host;
  ManualClock clock(0);
  hid::HidSourceOptions opt;
  opt.dead_time_s = 30;
  auto made = hid::make_hid_source("sim://" + host.path(), clock, opt);
  auto src = std::move(std::get<0>(made));
  REQUIRE_FALSE(src->open());
  clock.advance(31);
  CHECK(src->reading().stale);
  src->poll(0.01);  // the periodic Feature poll (5 s for this profile) refreshes it
  CHECK_FALSE(src->reading().stale);
}

TEST_CASE("sim socket: short, oversized, unknown and invalid reports are refused with a reason") {
  test::SimHost sim_host;
  auto dev = hid::SimSocketDevice::open(sim_host.path());
  REQUIRE(std::holds_alternative<std::unique_ptr<hid::HidDevice>>(dev));
  auto& d = *std::get<0>(dev);
  std::vector<std::uint8_t> shortr = {sim::aups2_report::kSettings, 0x1f};
  auto e = d.set_feature(shortr);
  REQUIRE(e);
  CHECK(e->message.find("bytes") != std::string::npos);
  std::vector<std::uint8_t> big(300, 0);
  big[0] = sim::aups2_report::kSettings;
  CHECK(d.set_feature(big));
  auto unknown = d.get_feature(0x7f, 8);
  CHECK(hid::error_of(unknown));
  std::vector<std::uint8_t> ro = {sim::aups2_report::kSummary, 0, 0, 0, 0, 0, 0, 0};
  CHECK(d.set_feature(ro));
  // A well-formed report with a value the firmware's validation refuses: nothing changes.
  std::vector<std::uint8_t> name(1 + sim::kAups2HostnameBytes, 0);
  name[0] = sim::aups2_report::kHostname;
  std::memcpy(&name[1], "bad host!", 9);
  auto refused = d.set_feature(name);
  REQUIRE(refused);
  CHECK(refused->message.find("hostname") != std::string::npos);
  CHECK(sim_host.with([](sim::Simulator& s) { return s.network().hostname; }) == "AUPS2");
  // The link still works after all that.
  auto ok = d.get_feature(sim::aups2_report::kSettings, 4);
  REQUIRE_FALSE(hid::error_of(ok));
  CHECK(std::get<hid::Report>(ok).size() == 4);
}

TEST_CASE("sim socket: a client sending garbage is dropped, others keep working") {
  test::SimHost host;
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, host.path().c_str());
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  const char junk[] = "\xff\xff\xff\x7fGET / HTTP/1.0\r\n\r\n";
  REQUIRE(::send(fd, junk, sizeof junk, MSG_NOSIGNAL) > 0);
  char buf[16];
  CHECK(::recv(fd, buf, sizeof buf, 0) == 0);  // hung up on
  ::close(fd);
  SteadyClock clock;
  auto src = open_source(host.path(), clock);
  CHECK(src->reading().connected);
}

TEST_CASE("sim socket: a device that vanishes mid-request is an error, not a hang") {
  test::SimHost host;
  auto dev = hid::SimSocketDevice::open(host.path());
  REQUIRE(std::holds_alternative<std::unique_ptr<hid::HidDevice>>(dev));
  auto& d = *std::get<0>(dev);
  host.unplug();
  auto r = d.get_feature(sim::aups2_report::kSummary, 8);
  REQUIRE(hid::error_of(r));
  CHECK(hid::error_of(r)->kind == hid::HidError::Kind::Disconnected);
  // Input reports received before the unplug are still delivered, then the loss is reported.
  auto in = d.read_input(0.05);
  for (int i = 0; i < 10 && !hid::error_of(in); ++i) in = d.read_input(0.05);
  REQUIRE(hid::error_of(in));
  CHECK(hid::SimSocketDevice::open(host.path()).index() == 1);  // nobody listens now
}
