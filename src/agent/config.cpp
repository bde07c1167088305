#include "agent/config.hpp"

#include <cerrno>
#include <cstring>
#include <set>
#include <sys/stat.h>
#include <toml++/toml.h>

#include "platform/atomic_file.hpp"

namespace aups::agent {
using nlohmann::json;

std::string ConfigError::to_string() const {
  return line > 0 ? file + ":" + std::to_string(line) + ": " + message : file + ": " + message;
}

namespace {

struct Reader {
  const std::string& file;
  std::optional<ConfigError> error;

  int line_of(const toml::node& n) const { return static_cast<int>(n.source().begin.line); }
  void fail(const toml::node& n, std::string msg) {
    if (!error) error = ConfigError{file, line_of(n), std::move(msg)};
  }

  void get(const toml::table& t, const char* key, std::string& out) {
    if (auto* n = t.get(key)) {
      if (auto v = n->value<std::string>()) out = *v;
      else fail(*n, std::string(key) + " must be a string");
    }
  }
  void get(const toml::table& t, const char* key, bool& out) {
    if (auto* n = t.get(key)) {
      if (auto v = n->value_exact<bool>()) out = *v;
      else fail(*n, std::string(key) + " must be true or false");
    }
  }
  void get(const toml::table& t, const char* key, double& out, double lo, double hi) {
    if (auto* n = t.get(key)) {
      auto v = n->value<double>();
      if (!v) fail(*n, std::string(key) + " must be a number");
      else if (*v < lo || *v > hi) fail(*n, std::string(key) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
      else out = *v;
    }
  }
  void get(const toml::table& t, const char* key, std::vector<std::string>& out) {
    auto* n = t.get(key);
    if (!n) return;
    auto* arr = n->as_array();
    if (!arr) return fail(*n, std::string(key) + " must be an array of strings, e.g. [\"/usr/bin/prog\", \"arg\"]");
    out.clear();
    for (auto& el : *arr) {
      if (auto v = el.value<std::string>()) out.push_back(*v);
      else return fail(el, std::string(key) + " must contain only strings");
    }
  }
  void get(const toml::table& t, const char* key, std::vector<std::vector<std::string>>& out) {
    auto* n = t.get(key);
    if (!n) return;
    auto* arr = n->as_array();
    if (!arr) return fail(*n, std::string(key) + " must be an array of commands, e.g. [[], [\"/usr/bin/prog\", \"arg\"]]");
    out.clear();
    for (auto& el : *arr) {
      auto* cmd = el.as_array();
      if (!cmd) return fail(el, std::string(key) + " must contain only commands (arrays of strings)");
      std::vector<std::string> argv;
      for (auto& a : *cmd) {
        if (auto v = a.value<std::string>()) argv.push_back(*v);
        else return fail(a, std::string(key) + " commands must contain only strings");
      }
      out.push_back(std::move(argv));
    }
  }
  // Keys we do not know are typos: refuse them.
  void only(const toml::table& t, std::set<std::string> known, const std::string& where) {
    for (auto& [k, v] : t)
      if (!known.count(std::string(k.str())))
        fail(v, "unknown key " + where + std::string(k.str()));
  }
};

json toml_to_json(const toml::node& n) {
  if (auto t = n.as_table()) {
    json j = json::object();
    for (auto& [k, v] : *t) j[std::string(k.str())] = toml_to_json(v);
    return j;
  }
  if (auto a = n.as_array()) {
    json j = json::array();
    for (auto& v : *a) j.push_back(toml_to_json(v));
    return j;
  }
  if (auto v = n.value_exact<bool>()) return *v;
  if (auto v = n.value_exact<int64_t>()) return *v;
  if (auto v = n.value_exact<double>()) return *v;
  if (auto v = n.value_exact<std::string>()) return *v;
  return nullptr;
}

}  // namespace

std::variant<AgentConfig, ConfigError> parse_config(const std::string& text, const std::string& file) {
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    return ConfigError{file, static_cast<int>(e.source().begin.line), std::string(e.description())};
  }
  AgentConfig c;
  Reader r{file, std::nullopt};
  r.only(root, {"device", "dry_run", "ipc", "store", "actions", "snmp", "policy"}, "");
  r.get(root, "device", c.device);
  r.get(root, "dry_run", c.dry_run);
  if (auto* t = root["ipc"].as_table()) {
    r.only(*t, {"socket", "admin_group", "pin_hash", "max_clients"}, "ipc.");
    r.get(*t, "socket", c.socket);
    r.get(*t, "admin_group", c.admin_group);
    r.get(*t, "pin_hash", c.pin_hash);
    double max_clients = c.max_clients;
    r.get(*t, "max_clients", max_clients, 1, 10000);
    c.max_clients = static_cast<int>(max_clients);
    if (!c.pin_hash.empty() && c.pin_hash.rfind("$argon2", 0) != 0)
      r.fail(*t->get("pin_hash"), "ipc.pin_hash must be a hash from `aupsd --hash-pin`, not the PIN itself");
  }
  if (auto* t = root["store"].as_table()) {
    r.only(*t, {"dir"}, "store.");
    r.get(*t, "dir", c.state_dir);
  }
  if (auto* t = root["actions"].as_table()) {
    r.only(*t, {"shutdown_command", "sleep_command", "shutdown_fallbacks", "hooks", "hook_timeout_s", "kill_power_flag"},
           "actions.");
    r.get(*t, "shutdown_command", c.shutdown_command);
    r.get(*t, "shutdown_fallbacks", c.shutdown_fallbacks);
    r.get(*t, "sleep_command", c.sleep_command);
    r.get(*t, "hooks", c.hooks);
    r.get(*t, "hook_timeout_s", c.hook_timeout_s, 0.1, 600);
    r.get(*t, "kill_power_flag", c.kill_power_flag);
  }
  if (auto* t = root["snmp"].as_table()) {
    r.only(*t, {"agentx", "agentx_socket"}, "snmp.");
    r.get(*t, "agentx", c.snmp_agentx);
    r.get(*t, "agentx_socket", c.snmp_agentx_socket);
  }
  if (auto* t = root["policy"].as_table()) {
    auto applied = policy::apply_policy_json(c.policy, toml_to_json(*t));
    if (auto* err = std::get_if<SettingError>(&applied)) {
      const toml::node* at = t->get(err->field);
      r.fail(at ? *at : static_cast<const toml::node&>(*t), "policy." + err->field + ": " + err->message);
    } else {
      c.policy = std::get<policy::PolicyConfig>(applied);
    }
  }
  for (const char* section : {"ipc", "store", "actions", "snmp", "policy"})
    if (auto* n = root.get(section); n && !n->is_table()) r.fail(*n, std::string(section) + " must be a table ([" + section + "])");
  if (c.device.empty() && !r.error) r.error = ConfigError{file, 0, "device must not be empty"};
  if (r.error) return *r.error;
  return c;
}

std::variant<AgentConfig, ConfigError> load_config(const std::string& path) {
  // Only a regular file with something in it: a directory or an empty file would otherwise
  // read as "all defaults" and silently drop the PIN and the policy on a reload.
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return ConfigError{path, 0, std::string("cannot read: ") + std::strerror(errno)};
  if (S_ISDIR(st.st_mode)) return ConfigError{path, 0, "is a directory (not a regular file)"};
  if (!S_ISREG(st.st_mode)) return ConfigError{path, 0, "not a regular file"};
  std::string error;
  auto text = platform::read_file(path, &error);
  if (!text) return ConfigError{path, 0, error};
  if (text->find_first_not_of(" \t\r\n") == std::string::npos)
    return ConfigError{path, 0, "the file is empty (write device = \"...\" at least; see assets/aupsd.toml)"};
  return parse_config(*text, path);
}

}  // namespace aups::agent
