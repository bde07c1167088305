#pragma once
// States to render without an agent: the built-in simulator samples (for --screenshot and
// tests) and state files (assets/ui/*.json).
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "ui/overlay_state.hpp"

namespace aups::ui {

// "online", "on_battery" or "critical": a simulated AUPS2-A20 (the watermark shows), with
// history and events ending at unix_s.
nlohmann::json sample_state_json(std::string_view kind, double unix_s);

// A state file: {"snapshot": {...}, "agent_reachable", "privileged", "policy", "history",
// "events", "write_error"} (all optional), or a bare snapshot. History/event times that are
// <= 0 are relative to unix_s.
OverlayState state_from_json(const nlohmann::json& j, double now_s, double unix_s);
Result<OverlayState> load_state_file(const std::string& path, double now_s, double unix_s);

}  // namespace aups::ui
