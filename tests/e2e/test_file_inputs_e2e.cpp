// Files the programs read from the command line (issue 13, finding 5): an empty file, a
// directory and an endless device are each a clear error with a non-zero exit, never a
// silent success or a hang. `timeout` bounds each run (exit 124 = it hung).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

#include "agent_rig.hpp"

namespace {
using aups::e2e::bin_dir;

aups::e2e::Output run_bounded(const std::string& program, std::vector<std::string> args) {
  std::vector<std::string> argv{"/usr/bin/timeout", "-s", "KILL", "30", bin_dir() + "/" + program};
  argv.insert(argv.end(), args.begin(), args.end());
  return aups::e2e::run(argv);
}

struct Inputs {
  std::string dir, empty, blank;
  Inputs() {
    dir = (std::filesystem::temp_directory_path() / ("aups-file-inputs-" + std::to_string(::getpid()))).string();
    std::filesystem::create_directories(dir + "/a-directory");
    empty = dir + "/empty";
    blank = dir + "/blank";
    std::ofstream(empty).flush();
    std::ofstream(blank) << "  \n\t\n";
  }
  ~Inputs() { std::error_code ec; std::filesystem::remove_all(dir, ec); }
};

void check_refused(const aups::e2e::Output& o, const std::string& says) {
  INFO(o.out);
  CHECK(o.status != 124);  // did not hang
  CHECK(o.status != 0);
  CHECK(o.out.find(says) != std::string::npos);
}

}  // namespace

TEST_CASE("aupsctl hid parse refuses an empty file, a directory and an endless device", "[e2e][files]") {
  Inputs in;
  check_refused(run_bounded("aupsctl", {"hid", "parse", in.empty}), "is empty");
  check_refused(run_bounded("aupsctl", {"hid", "parse", in.blank}), "is empty");
  check_refused(run_bounded("aupsctl", {"hid", "parse", in.dir + "/a-directory"}), "is a directory");
  check_refused(run_bounded("aupsctl", {"hid", "parse", "/dev/zero", "--json"}), "larger than");
  check_refused(run_bounded("aupsctl", {"hid", "parse", in.dir + "/missing"}), "cannot open");
}

TEST_CASE("aupsctl snmp decode refuses a directory and an endless device", "[e2e][files]") {
  Inputs in;
  check_refused(run_bounded("aupsctl", {"snmp", "decode", in.dir + "/a-directory"}), "is a directory");
  check_refused(run_bounded("aupsctl", {"snmp", "decode", "/dev/zero"}), "larger than");
}

TEST_CASE("aupsd --check-config refuses a directory and an endless device as its config", "[e2e][files]") {
  Inputs in;
  check_refused(run_bounded("aupsd", {"--check-config", "--config", in.dir + "/a-directory"}), "is a directory");
  check_refused(run_bounded("aupsd", {"--check-config", "--config", "/dev/zero"}), "not a regular file");
}

TEST_CASE("aups-sim refuses a directory and an endless device as its scenario file", "[e2e][files]") {
  Inputs in;
  std::filesystem::create_directories(in.dir + "/dir.toml");
  check_refused(run_bounded("aups-sim", {"--scenario", in.dir + "/dir.toml", "--speed", "max"}), "is a directory");
  check_refused(run_bounded("aups-sim", {"--scenario", "/dev/zero", "--speed", "max"}), "larger than");
}
