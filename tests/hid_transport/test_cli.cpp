// The real programs: aups-sim --hid-socket serving the AUPS2-A20, read by `aupsctl probe` and
// `aupsctl hid dump` over sim://.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "hid_transport/sim_host.hpp"

namespace {

struct Run {
  int rc;
  std::string out;
};

Run run(const std::string& cmd) {
  Run r{-1, {}};
  FILE* p = ::popen((cmd + " 2>/dev/null").c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  int status = ::pclose(p);
  r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

class SimProcess {
 public:
  explicit SimProcess(const std::string& socket) {
    std::string sim = std::string(AUPS_BIN_DIR) + "/aups-sim";
    pid_ = ::fork();
    REQUIRE(pid_ >= 0);
    if (pid_ == 0) {
      std::freopen("/dev/null", "w", stderr);
      ::execl(sim.c_str(), sim.c_str(), "--hid-socket", socket.c_str(), "--scenario", "none",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    struct stat st;
    for (int i = 0; i < 300 && ::stat(socket.c_str(), &st) != 0; ++i) ::usleep(10000);
  }
  ~SimProcess() {
    ::kill(pid_, SIGTERM);
    ::waitpid(pid_, nullptr, 0);
  }

 private:
  pid_t pid_;
};

}  // namespace

TEST_CASE("cli: aupsctl probe and hid dump read aups-sim's HID socket") {
  std::string socket = aups::test::temp_socket_path("cli");
  SimProcess sim(socket);
  std::string ctl = std::string(AUPS_BIN_DIR) + "/aupsctl";

  Run probe = run(ctl + " probe sim://" + socket + " --json --wait 0.1");
  REQUIRE(probe.rc == 0);
  auto j = nlohmann::json::parse(probe.out);
  CHECK(j["ups.model"] == "AUPS2-A20");
  CHECK(j["ups.status"] == "OL");
  CHECK(j["battery.charge"] == Approx(100));
  CHECK(j["input.voltage"] == Approx(19));
  CHECK(j["aups.source.simulated"] == true);
  CHECK(j["aups.source.transport"] == "sim-hid");
  CHECK(j["ups.beeper.status"] == "enabled");

  Run dump = run(ctl + " hid dump sim://" + socket + " --wait 0.1");
  REQUIRE(dump.rc == 0);
  CHECK(dump.out.find("Report descriptor: (") != std::string::npos);
  CHECK(dump.out.find("Path: UPS.PowerSummary.RemainingCapacity, Type: Feature, ReportID: 0x02, Offset: 0, Size: 8, Value: 100") != std::string::npos);
  CHECK(dump.out.find("Path: UPS.ff000001.ff000015, Type: Feature, ReportID: 0x10, Offset: 8, Size: 16, Value: 60") != std::string::npos);

  CHECK(run(ctl + " probe gopher://x --json").rc == 2);
  CHECK(run(ctl + " probe sim:///nonexistent/x.sock --json").rc == 1);
}
