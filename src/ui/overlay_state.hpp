#pragma once
// What the overlay shows, built from the agent's JSON (docs/ipc.md) by pure functions.
// Views read only this; nothing here does I/O.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace aups::ui {

struct PlanView {
  std::string state = "online";  // online|on_battery|warning|critical|shutdown_started|poweroff_armed
  std::string action = "none";   // none|sleep|shutdown
  std::string reason, explanation;
  std::optional<double> action_in_s, runtime_to_2pct_s, runtime_to_empty_s, uncertainty_s;
  bool dry_run = false;
};

struct SourceView {
  std::string uri, transport;
  bool simulated = false, connected = false, stale = false;
  std::optional<double> age_s;
};

struct HistorySample {
  double t = 0;
  std::optional<double> charge, load_w, runtime_s;
  bool mains = true;
};

struct EventView {
  double t = 0;
  std::string kind, severity, message;
};

struct OverlayState {
  bool agent_reachable = false;  // false: "power protection is not running"
  bool have_snapshot = false;
  std::string agent_version;
  SourceView source;
  UpsIdentity identity;
  UpsStatus status;
  std::optional<UpsSettings> settings;       // as read back from the UPS
  std::optional<NetworkSettings> network;
  nlohmann::json policy = nlohmann::json::object();  // the agent's policy (settings.get)
  bool privileged = false;                   // the agent says changes need no PIN
  PlanView plan;
  double received_s = 0;                     // Clock time the snapshot arrived (for countdowns)
  std::vector<HistorySample> history;
  std::vector<EventView> events;             // newest last
  std::string write_error;                   // last settings.set failure; UPS kept its old values
  bool write_pending = false;
};

// Applies a snapshot object (the `snapshot` of a status/subscribe reply) on top of base.
// Missing parts keep base's values; wrong types are ignored (never throws).
OverlayState apply_snapshot(OverlayState base, const nlohmann::json& snapshot, double now_s);
// Applies a settings.get / settings.set reply (`settings`, `network`, `policy`, `privileged`).
OverlayState apply_settings_reply(OverlayState base, const nlohmann::json& reply);
std::vector<HistorySample> history_from_json(const nlohmann::json& samples);
std::vector<EventView> events_from_json(const nlohmann::json& events);
std::optional<EventView> event_from_json(const nlohmann::json& event);

// Seconds until the planned action at now_s (counting down from the snapshot's action_in_s).
std::optional<double> action_remaining_s(const OverlayState& s, double now_s);
bool on_battery(const OverlayState& s);
// In the last minute before the OS shutdown (or shutting down already).
bool critical(const OverlayState& s, double now_s);

}  // namespace aups::ui
