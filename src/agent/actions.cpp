#include "agent/actions.hpp"

#include <cctype>
#include <chrono>
#include <thread>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.hpp"
#include "platform/atomic_file.hpp"
#include "platform/power.hpp"
#include "platform/process.hpp"

namespace aups::agent {

Worker::Worker(std::size_t max_queue) : max_queue_(max_queue), thread_([this] {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !jobs_.empty(); });
    if (stop_) return;
    auto job = std::move(jobs_.front());
    jobs_.pop_front();
    busy_ = true;
    lock.unlock();
    job();
    lock.lock();
    busy_ = false;
  }
}) {}

Worker::~Worker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Worker::post(std::function<void()> job) {
  {
    std::lock_guard lock(mu_);
    if (jobs_.size() >= max_queue_) jobs_.pop_front();
    jobs_.push_back(std::move(job));
  }
  cv_.notify_one();
}

bool Worker::idle() const {
  std::lock_guard lock(mu_);
  return jobs_.empty() && !busy_;
}

Actions::Actions(ActionsConfig config, Emit emit)
    : dry_run_(config.dry_run), config_(std::move(config)), emit_(std::move(emit)), power_(8) {}

void Actions::set_config(ActionsConfig c) {
  std::lock_guard lock(mu_);
  config_ = std::move(c);
  config_.dry_run = dry_run_;
}
ActionsConfig Actions::config() const {
  std::lock_guard lock(mu_);
  return config_;
}

namespace {
std::string joined(const std::vector<std::string>& argv) {
  std::string s;
  for (auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}
}  // namespace

namespace {
constexpr int kShutdownRounds = 3;      // the whole chain is tried this often
constexpr double kRoundPauseS = 20;     // between rounds: a transient refusal may clear
constexpr double kCommandTimeoutS = 120;

// One way to power off or sleep: a command, or logind when the command is empty.
std::optional<std::string> run_way(const std::vector<std::string>& command, platform::PowerAction action,
                                   const std::string& what) {
  if (command.empty()) {
    if (auto requested = platform::logind_request(action); !requested) return requested.error().message;
    return std::nullopt;
  }
  auto r = platform::run_process(command, {}, kCommandTimeoutS);
  if (!r.started) return r.error;
  if (r.timed_out) return what + " did not finish within 120 s";
  if (r.exit_code != 0) return what + " exited with " + std::to_string(r.exit_code);
  return std::nullopt;
}
std::string name_of(const std::vector<std::string>& command, platform::PowerAction action) {
  return command.empty() ? std::string("systemd-logind ") + platform::power_action_name(action) : joined(command);
}
}  // namespace

std::string Actions::power(bool sleep) {
  const ActionsConfig config = this->config();
  const auto& command = sleep ? config.sleep_command : config.shutdown_command;
  platform::PowerAction action = platform::PowerAction::PowerOff;
  if (command.empty() && sleep)
    // Hybrid sleep writes RAM to disk too, so a flat battery loses nothing. The planner asks for
    // a sleep only where sleep_survives_power_loss(); plain suspend is what a dry run says here.
    action = platform::logind_can(platform::PowerAction::HybridSleep) ? platform::PowerAction::HybridSleep
                                                                      : platform::PowerAction::Suspend;
  const std::string what = name_of(command, action);
  if (config.dry_run) return "dry run: would run " + what;
  power_.post([this, config, command, action, what, sleep] {
    auto failed = [&](const std::string& way, const std::string& err, const std::string& next) {
      if (emit_)
        emit_(Event{unix_time_s(), "action_failed", "critical",
                    std::string(sleep ? "sleep" : "shutdown") + " through " + way + " failed: " + err +
                        (next.empty() ? "" : "; trying " + next),
                    {{"action", way}}});
    };
    auto err = run_way(command, action, what);
    if (!err) return;
    // A sleep that did not start leaves the PC running on a battery whose output-off is armed:
    // shut down instead. A shutdown that did not start is escalated, then tried again.
    std::vector<std::vector<std::string>> chain;
    if (sleep) chain.push_back(config.shutdown_command);
    for (const auto& next : config.shutdown_fallbacks)  // {} is logind
      if (next != config.shutdown_command) chain.push_back(next);
    if (chain.empty()) return failed(what, *err, "");
    std::string way = what;
    for (int round = 0; round < kShutdownRounds; ++round) {
      for (const auto& next : chain) {
        const std::string next_name = name_of(next, platform::PowerAction::PowerOff);
        failed(way, *err, next_name);
        way = next_name;
        err = run_way(next, platform::PowerAction::PowerOff, way);
        if (!err) return;
      }
      if (round + 1 < kShutdownRounds) std::this_thread::sleep_for(std::chrono::duration<double>(kRoundPauseS));
    }
    failed(way, *err, "");
  });
  return what;
}

std::string Actions::shutdown() { return power(false); }
std::string Actions::sleep() { return power(true); }

std::vector<std::pair<std::string, std::string>> hook_environment(const Event& e) {
  std::vector<std::pair<std::string, std::string>> env = {
      {"AUPS_EVENT", e.kind}, {"AUPS_SEVERITY", e.severity}, {"AUPS_MESSAGE", e.message},
      {"AUPS_TIME", std::to_string(e.t)}, {"AUPS_DATA", e.data.dump()}};
  if (e.data.is_object())
    for (auto& [k, v] : e.data.items()) {
      std::string name = "AUPS_";
      for (char c : k) name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_';
      env.emplace_back(name, v.is_string() ? v.get<std::string>() : v.dump());
    }
  return env;
}

void Actions::run_hooks(const Event& e) {
  const ActionsConfig config = this->config();
  if (config.hooks.empty()) return;
  auto env = hook_environment(e);
  if (config.dry_run) env.emplace_back("AUPS_DRY_RUN", "1");
  for (const auto& hook : config.hooks) {
    hooks_.post([this, hook, env, timeout = config.hook_timeout_s, kind = e.kind] {
      auto r = platform::run_process({hook}, env, timeout);
      std::string err = !r.started ? r.error
                        : r.timed_out ? "timed out after " + std::to_string(timeout) + " s and was killed"
                        : r.exit_code != 0 ? "exited with " + std::to_string(r.exit_code) : "";
      if (!err.empty() && emit_ && kind != "hook_failed")
        emit_(Event{unix_time_s(), "hook_failed", "warning", "hook " + hook + " " + err, {{"hook", hook}}});
    });
  }
}

std::optional<std::string> Actions::arm_kill_power(int delay_s, const std::string& device_uri) {
  const ActionsConfig config = this->config();
  if (config.dry_run || config.kill_power_flag.empty()) return std::nullopt;
  const auto slash = config.kill_power_flag.find_last_of('/');
  if (slash != std::string::npos && slash > 0) ::mkdir(config.kill_power_flag.substr(0, slash).c_str(), 0755);
  nlohmann::json flag = {{"delay_s", delay_s}, {"device", device_uri}, {"t", unix_time_s()}};
  if (auto written = platform::write_file_atomically(config.kill_power_flag, flag.dump() + "\n"); !written)
    return written.error().message;
  return std::nullopt;
}

std::optional<std::string> Actions::arm_output_off(const std::function<std::optional<std::string>()>& arm) {
  if (dry_run_) return std::nullopt;
  return arm();
}

bool Actions::sleep_survives_power_loss() const {
  return !config().sleep_command.empty() || platform::logind_can(platform::PowerAction::HybridSleep);
}

void Actions::disarm_kill_power() {
  const ActionsConfig config = this->config();
  if (!config.dry_run && !config.kill_power_flag.empty()) std::remove(config.kill_power_flag.c_str());
}

}  // namespace aups::agent
