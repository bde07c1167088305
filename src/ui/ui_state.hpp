#pragma once
// The overlay's interaction state (what is expanded, staged, typed) and the intents views emit.
// Owned by the UI thread; views mutate it, the controller turns intents into agent requests.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/settings.hpp"

namespace aups::ui {

enum class Presentation { Pill, Banner, Critical, Panel };

// "Change these on the UPS / in the policy" (only changed keys; NUT/aups names).
struct ApplyChanges {
  nlohmann::json settings = nlohmann::json::object();
  nlohmann::json network = nlohmann::json::object();
  nlohmann::json policy = nlohmann::json::object();
  std::string pin;  // empty when privileged
  bool empty() const { return settings.empty() && network.empty() && policy.empty(); }
};
struct Fetch {
  enum What { Settings, History, Events } what;
  double since_s = 0;  // history/events: unix time
};
using Intent = std::variant<ApplyChanges, Fetch>;

// What a frame drew that tests and the touch-size check look for.
struct Target {
  std::string id;
  ImVec2 min, max;
  bool enabled = true;
};
struct FrameTrace {
  std::vector<Target> targets;
  std::vector<std::string> notices;  // state messages drawn ("power protection is not running", ...)
  const Target* find(std::string_view id) const;
  bool has_notice(std::string_view part) const;
};

// A full-page on-screen entry (PIN keypad, hostname keyboard, IPv4 keypad).
struct Editor {
  enum Kind { None, Pin, Hostname, Ipv4 } kind = None;
  std::string field;   // which network field for Ipv4/Hostname
  std::string buffer;
  bool shift = false;
};

struct UiState {
  bool expanded = false;
  std::string tab = "main";  // the panel page shown: its id in pages.hpp
  // Staged changes (nullopt: nothing staged); shown as a diff, then confirmed.
  std::optional<UpsSettings> staged_settings;
  nlohmann::json staged_policy = nlohmann::json::object();
  std::optional<NetworkSettings> staged_network;
  enum class Step { Edit, Review } step = Step::Edit;
  ApplyChanges review;  // what Review shows and Apply sends
  Editor editor;
  // Critical modal: press-and-hold hides it for a while; a tap does nothing.
  double hold_start_s = -1;
  double critical_hidden_until_s = -1;
  double history_span_s = 3600;
  FrameTrace trace;
};

}  // namespace aups::ui
