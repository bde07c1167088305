// aupsd figures (issue 5 part 10):
//  - InputToPush: time from a UPS Input report reaching the agent's source to the pushed IPC
//    snapshot arriving at a subscriber (in-process agent, real Unix socket, real JSON).
//  - AgentProcess/idle and /on_battery: RSS and CPU of the real aupsd process watching the
//    real aups-sim over its HID socket (mains present / on battery), sampled over 5 s.
#include <benchmark/benchmark.h>

#include <condition_variable>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "agent/agent.hpp"
#include "ipc/client.hpp"

namespace {
using namespace aups;

// A source that wakes the agent the moment the bench "sends" an Input report.
class PushSource final : public UpsSource {
 public:
  std::mutex mu;
  std::condition_variable cv;
  UpsReading r;
  bool news = false;
  std::string uri() const override { return "bench://push"; }
  std::string transport() const override { return "bench"; }
  bool simulated() const override { return true; }
  std::optional<std::string> open() override { return std::nullopt; }
  PollResult poll(double timeout_s) override {
    std::unique_lock lock(mu);
    if (!cv.wait_for(lock, std::chrono::duration<double>(timeout_s), [&] { return news; })) return PollResult::Timeout;
    news = false;
    return PollResult::Updated;
  }
  UpsReading reading() const override {
    std::lock_guard lock(const_cast<std::mutex&>(mu));
    return r;
  }
  void report(double charge) {
    {
      std::lock_guard lock(mu);
      r.status.charge_pct = charge;
      r.updated_s = SteadyClock().now_s();
      news = true;
    }
    cv.notify_one();
  }
  std::optional<std::string> write_settings(const UpsSettings&) override { return std::nullopt; }
  std::optional<std::string> write_network(const NetworkSettings&) override { return std::nullopt; }
  std::optional<std::string> shutdown_output_after(int) override { return std::nullopt; }
};

std::string temp_dir() {
  char tmpl[] = "/tmp/aups-bench-XXXXXX";
  return ::mkdtemp(tmpl);
}

void InputToPush(benchmark::State& state) {
  const std::string dir = temp_dir();
  auto* source = new PushSource;
  source->r.connected = true;
  source->r.stale = false;
  source->r.status.mains_present = true;
  source->r.status.flags.set(StatusFlag::OL);
  source->r.status.charge_pct = 50;
  agent::AgentConfig config;
  config.socket = dir + "/a.sock";
  config.state_dir = dir;
  config.dry_run = true;
  SteadyClock clock;
  agent::Agent agent(config, [&](const std::string&, std::string*) { return std::unique_ptr<UpsSource>(source); }, clock);
  if (agent.start()) return state.SkipWithError("agent did not start");

  std::mutex mu;
  std::condition_variable cv;
  double seen_charge = -1;
  ipc::Subscription sub(config.socket, {.on_snapshot = [&](const nlohmann::json& s) {
                                          std::lock_guard lock(mu);
                                          seen_charge = s["ups"].value("battery.charge", -1.0);
                                          cv.notify_all();
                                        },
                                        .on_event = {},
                                        .on_connection = {}});
  while (!sub.connected()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  double charge = 50;
  for (auto _ : state) {
    charge = charge >= 90 ? 50 : charge + 0.5;
    const auto t0 = std::chrono::steady_clock::now();
    source->report(charge);
    std::unique_lock lock(mu);
    cv.wait_for(lock, std::chrono::seconds(2), [&] { return seen_charge == charge; });
    state.SetIterationTime(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  agent.stop();
  std::system(("rm -rf " + dir).c_str());
}
BENCHMARK(InputToPush)->UseManualTime()->Unit(benchmark::kMicrosecond)->Iterations(300);

// Real processes. AUPS_BIN_DIR (or the build's bin/) holds aups-sim and aupsd.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* f = std::fopen(log.c_str(), "w");
    if (f) ::dup2(fileno(f), 1), ::dup2(fileno(f), 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// CPU time of every thread, in ns resolution (task/*/schedstat; /proc/PID/stat counts 10 ms ticks).
double cpu_seconds(pid_t pid) {
  double total = 0;
  std::error_code ec;
  for (auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream in(task.path() / "schedstat");
    double ns = 0;
    if (in >> ns) total += ns;
  }
  return total / 1e9;
}

double rss_mib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

void AgentProcess(benchmark::State& state, bool on_battery) {
  const char* env = std::getenv("AUPS_BIN_DIR");
  const std::string bin = env && *env ? env : AUPS_BIN_DIR;
  const std::string dir = temp_dir();
  std::ofstream(dir + "/s.toml") << "name = \"bench\"\ndescription = \"bench\"\n[start]\ncharge_pct = 90\ncycles = 0\n"
                                    "ambient_c = 25\n[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = 0\ninput_v = "
                                 << (on_battery ? "0.0" : "19.0") << "\nload_w = 15.0\n";
  std::ofstream(dir + "/a.toml") << "device = \"sim://" << dir << "/sim.sock\"\ndry_run = true\n[ipc]\nsocket = \""
                                 << dir << "/a.sock\"\n[store]\ndir = \"" << dir << "\"\n";
  pid_t sim = spawn({bin + "/aups-sim", "--scenario", dir + "/s.toml", "--hid-socket", dir + "/sim.sock"}, dir + "/sim.log");
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  pid_t agent = spawn({bin + "/aupsd", "--config", dir + "/a.toml"}, dir + "/aupsd.log");
  std::this_thread::sleep_for(std::chrono::seconds(2));  // start-up and first reads are not "idle"
  double cpu = 0, rss = 0, wall = 0;
  for (auto _ : state) {
    const double c0 = cpu_seconds(agent);
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(5));
    cpu = cpu_seconds(agent) - c0;
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rss = rss_mib(agent);
  }
  state.counters["cpu_pct"] = 100.0 * cpu / wall;
  state.counters["rss_MiB"] = rss;
  for (pid_t p : {agent, sim}) ::kill(p, SIGTERM), ::waitpid(p, nullptr, 0);
  std::system(("rm -rf " + dir).c_str());
}
BENCHMARK_CAPTURE(AgentProcess, idle, false)->Iterations(1)->Unit(benchmark::kSecond);
BENCHMARK_CAPTURE(AgentProcess, on_battery, true)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace

BENCHMARK_MAIN();
