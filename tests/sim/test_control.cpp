// Operator control of a running simulation: the commands (sim/control.hpp) on a ScenarioRunner,
// and a real aups-sim --control process pushing a mains cut to a HID host at once.
#include <catch2/catch.hpp>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <poll.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.hpp"
#include "hid/hid_source.hpp"
#include "sim/control.hpp"

using namespace aups;
namespace fs = std::filesystem;

TEST_CASE("control commands hold the environment over the scenario until released") {
  // Mains at first, unplugged from t = 5 s.
  auto sc = sim::Scenario::parse(
      "name = \"t\"\n[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = 0\ninput_v = 19.0\nload_w = 10.0\n"
      "[[keyframe]]\nt_s = 5\ninput_v = 0.0\n", "t.toml");
  sim::ScenarioRunner run(sc);
  run.step(1);
  REQUIRE(run.sim().status().mains_present);

  CHECK(sim::apply_control(run, "mains off").ok());
  run.step(0.001);  // one moment is enough to see it
  CHECK_FALSE(run.sim().status().mains_present);
  CHECK(run.sim().input_voltage() == 0.0);

  CHECK(sim::apply_control(run, "load 25").ok());
  CHECK(sim::apply_control(run, "mains on").ok());
  run.step(10);  // past the scenario's own cut: the hold wins
  CHECK(run.sim().status().mains_present);
  CHECK(run.sim().load_w() == 25.0);

  CHECK(sim::apply_control(run, "input 11.5").ok());  // below the 12 V input range
  run.step(0.1);
  CHECK_FALSE(run.sim().status().mains_present);

  CHECK(sim::apply_control(run, "  scenario ").ok());
  run.step(0.1);
  CHECK(run.sim().input_voltage() == 0.0);  // the scenario's value again
  CHECK(run.sim().load_w() == 10.0);
}

TEST_CASE("bad control commands are refused and change nothing") {
  sim::ScenarioRunner run(sim::Scenario::endless());
  CHECK(sim::apply_control(run, "load 7").ok());
  for (const char* bad : {"mains", "mains maybe", "mains off now", "load", "load -3", "load abc", "load nan",
                          "input 12V", "scenario please", "fly", ""}) {
    INFO(bad);
    const auto err = sim::apply_control(run, bad);
    REQUIRE_FALSE(err.ok());
    CHECK_FALSE(err.error().message.empty());
    CHECK(run.held().load_w == 7.0);
    CHECK_FALSE(run.held().input_v);
  }
}

namespace {

int connect_unix(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Sends one command and returns the reply line ("" after 5 s without one).
std::string command(int fd, const std::string& line) {
  const std::string text = line + "\n";
  REQUIRE(::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size()));
  std::string reply;
  char c;
  pollfd p{fd, POLLIN, 0};
  while (::poll(&p, 1, 5000) == 1 && ::recv(fd, &c, 1, 0) == 1 && c != '\n') reply += c;
  return reply;
}

// Polls the host's HID source until the UPS reports mains as wanted; false after limit_s.
bool wait_mains(hid::HidSource& src, bool wanted, double limit_s) {
  SteadyClock clock;
  const double end = clock.now_s() + limit_s;
  while (clock.now_s() < end) {
    src.poll(0.1);
    const auto r = src.reading();
    if (r.connected && r.status.mains_present == wanted) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("aups-sim --control: a mains cut reaches a HID host at once, not at the next simulated second") {
  char tmpl[] = "/tmp/aups-sim-control-XXXXXX";
  const fs::path dir = ::mkdtemp(tmpl);
  const std::string hid = dir / "hid.sock", control = dir / "control.sock";
  const std::string bin = std::string(AUPS_BIN_DIR) + "/aups-sim";
  // --speed 0.01: a simulated second lasts 100 s, so only a prompt step can show the cut in time.
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(bin.c_str(), bin.c_str(), "--scenario", "none", "--speed", "0.01", "--hid-socket", hid.c_str(),
            "--control", control.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  for (int i = 0; i < 250 && !(fs::exists(hid) && fs::exists(control)); ++i) ::usleep(20000);
  REQUIRE(fs::exists(control));

  SteadyClock clock;
  auto made = hid::make_hid_source("sim://" + hid, clock);
  REQUIRE(std::holds_alternative<std::unique_ptr<hid::HidSource>>(made));
  auto src = std::move(std::get<0>(made));
  REQUIRE_FALSE(src->open());
  REQUIRE(wait_mains(*src, true, 5));

  const int fd = connect_unix(control);
  REQUIRE(fd >= 0);
  const double sent = clock.now_s();
  const std::string reply = command(fd, "mains off");
  std::istringstream in(reply);
  std::string word;
  double applied = 0, sim_t = -1;
  in >> word >> applied >> sim_t;
  INFO(reply);
  CHECK(word == "ok");
  CHECK(applied >= sent);  // CLOCK_MONOTONIC, like SteadyClock
  CHECK(applied <= clock.now_s());
  CHECK(sim_t > 0);
  CHECK(sim_t < 1);  // applied by a step within the first simulated second
  CHECK(wait_mains(*src, false, 10));

  CHECK(command(fd, "mains on").rfind("ok ", 0) == 0);
  CHECK(wait_mains(*src, true, 10));
  CHECK(command(fd, "mains sideways").rfind("error ", 0) == 0);

  ::close(fd);
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK_FALSE(fs::exists(control));  // removed on exit
  fs::remove_all(dir);
}
