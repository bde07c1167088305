#pragma once
// aupsctl subcommands register themselves here, one file per command group
// (cmd_hid.cpp, cmd_snmp.cpp, cmd_status.cpp, ...), so groups are added without touching main.
#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace aups::ctl {

using CommandSetup = std::function<void(CLI::App& root)>;
std::vector<CommandSetup>& command_registry();

struct RegisterCommand {
  explicit RegisterCommand(CommandSetup setup) { command_registry().push_back(std::move(setup)); }
};

// The process exit code a command callback chose (0 by default).
void set_exit_code(int code);
int exit_code();

}  // namespace aups::ctl
