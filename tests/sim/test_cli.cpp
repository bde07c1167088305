// The aups-sim program itself: the CSV contract scripts depend on, and clear scenario errors.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <vector>

namespace {

struct Run {
  int exit_code;
  std::string out;
};

Run run(const std::string& args) {
  const std::string cmd = std::string(AUPS_BIN_DIR) + "/aups-sim " + args;
  Run r{-1, {}};
  FILE* p = ::popen(cmd.c_str(), "r");
  REQUIRE(p);
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  const int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  for (std::string part; std::getline(in, part, sep);) out.push_back(part);
  return out;
}

}  // namespace

TEST_CASE("aups-sim --csv: exact header, one row per simulated second until the output is off") {
  const auto r = run("--scenario long-outage --speed max --csv");
  REQUIRE(r.exit_code == 0);
  const auto lines = split(r.out, '\n');
  REQUIRE(lines.size() > 3600);
  CHECK(lines[0] ==
        "t_s,mains,input_v,output_w,charge_pct,battery_v,battery_a,temp_c,runtime_s,status,"
        "led_green,led_yellow,led_orange");
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = split(lines[i], ',');
    REQUIRE(f.size() == 13);
    REQUIRE(std::stod(f[0]) == static_cast<double>(i - 1));  // t = 0, 1, 2, ...
    REQUIRE((f[1] == "0" || f[1] == "1"));
    for (int led : {10, 11, 12})
      REQUIRE((f[led] == "on" || f[led] == "off" || f[led] == "blink_slow" || f[led] == "blink_fast"));
  }
  const auto last = split(lines.back(), ',');
  CHECK(last[9].find("OFF") != std::string::npos);
  CHECK(split(lines[lines.size() - 2], ',')[9].find("OFF") == std::string::npos);
  const auto first = split(lines[1], ',');
  CHECK(first[9] == "OL");
}

TEST_CASE("aups-sim: a bad scenario file is reported with file, line and field") {
  const std::string path = "/tmp/aups-sim-bad-scenario.toml";
  std::ofstream(path) << "[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = 0\nload_w = -3\n";
  const auto r = run("--scenario " + path + " --speed max --csv 2>&1");
  CHECK(r.exit_code == 2);
  CHECK(r.out.find(path + ":5: keyframe[0].load_w: out of range") != std::string::npos);
  std::remove(path.c_str());
}

TEST_CASE("aups-sim: --charge and --cycles override the scenario start") {
  const auto r = run("--scenario long-outage --speed max --csv --charge 30 --cycles 100");
  REQUIRE(r.exit_code == 0);
  const auto lines = split(r.out, '\n');
  CHECK(split(lines[1], ',')[4] == "30.00");
  CHECK(lines.size() < 2000);  // 30 % of a faded pack lasts well under half an hour at 25 W
}
