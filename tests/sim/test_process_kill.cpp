// A real aups-sim process: settings written by a host through the HID endpoint survive the
// simulator being killed with SIGKILL right after the write is confirmed.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

#include "core/clock.hpp"
#include "hid/hid_source.hpp"
#include "sim/simulator.hpp"
#include "sim_test_util.hpp"

using namespace aups;
namespace fs = std::filesystem;

namespace {

pid_t start_sim(const std::string& eeprom, const std::string& socket) {
  const std::string bin = std::string(AUPS_BIN_DIR) + "/aups-sim";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl(bin.c_str(), bin.c_str(), "--scenario", "none", "--speed", "1", "--eeprom", eeprom.c_str(),
            "--hid-socket", socket.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  return pid;
}

void kill9(pid_t pid) {
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
}

}  // namespace

TEST_CASE("aups-sim killed with SIGKILL keeps settings written over HID") {
  char tmpl[] = "/tmp/aups-sim-proc-XXXXXX";
  const fs::path dir = ::mkdtemp(tmpl);
  const std::string eeprom = dir / "eeprom", socket = dir / "hid.sock";
  const pid_t pid = start_sim(eeprom, socket);
  REQUIRE(pid > 0);
  for (int i = 0; i < 200 && !fs::exists(socket); ++i) ::usleep(20000);
  REQUIRE(fs::exists(socket));

  SteadyClock clock;
  auto made = hid::make_hid_source("sim://" + socket, clock);
  REQUIRE(std::holds_alternative<std::unique_ptr<hid::HidSource>>(made));
  auto src = std::move(std::get<0>(made));
  const auto open_err = src->open();
  INFO(open_err.value_or(""));
  REQUIRE_FALSE(open_err);

  UpsSettings wanted;
  wanted.buzzer = false;
  wanted.sleep_at_5pct = false;
  wanted.dc_output_off_delay_s = 90;
  const auto write_err = src->write_settings(wanted);  // written, read back and verified
  INFO(write_err.value_or(""));
  REQUIRE_FALSE(write_err);
  kill9(pid);  // no chance to flush or clean up

  sim::Simulator after(sim::test::Cfg().eeprom(eeprom));
  CHECK_FALSE(sim::test::has_event(after.take_events(), sim::SimEventKind::EepromReset));
  CHECK(after.settings() == wanted);
  fs::remove_all(dir);
}
