// The real, unmodified libhidapi-hidraw, end to end: a driver process runs HidSource on
// hid:///dev/hidraw-aups-emu with the test-only hidraw emulation preloaded (tests/hidraw_emu),
// which forwards the node to the simulated AUPS2-A20 served by this process.
#include <catch2/catch.hpp>

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "core/nut_json.hpp"
#include "hid_transport/ground_truth.hpp"
#include "hid_transport/sim_host.hpp"

using namespace aups;
using nlohmann::json;

namespace {

constexpr const char* kNode = "/dev/hidraw-aups-emu";

// The driver process, spoken to line by line.
class Driver {
 public:
  explicit Driver(const std::string& sim_socket) {
    int in[2], out[2];
    REQUIRE(::pipe(in) == 0);
    REQUIRE(::pipe(out) == 0);
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      ::dup2(in[0], 0);
      ::dup2(out[1], 1);
      ::close(in[1]);
      ::close(out[0]);
      ::setenv("LD_PRELOAD", AUPS_HIDRAW_EMU_LIB, 1);
      ::setenv("AUPS_HIDRAW_EMU_PATH", kNode, 1);
      ::setenv("AUPS_HIDRAW_EMU_SOCKET", sim_socket.c_str(), 1);
      ::execl(AUPS_HIDAPI_DRIVER, AUPS_HIDAPI_DRIVER, static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    to_ = in[1];
    from_ = out[0];
  }
  ~Driver() {
    ::close(to_);
    ::close(from_);
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }

  json ask(const std::string& line) {
    std::string l = line + "\n";
    REQUIRE(::write(to_, l.data(), l.size()) == static_cast<ssize_t>(l.size()));
    std::string got;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (got.find('\n') == std::string::npos) {
      pollfd p{from_, POLLIN, 0};
      REQUIRE(std::chrono::steady_clock::now() < deadline);
      if (::poll(&p, 1, 100) <= 0) continue;
      char buf[4096];
      ssize_t n = ::read(from_, buf, sizeof buf);
      REQUIRE(n > 0);
      got.append(buf, static_cast<std::size_t>(n));
    }
    INFO(got);
    return json::parse(got.substr(0, got.find('\n')));
  }

  // Polls until `done(answer)` holds; returns the last answer.
  template <class F>
  json poll_until(F done) {
    json r;
    for (int i = 0; i < 100; ++i) {
      r = ask("poll 0.02");
      if (done(r)) return r;
    }
    FAIL("condition not reached; last answer " << r.dump());
    return r;
  }

 private:
  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
};

void check_against_sim(const json& r, test::SimHost& host) {
  auto [id, st] = host.with([](sim::Simulator& s) { return std::pair(s.identity(), s.status()); });
  test::check_matches(identity_from_nut_json(r["identity"]), status_from_nut_json(r["status"]), id, st);
}

}  // namespace

TEST_CASE("hidapi (real libhidapi-hidraw via the emulated node) reads, follows, writes and survives unplug") {
  test::SimHost host(test::test_config(), "hidraw");
  host.step(20);
  Driver driver(host.path());

  json opened = driver.ask(std::string("open hid://") + kNode);
  INFO(opened.dump());
  REQUIRE(opened["ok"] == true);

  // Read at open: the same model values the simulator reports.
  json r = driver.ask("reading");
  CHECK(r["connected"] == true);
  CHECK(r["stale"] == false);
  check_against_sim(r, host);
  CHECK(r["identity"]["ups.model"] == "AUPS2-A20");
  auto sim_settings = host.with([](sim::Simulator& s) { return s.settings(); });
  CHECK(r["settings"] == to_nut_json(sim_settings));

  // Input reports on change: mains lost.
  host.with([](sim::Simulator& s) { s.set_input_voltage(0); s.step(3); });
  // (two Input reports change: status 0x02 and measurements 0x03; wait for both)
  r = driver.poll_until([](const json& a) {
    return a["status"]["aups.mains"] == false && a["status"].value("input.voltage", 99.0) < 1;
  });
  CHECK(r["result"] == "updated");
  check_against_sim(r, host);

  // A setting written through HIDIOCSFEATURE and read back through HIDIOCGFEATURE.
  json set = driver.ask(R"(set {"ups.beeper.status":"disabled","ups.delay.shutdown":300})");
  INFO(set.dump());
  REQUIRE(set["ok"] == true);
  auto after = host.with([](sim::Simulator& s) { return s.settings(); });
  CHECK_FALSE(after.buzzer);
  CHECK(after.dc_output_off_delay_s == 300);
  r = driver.ask("reading");
  CHECK(r["settings"]["ups.beeper.status"] == "disabled");
  CHECK(r["settings"]["ups.delay.shutdown"] == 300);
  json refused = driver.ask(R"(net {"aups.net.dhcp":false,"aups.net.ip":"10.0.0.5","aups.net.netmask":"255.0.0.0","aups.net.gateway":"10.0.0.1","aups.net.dns":"10.0.0.1","aups.net.hostname":"kiosk-1"})");
  CHECK(refused["ok"] == true);
  CHECK(host.with([](sim::Simulator& s) { return s.network().ip; }) == "10.0.0.5");

  // Unplug: the node vanishes; the data is kept, marked stale, with a growing age.
  host.unplug();
  r = driver.poll_until([](const json& a) { return a["connected"] == false; });
  CHECK(r["stale"] == true);
  ::usleep(200 * 1000);
  r = driver.ask("reading");
  CHECK(r["stale"] == true);
  CHECK(r["age_s"].get<double>() >= 0.2);
  CHECK(r["status"].contains("battery.charge"));
  CHECK(driver.ask("poll 0.05")["result"] == "disconnected");

  // Replug: reconnected with backoff, fresh data again that matches the simulator.
  host.with([](sim::Simulator& s) { s.set_input_voltage(19); s.step(2); });
  host.replug();
  r = driver.poll_until([](const json& a) { return a["connected"] == true; });
  CHECK(r["stale"] == false);
  CHECK(r["age_s"].get<double>() < 1.0);
  r = driver.ask("reading");
  check_against_sim(r, host);
  CHECK(r["status"]["aups.mains"] == true);
}
