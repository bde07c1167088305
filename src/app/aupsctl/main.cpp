// aupsctl: the command line for aups (status, events, settings, HID/SNMP diagnostics).
#include "app/aupsctl/command.hpp"

namespace aups::ctl {
namespace {
int g_exit_code = 0;
}
std::vector<CommandSetup>& command_registry() {
  static std::vector<CommandSetup> registry;
  return registry;
}
void set_exit_code(int code) { g_exit_code = code; }
int exit_code() { return g_exit_code; }
}  // namespace aups::ctl

int main(int argc, char** argv) {
  CLI::App app{"aupsctl - status, events, settings and diagnostics for aups"};
  app.require_subcommand(1);
  app.set_version_flag("--version", AUPS_VERSION);
  for (auto& setup : aups::ctl::command_registry()) setup(app);
  CLI11_PARSE(app, argc, argv);
  return aups::ctl::exit_code();
}
