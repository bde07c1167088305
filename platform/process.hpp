#pragma once
// Running helper programs (event hooks, configured shutdown commands) without a shell and
// with a time limit.
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aups::platform {

struct ProcessResult {
  bool started = false;
  bool timed_out = false;   // killed after the timeout
  int exit_code = -1;       // or -signal
  std::string error;        // why it could not start
};

// Runs argv[0] (a path, or looked up in PATH) with extra environment variables, stdin from
// /dev/null, and waits at most timeout_s; then it is killed (SIGTERM, then SIGKILL).
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::pair<std::string, std::string>>& env, double timeout_s);

}  // namespace aups::platform
