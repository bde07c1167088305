#pragma once
// Staged changes as the agent's JSON: only keys whose value differs from what the UPS
// (or the agent) read back. Labels and value texts for the review diff.
#include <string>

#include <nlohmann/json.hpp>

#include "ui/overlay_state.hpp"
#include "ui/ui_state.hpp"

namespace aups::ui {

// Keys of `after` whose values differ from `before`.
nlohmann::json json_diff(const nlohmann::json& before, const nlohmann::json& after);
nlohmann::json settings_diff(const OverlayState& s, const UiState& ui);
nlohmann::json policy_diff(const OverlayState& s, const UiState& ui);
nlohmann::json network_diff(const OverlayState& s, const UiState& ui);

// "Buzzer", "DC output off delay", "Runtime margin", ...; the key itself when unknown.
std::string key_label(const std::string& key);
// "on", "off", "60 s", "15 %", "192.168.1.20", "(empty)".
std::string value_text(const std::string& key, const nlohmann::json& v);

}  // namespace aups::ui
