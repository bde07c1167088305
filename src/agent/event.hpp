#pragma once
// An agent event (docs/ipc.md "Event"): what happened, when (Unix time), how bad, and why.
#include <string>

#include <nlohmann/json.hpp>

namespace aups::agent {

struct Event {
  double t = 0;               // Unix seconds
  std::string kind;           // mains_lost, shutdown_started, settings_changed, ...
  std::string severity = "info";  // info | warning | critical
  std::string message;
  nlohmann::json data = nlohmann::json::object();
};

inline nlohmann::json to_json(const Event& e) {
  return {{"t", e.t}, {"kind", e.kind}, {"severity", e.severity}, {"message", e.message}, {"data", e.data}};
}

inline Event event_from_json(const nlohmann::json& j) {
  Event e;
  e.t = j.value("t", 0.0);
  e.kind = j.value("kind", "");
  e.severity = j.value("severity", "info");
  e.message = j.value("message", "");
  if (j.contains("data")) e.data = j["data"];
  return e;
}

}  // namespace aups::agent
