#pragma once
// Real aups-sim + aupsd processes for end-to-end tests: a temp dir with the sim's HID socket,
// the agent's socket, store and config; helpers to run aupsctl (optionally as nobody).
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <grp.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <nlohmann/json.hpp>

namespace aups::e2e {

inline std::string bin_dir() {
  const char* env = std::getenv("AUPS_BIN_DIR");
  return env && *env ? env : AUPS_BIN_DIR;
}

// A child process, killed (SIGKILL) and reaped when this goes away.
struct Child {
  pid_t pid = -1;
  Child() = default;
  Child(const std::vector<std::string>& argv, const std::string& log) {
    pid = ::fork();
    if (pid == 0) {
      int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      std::vector<char*> args;
      for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
  }
  Child(Child&& o) noexcept : pid(o.pid) { o.pid = -1; }
  Child& operator=(Child&& o) noexcept {
    std::swap(pid, o.pid);
    return *this;
  }
  bool running() const { return pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == 0; }
  void kill(int sig = SIGKILL) {
    if (pid <= 0) return;
    ::kill(pid, sig);
    ::waitpid(pid, nullptr, 0);
    pid = -1;
  }
  ~Child() { kill(); }
};

struct Output {
  int status = -1;
  std::string out;
};

// Runs a program, capturing stdout+stderr; as_uid >= 0 drops to that uid/gid first. The
// checkout may sit where that uid cannot go (e.g. under /root, mode 0700), so the program is
// run from a copy in a world-readable temp dir.
inline Output run(std::vector<std::string> argv, int as_uid = -1) {
  std::string copy_dir;
  if (as_uid >= 0) {
    char tmpl[] = "/tmp/aups-e2e-bin-XXXXXX";
    if (!::mkdtemp(tmpl)) return {};
    copy_dir = tmpl;
    ::chmod(copy_dir.c_str(), 0755);
    std::string copy = copy_dir + "/" + std::filesystem::path(argv[0]).filename().string();
    std::error_code ec;
    std::filesystem::copy_file(argv[0], copy, ec);
    if (ec) return {};
    ::chmod(copy.c_str(), 0755);
    argv[0] = copy;
  }
  struct RemoveCopy {
    std::string dir;
    ~RemoveCopy() { if (!dir.empty()) { std::error_code ec; std::filesystem::remove_all(dir, ec); } }
  } remove_copy{copy_dir};
  int pipefd[2];
  if (::pipe(pipefd) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipefd[1], 1);
    ::dup2(pipefd[1], 2);
    ::close(pipefd[0]);
    if (as_uid >= 0 && (::setgroups(0, nullptr) != 0 || ::setgid(as_uid) != 0 || ::setuid(as_uid) != 0)) ::_exit(126);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipefd[1]);
  Output o;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(pipefd[0], buf, sizeof buf)) > 0) o.out.append(buf, n);
  ::close(pipefd[0]);
  int st = 0;
  ::waitpid(pid, &st, 0);
  o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return o;
}

inline bool wait_for(const std::function<bool()>& done, double seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

struct AgentRig {
  std::string dir;
  Child sim, agent;

  AgentRig() {
    char tmpl[] = "/tmp/aups-e2e-XXXXXX";
    dir = ::mkdtemp(tmpl);
    ::chmod(dir.c_str(), 0755);
  }
  ~AgentRig() {
    agent.kill();
    sim.kill();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string path(const std::string& name) const { return dir + "/" + name; }
  std::string socket() const { return path("aupsd.sock"); }

  // A low battery on a 25 W load; mains lost at sim time lose_at_s and never back.
  void start_sim(double charge_pct, double speed, double lose_at_s = 10, std::vector<std::string> extra = {}) {
    std::ofstream(path("outage.toml")) << "name = \"e2e-outage\"\ndescription = \"low battery, mains lost\"\n"
                                       << "[start]\ncharge_pct = " << charge_pct << "\ncycles = 0\nambient_c = 25\n"
                                       << "[end]\nuntil = \"never\"\n"
                                       << "[[keyframe]]\nt_s = 0\ninput_v = 19.0\nload_w = 25.0\n"
                                       << "[[keyframe]]\nt_s = " << lose_at_s << "\ninput_v = 0.0\n";
    std::vector<std::string> argv = {bin_dir() + "/aups-sim", "--scenario", path("outage.toml"),
                                     "--speed", std::to_string(speed), "--hid-socket", path("sim.sock"),
                                     "--eeprom", path("eeprom.bin"), "--events"};
    argv.insert(argv.end(), extra.begin(), extra.end());  // e.g. --snmp-port N
    sim = Child(argv, path("sim.log"));
    wait_for([&] { return std::filesystem::exists(path("sim.sock")); }, 10);
  }
  // device: the simulator's HID socket unless given (e.g. snmp://public@127.0.0.1:PORT).
  void write_config(const std::string& extra = "", const std::string& policy = "", std::string device = "") {
    if (device.empty()) device = "sim://" + path("sim.sock");
    std::ofstream(path("aupsd.toml")) << "device = \"" << device << "\"\ndry_run = true\n"
                                      << "[ipc]\nsocket = \"" << socket() << "\"\n" << extra << "\n"
                                      << "[store]\ndir = \"" << path("state") << "\"\n"
                                      << "[actions]\nkill_power_flag = \"" << path("killpower") << "\"\n"
                                      << "[policy]\ndebounce_s = 1\n" << policy << "\n";
  }
  void start_agent() {
    agent = Child({bin_dir() + "/aupsd", "--config", path("aupsd.toml")}, path("aupsd.log"));
    wait_for([&] { return std::filesystem::exists(socket()); }, 10);
  }
  Output ctl(std::vector<std::string> args, int as_uid = -1) {
    args.insert(args.begin(), bin_dir() + "/aupsctl");
    args.push_back("--socket");
    args.push_back(socket());
    return run(args, as_uid);
  }
  nlohmann::json status() {
    auto o = ctl({"status", "--json"});
    auto j = nlohmann::json::parse(o.out, nullptr, false);
    return j.is_discarded() ? nlohmann::json() : j;
  }
  nlohmann::json events() {
    auto o = ctl({"events", "--json", "--limit", "1000"});
    auto j = nlohmann::json::parse(o.out, nullptr, false);
    return j.is_discarded() ? nlohmann::json::array() : j;
  }
  int count(const std::string& kind) {
    int n = 0;
    for (auto& e : events()) n += e.value("kind", "") == kind;
    return n;
  }
};

}  // namespace aups::e2e
