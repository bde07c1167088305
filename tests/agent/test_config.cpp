#include <catch2/catch.hpp>

#include "agent/config.hpp"

using namespace aups::agent;

TEST_CASE("The documented sample config is valid", "[config]") {
  auto r = load_config(std::string(AUPS_ASSETS_DIR) + "/aupsd.toml");
  if (auto* e = std::get_if<ConfigError>(&r)) FAIL(e->to_string());
  auto& c = std::get<AgentConfig>(r);
  CHECK(c.device == "hid://auto");
  CHECK(c.socket == "/run/aups/aupsd.sock");
  CHECK(c.state_dir == "/var/lib/aups");
  CHECK_FALSE(c.dry_run);
  CHECK_FALSE(c.snmp_agentx);  // the UPS-MIB export is off by default
  CHECK(c.snmp_agentx_socket.empty());
}

TEST_CASE("Config values are read into the right places", "[config]") {
  auto r = parse_config(R"(device = "sim:///tmp/sim.sock"
dry_run = true
[ipc]
socket = "/tmp/a.sock"
max_clients = 8
[store]
dir = "/tmp/aups"
[actions]
shutdown_command = ["/bin/echo", "off"]
hooks = ["/etc/aups/hook"]
hook_timeout_s = 3
[snmp]
agentx = true
agentx_socket = "tcp:localhost:705"
[policy]
margin_s = 200
)", "t.toml");
  REQUIRE(std::holds_alternative<AgentConfig>(r));
  auto& c = std::get<AgentConfig>(r);
  CHECK(c.device == "sim:///tmp/sim.sock");
  CHECK(c.dry_run);
  CHECK(c.max_clients == 8);
  CHECK(c.shutdown_command == std::vector<std::string>{"/bin/echo", "off"});
  CHECK(c.hook_timeout_s == 3);
  CHECK(c.policy.margin_s == 200);
  CHECK(c.snmp_agentx);
  CHECK(c.snmp_agentx_socket == "tcp:localhost:705");
}

TEST_CASE("Bad configs name file:line and what is wrong", "[config]") {
  auto error_of = [](const std::string& text) {
    auto r = parse_config(text, "bad.toml");
    REQUIRE(std::holds_alternative<ConfigError>(r));
    return std::get<ConfigError>(r).to_string();
  };
  CHECK(error_of("device = \"hid://auto\"\ndevcie = 1\n") == "bad.toml:2: unknown key devcie");
  CHECK(error_of("device = 5\n") == "bad.toml:1: device must be a string");
  CHECK(error_of("[ipc]\n\nmax_clients = 0\n").rfind("bad.toml:3: max_clients must be between", 0) == 0);
  CHECK(error_of("[policy]\nmargin_s = 99999\n").rfind("bad.toml:2: policy.margin_s:", 0) == 0);
  CHECK(error_of("[policy]\nmargin_s = \"soon\"\n").rfind("bad.toml:2: policy.margin_s", 0) == 0);
  CHECK(error_of("[ipc]\npin_hash = \"1234\"\n").find("not the PIN itself") != std::string::npos);
  CHECK(error_of("[actions]\nhooks = \"/x\"\n").find("array of strings") != std::string::npos);
  CHECK(error_of("device = \"x\n").rfind("bad.toml:1:", 0) == 0);  // TOML syntax
  CHECK(error_of("ipc = 3\n").find("must be a table") != std::string::npos);
  CHECK(error_of("[snmp]\nagentx = \"yes\"\n") == "bad.toml:2: agentx must be true or false");
  CHECK(error_of("[snmp]\nagentx_port = 705\n") == "bad.toml:2: unknown key snmp.agentx_port");
  CHECK(error_of("snmp = true\n").find("must be a table") != std::string::npos);
  auto missing = load_config("/nonexistent/aupsd.toml");
  REQUIRE(std::holds_alternative<ConfigError>(missing));
  CHECK(std::get<ConfigError>(missing).to_string().find("/nonexistent/aupsd.toml") == 0);
}
