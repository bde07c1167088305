#pragma once
// aupsd's configuration (/etc/aups/aupsd.toml; documented sample in assets/aupsd.toml).
// Parsing is strict: an unknown key or a wrong type is an error naming file:line, so a typo
// never silently turns a safety feature off.
#include <string>
#include <variant>
#include <vector>

#include "policy/policy_config.hpp"

namespace aups::agent {

struct AgentConfig {
  std::string device = "hid://auto";        // hid://auto, hid:///dev/hidrawN, sim://PATH, snmp://...
  bool dry_run = false;                     // decide and record, perform nothing

  std::string socket = "/run/aups/aupsd.sock";
  std::string admin_group = "aups-admin";
  std::string pin_hash;                     // crypto_pwhash_str hash (`aupsd --hash-pin`); empty = no PIN
  int max_clients = 64;

  std::string state_dir = "/var/lib/aups";  // aups.db lives here

  std::vector<std::string> shutdown_command;  // empty: systemd-logind PowerOff
  std::vector<std::string> sleep_command;     // empty: logind HybridSleep when supported, else Suspend
  // When the shutdown (or sleep) does not start: tried in order, [] meaning logind PowerOff.
  std::vector<std::vector<std::string>> shutdown_fallbacks = {{}, {"systemctl", "poweroff"}};
  std::vector<std::string> hooks;             // programs run for every event (AUPS_EVENT=...)
  double hook_timeout_s = 10;
  std::string kill_power_flag = "/run/aups/killpower";

  // UPS-MIB export through the host's snmpd (AgentX subagent). Off by default.
  bool snmp_agentx = false;
  std::string snmp_agentx_socket;           // "" = net-snmp's default master socket (/var/agentx/master)

  policy::PolicyConfig policy;
};

struct ConfigError {
  std::string file;
  int line = 0;  // 0 when not tied to a line
  std::string message;
  std::string to_string() const;  // "file:line: message"
};

std::variant<AgentConfig, ConfigError> parse_config(const std::string& text, const std::string& file_name);
std::variant<AgentConfig, ConfigError> load_config(const std::string& path);

}  // namespace aups::agent
