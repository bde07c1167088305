#pragma once
// Operator commands on a running simulation (aups-sim --control, docs/sim-control.md): one
// text line each, e.g. "mains off", "mains on", "input 11.5", "load 25", "scenario".
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "sim/scenario.hpp"

namespace aups::sim {

// Applies one command line to the runner's environment holds (effective from its next step).
// Returns an error for people ("unknown command 'x'"), leaving the holds as they were.
Status apply_control(ScenarioRunner& runner, std::string_view line);

}  // namespace aups::sim
