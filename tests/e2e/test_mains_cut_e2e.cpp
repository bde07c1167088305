// A mains cut commanded on aups-sim's control socket (docs/sim-control.md) reaches aupsd's status
// promptly: the simulator steps and pushes its HID Input reports at once, and aupsd forwards them.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cstring>

#include "agent_rig.hpp"

using namespace aups::e2e;
using nlohmann::json;

namespace {

// Sends one control command; returns the reply line ("" on failure).
std::string control(const std::string& path, const std::string& line) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
  std::string reply;
  const std::string text = line + "\n";
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, text.data(), text.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(text.size())) {
    pollfd p{fd, POLLIN, 0};
    char c;
    while (::poll(&p, 1, 5000) == 1 && ::recv(fd, &c, 1, 0) == 1 && c != '\n') reply += c;
  }
  ::close(fd);
  return reply;
}

}  // namespace

TEST_CASE("A mains cut on aups-sim --control shows in aupsd's status at once, not at the next simulated second",
          "[e2e][agent]") {
  AgentRig rig;
  // --speed 0.01: a simulated second lasts 100 s, so only prompt stepping and forwarding pass.
  rig.sim = Child({bin_dir() + "/aups-sim", "--scenario", "none", "--speed", "0.01", "--hid-socket",
                   rig.path("sim.sock"), "--control", rig.path("control.sock")},
                  rig.path("sim.log"));
  REQUIRE(wait_for([&] { return std::filesystem::exists(rig.path("control.sock")); }, 10));
  rig.write_config();
  rig.start_agent();
  auto flags = [&] {
    json s = rig.status();
    return s.value("source", json()).value("connected", false) ? s["ups"].value("ups.status", "") : "";
  };
  auto shows = [&](const char* flag) { return flags().find(flag) != std::string::npos; };
  REQUIRE(wait_for([&] { return shows("OL"); }, 15));

  CHECK(control(rig.path("control.sock"), "mains off").rfind("ok ", 0) == 0);
  CHECK(wait_for([&] { return shows("OB"); }, 10));
  CHECK(wait_for([&] { return rig.count("mains_lost") == 1; }, 5));

  CHECK(control(rig.path("control.sock"), "mains on").rfind("ok ", 0) == 0);
  CHECK(wait_for([&] { return shows("OL"); }, 10));
  CHECK(wait_for([&] { return rig.count("mains_restored") == 1; }, 5));
}
