// The safety path under faults and hostile input, with real aups-sim + aupsd processes:
// events survive a kill -9 right after their push, broken configs are refused, one local
// user's wrong PINs and held connections never lock out the operator.
#include <catch2/catch.hpp>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "agent_rig.hpp"

using namespace aups::e2e;
using nlohmann::json;

namespace {

// A raw client of aupsd's socket (no aups library: what any client sees).
int connect_to(const std::string& path) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::snprintf(a.sun_path, sizeof a.sun_path, "%s", path.c_str());
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads lines until one contains `needle` (true) or the time is up.
bool read_until(int fd, const std::string& needle, double seconds) {
  std::string got;
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    char buf[65536];
    ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    got.append(buf, static_cast<std::size_t>(n));
    if (got.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("kill -9 right after the mains_lost push: the event is there after the restart", "[e2e][agent]") {
  for (int run = 0; run < 3; ++run) {
    AgentRig rig;
    rig.start_sim(90, 1, 4);  // mains lost 4 s in
    rig.write_config();
    rig.start_agent();
    int fd = connect_to(rig.socket());
    REQUIRE(fd >= 0);
    std::string sub = "{\"cmd\":\"subscribe\",\"id\":1}\n";
    REQUIRE(::send(fd, sub.data(), sub.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(sub.size()));
    REQUIRE(read_until(fd, "\"mains_lost\"", 20));
    rig.agent.kill(SIGKILL);  // at once: the push was the last thing it did
    ::close(fd);
    rig.start_agent();
    INFO("run " << run);
    CHECK(wait_for([&] { return rig.count("mains_lost") == 1; }, 10));
  }
}

TEST_CASE("Config: a directory, an empty file and device URIs the agent cannot use are refused", "[e2e][agent]") {
  AgentRig rig;
  auto check = [&](const std::string& path) { return run({bin_dir() + "/aupsd", "--check-config", "--config", path}); };
  std::filesystem::create_directory(rig.path("conf.d"));
  auto dir = check(rig.path("conf.d"));
  CHECK(dir.status == 2);
  CHECK(dir.out.find("not a regular file") != std::string::npos);
  std::ofstream(rig.path("empty.toml")).flush();
  auto empty = check(rig.path("empty.toml"));
  CHECK(empty.status == 2);
  CHECK(empty.out.find("empty") != std::string::npos);
  for (const char* device : {"garbage://!!", "hid://zzzz:yyyy", "sim://", "snmp://", "no-scheme"}) {
    std::ofstream(rig.path("dev.toml")) << "device = \"" << device << "\"\n";
    auto r = check(rig.path("dev.toml"));
    INFO(device << ": " << r.out);
    CHECK(r.status == 2);
    CHECK(r.out.find("device") != std::string::npos);
  }
  std::ofstream(rig.path("ok.toml")) << "device = \"sim:///run/aups/sim.sock\"\n";
  CHECK(check(rig.path("ok.toml")).status == 0);

  // SIGHUP to a config that became a directory or an empty file keeps everything (the PIN too).
  rig.start_sim(80, 1, 100000);
  rig.write_config("", "margin_s = 7");
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.count("agent_started") == 1; }, 10));
  std::ofstream(rig.path("aupsd.toml"), std::ios::trunc).flush();
  ::kill(rig.agent.pid, SIGHUP);
  REQUIRE(wait_for([&] { return rig.count("config_rejected") == 1; }, 10));
  auto j = json::parse(rig.ctl({"settings", "get", "--json"}).out, nullptr, false);
  REQUIRE(j.is_object());
  CHECK(j["policy"].value("margin_s", -1.0) == 7);
}

TEST_CASE("Local denial: wrong PINs lock out only their user; one user cannot hold every connection", "[e2e][agent]") {
  AgentRig rig;
  rig.start_sim(80, 1, 100000);
  std::ofstream(rig.path("pin.txt")) << "2468\n";
  auto h = run({"/bin/sh", "-c", bin_dir() + "/aupsd --hash-pin < " + rig.path("pin.txt")});
  REQUIRE(h.status == 0);
  rig.write_config("pin_hash = \"" + h.out.substr(0, h.out.find('\n')) + "\"\nadmin_group = \"aups-admin-e2e-none\"");
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.status()["settings"].contains("ups.delay.shutdown"); }, 15));

  const int guesser = 65534, operator_uid = 65533;
  for (const char* pin : {"1111", "2222", "3333"})
    rig.ctl({"settings", "set", "ups.delay.shutdown=70", "--pin", pin}, guesser);
  auto locked = rig.ctl({"settings", "set", "ups.delay.shutdown=70", "--pin", "2468"}, guesser);
  CHECK(locked.status == 1);
  CHECK(locked.out.find("locked out") != std::string::npos);
  auto op = rig.ctl({"settings", "set", "ups.delay.shutdown=80", "--pin", "2468"}, operator_uid);
  INFO(op.out);
  CHECK(op.status == 0);  // the operator with the right PIN is not locked out by someone else

  // One user holds connections: from the 9th on it is refused, and aupsctl says why.
  pid_t holder = ::fork();
  if (holder == 0) {
    if (::setgid(guesser) != 0 || ::setuid(guesser) != 0) ::_exit(1);
    std::vector<int> fds;
    for (int i = 0; i < 20; ++i) fds.push_back(connect_to(rig.socket()));
    ::sleep(4);
    ::_exit(0);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  auto refused = rig.ctl({"status"}, guesser);
  CHECK(refused.status != 0);
  CHECK(refused.out.find("too many connections from uid 65534") != std::string::npos);
  auto other = rig.ctl({"status", "--json"}, operator_uid);
  CHECK(other.status == 0);  // everyone else is still served
  ::kill(holder, SIGKILL);
  ::waitpid(holder, nullptr, 0);
}

TEST_CASE("A bad config at boot: with --safe-defaults-on-error (the service) the agent runs on the defaults and says so", "[e2e][agent]") {
  AgentRig rig;
  std::ofstream(rig.path("bad.toml")) << "device = \"garbage://!!\"\n";
  auto plain = run({bin_dir() + "/aupsd", "--config", rig.path("bad.toml")});
  CHECK(plain.status == 2);  // by hand: a clear error
  // As the service runs it: no restart loop; the defaults' socket is /run/aups/aupsd.sock.
  std::filesystem::create_directories("/run/aups");
  if (std::filesystem::exists("/run/aups/aupsd.sock")) std::filesystem::remove("/run/aups/aupsd.sock");
  Child agent({bin_dir() + "/aupsd", "--safe-defaults-on-error", "--dry-run", "--config", rig.path("bad.toml")},
              rig.path("fallback.log"));
  REQUIRE(wait_for([] { return std::filesystem::exists("/run/aups/aupsd.sock"); }, 10));
  CHECK(agent.running());
  auto events = run({bin_dir() + "/aupsctl", "events", "--json", "--socket", "/run/aups/aupsd.sock"});
  CHECK(events.out.find("config_invalid") != std::string::npos);
  CHECK(events.out.find("safe defaults") != std::string::npos);
  agent.kill(SIGTERM);
}

TEST_CASE("Policy changes made over IPC survive a restart and a reload", "[e2e][agent]") {
  AgentRig rig;
  rig.start_sim(80, 1, 100000);
  rig.write_config("", "margin_s = 150");
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.count("agent_started") == 1; }, 10));
  auto margin = [&] {
    auto j = json::parse(rig.ctl({"settings", "get", "--json"}).out, nullptr, false);
    return j.is_object() ? j["policy"].value("margin_s", -1.0) : -1.0;
  };
  auto set = rig.ctl({"settings", "set", "policy.margin_s=200"});
  INFO(set.out);
  REQUIRE(set.status == 0);
  CHECK(margin() == 200);
  rig.agent.kill(SIGTERM);
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.count("agent_started") == 2; }, 10));
  CHECK(margin() == 200);
  ::kill(rig.agent.pid, SIGHUP);
  REQUIRE(wait_for([&] { return rig.count("config_reloaded") >= 1; }, 10));
  CHECK(wait_for([&] { return margin() == 200; }, 3));
}
