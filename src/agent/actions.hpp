#pragma once
// What the agent does to the machine: power off, sleep, run event hooks, arm kill-power.
// Nothing here blocks the caller: power actions and hooks run on their own worker threads,
// hooks with a timeout, so a hung hook never delays a shutdown. In dry-run mode every action
// only says what it would do (the agent records that as an event).
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "agent/event.hpp"

namespace aups::agent {

struct ActionsConfig {
  bool dry_run = false;  // taken at construction only: a dry run stays one whatever set_config says
  std::vector<std::string> shutdown_command;  // empty: logind PowerOff
  std::vector<std::string> sleep_command;     // empty: logind HybridSleep, else Suspend
  std::vector<std::string> hooks;
  double hook_timeout_s = 10;
  std::string kill_power_flag;
  // Tried in order when the shutdown (or a sleep) did not start, {} meaning logind; the chain is
  // retried a few times. The agent's default: logind, then systemctl poweroff. Empty here, so
  // that a test powers nothing off.
  std::vector<std::vector<std::string>> shutdown_fallbacks;
};

// Runs jobs in order on one thread; a bounded queue (oldest dropped when full).
class Worker {
 public:
  explicit Worker(std::size_t max_queue = 256);
  ~Worker();  // finishes the running job, drops the rest
  void post(std::function<void()> job);
  bool idle() const;

 private:
  std::size_t max_queue_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  bool stop_ = false, busy_ = false;
  std::thread thread_;
};

class Actions {
 public:
  using Emit = std::function<void(Event)>;  // for action failures (called from a worker thread)
  Actions(ActionsConfig config, Emit emit);

  // Starts the OS shutdown / sleep; returns at once with a description of what it does
  // (or would do, in dry-run): "systemd-logind PowerOff", "/usr/local/bin/off now".
  std::string shutdown();
  std::string sleep();
  // Runs every hook with the event as AUPS_* environment variables.
  void run_hooks(const Event& e);
  // The flag the systemd-shutdown hook looks for. Returns an error, or nullopt.
  std::optional<std::string> arm_kill_power(int delay_s, const std::string& device_uri);
  void disarm_kill_power();
  // Tells the UPS to switch its output off after a delay (before a sleep), through `arm`, the
  // device owner's call. In a dry run `arm` is never called. Returns arm's error, or nullopt.
  std::optional<std::string> arm_output_off(const std::function<std::optional<std::string>()>& arm);
  // A sleep here survives the UPS cutting power: a configured sleep command (its owner's word),
  // or logind's hybrid sleep. Plain suspend does not: RAM loses power with the battery.
  bool sleep_survives_power_loss() const;

  bool dry_run() const { return dry_run_; }
  void set_config(ActionsConfig c);  // on reload; dry_run is kept as started
  bool idle() const { return power_.idle() && hooks_.idle(); }

 private:
  std::string power(bool sleep);
  ActionsConfig config() const;
  const bool dry_run_;
  mutable std::mutex mu_;
  ActionsConfig config_;
  Emit emit_;
  Worker power_, hooks_;
};

// AUPS_EVENT, AUPS_SEVERITY, AUPS_MESSAGE, AUPS_TIME, AUPS_DATA (JSON), AUPS_<KEY> per data field.
std::vector<std::pair<std::string, std::string>> hook_environment(const Event& e);

}  // namespace aups::agent
