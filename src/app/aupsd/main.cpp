// aupsd: the shutdown agent. Owns the UPS connection, plans and performs the shutdown,
// serves status and settings over a Unix socket (docs/ipc.md). See assets/aupsd.toml.
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "agent/agent.hpp"
#include "platform/atomic_file.hpp"
#include "platform/service_notify.hpp"

namespace {
using namespace aups;

std::optional<agent::AgentConfig> load_or_say(const std::string& path, bool dry_run) {
  auto loaded = agent::load_config(path);
  if (auto* err = std::get_if<agent::ConfigError>(&loaded)) {
    std::fprintf(stderr, "aupsd: bad config: %s\n", err->to_string().c_str());
    return std::nullopt;
  }
  auto c = std::get<agent::AgentConfig>(loaded);
  // The device URI through the same parser the agent uses: a typo is caught here, not by a
  // "comm lost" that never ends.
  std::string uri_error;
  if (!agent::open_ups_source(c.device, &uri_error)) {
    std::fprintf(stderr, "aupsd: bad config: %s: device \"%s\": %s\n", path.c_str(), c.device.c_str(), uri_error.c_str());
    return std::nullopt;
  }
  if (dry_run) c.dry_run = true;
  return c;
}

// Late in the OS shutdown (systemd-shutdown hook): tell the UPS to switch its output off
// after its delay, so the PC starts again when mains returns. Only when the agent armed it.
int kill_power(const agent::AgentConfig& c) {
  std::string error;
  auto flag = platform::read_file(c.kill_power_flag, &error);
  if (!flag) {
    std::printf("aupsd: kill-power not armed (%s)\n", c.kill_power_flag.c_str());
    return 0;
  }
  auto j = nlohmann::json::parse(*flag, nullptr, false);
  const int delay = j.is_object() ? j.value("delay_s", 60) : 60;
  auto source = agent::open_ups_source(c.device, &error);
  if (!source) return std::fprintf(stderr, "aupsd: kill-power: %s\n", error.c_str()), 1;
  if (auto err = source->open()) return std::fprintf(stderr, "aupsd: kill-power: %s\n", err->c_str()), 1;
  if (auto err = source->shutdown_output_after(delay))
    return std::fprintf(stderr, "aupsd: kill-power: %s\n", err->c_str()), 1;
  std::printf("aupsd: UPS output switches off in %d s\n", delay);
  return 0;
}

int hash_pin_from_stdin() {
  std::string pin;
  std::getline(std::cin, pin);
  if (pin.size() < 4) return std::fprintf(stderr, "aupsd: a PIN needs at least 4 characters\n"), 2;
  auto hash = agent::hash_pin(pin);
  if (!hash) return std::fprintf(stderr, "aupsd: cannot hash the PIN (libsodium)\n"), 1;
  std::printf("%s\n", hash->c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"aupsd - the aups shutdown agent"};
  std::string config_path = "/etc/aups/aupsd.toml";
  bool dry_run = false, check = false, do_kill_power = false, do_hash = false, safe_defaults = false;
  app.add_option("--config", config_path, "configuration file (TOML)");
  app.add_flag("--dry-run", dry_run, "decide and record every action as an event, perform none");
  app.add_flag("--check-config", check, "validate the configuration and exit");
  app.add_flag("--safe-defaults-on-error", safe_defaults,
               "with a bad config, run on the safe defaults (hid://auto, default policy, no PIN) and say so, "
               "rather than exit (the service does: a restart loop would leave the PC unprotected)");
  app.add_flag("--kill-power", do_kill_power, "systemd-shutdown hook: switch the UPS output off after its delay if armed");
  app.add_flag("--hash-pin", do_hash, "read a kiosk PIN on stdin, print the hash for ipc.pin_hash");
  app.set_version_flag("--version", AUPS_VERSION);
  CLI11_PARSE(app, argc, argv);

  if (do_hash) return hash_pin_from_stdin();
  auto config = load_or_say(config_path, dry_run);
  const bool on_safe_defaults = !config && safe_defaults && !check && !do_kill_power;
  if (on_safe_defaults) {
    config = agent::AgentConfig{};  // documented in assets/aupsd.toml: the defaults protect the PC
    config->dry_run = dry_run;
    std::fprintf(stderr, "aupsd: running on the safe defaults (device %s) until %s is fixed\n",
                 config->device.c_str(), config_path.c_str());
  }
  if (!config) return 2;
  if (check) return std::printf("aupsd: %s is valid\n", config_path.c_str()), 0;
  if (do_kill_power) return kill_power(*config);

  // Signals are taken synchronously by this thread; every other thread blocks them.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  SteadyClock clock;
  agent::Agent agent(*config, agent::open_ups_source, clock);
  if (auto err = agent.start()) {
    std::fprintf(stderr, "aupsd: %s\n", err->c_str());
    return 1;
  }
  if (on_safe_defaults)
    agent.emit({unix_time_s(), "config_invalid", "critical",
                config_path + " is not a valid configuration: running on the safe defaults (device " + config->device +
                    ", default policy, no PIN); fix it and restart aupsd",
                {{"file", config_path}}});
  platform::notify_ready("watching " + config->device);
  for (;;) {
    timespec tick{1, 0};
    int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGTERM || sig == SIGINT) break;
    if (sig != SIGHUP) continue;
    platform::notify_reloading();
    auto loaded = agent::load_config(config_path);
    if (auto* err = std::get_if<agent::ConfigError>(&loaded)) {
      agent.emit({unix_time_s(), "config_rejected", "warning",
                  "reload refused, keeping the old config: " + err->to_string(), {{"file", config_path}}});
    } else {
      std::string notes = agent.reload(std::get<agent::AgentConfig>(loaded));
      agent.emit({unix_time_s(), "config_reloaded", "info",
                  "configuration reloaded" + (notes.empty() ? std::string() : " (" + notes + ")"), {{"file", config_path}}});
    }
    platform::notify_ready("watching " + config->device);
  }
  platform::notify_stopping();
  agent.stop();
  return 0;
}
