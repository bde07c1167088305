#pragma once
// The overlay's view of aupsd: requests and a live subscription. The app wires the real IPC
// client (src/ipc); tests use a fake. Both follow docs/ipc.md.
#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace aups::ui {

class AgentLink {
 public:
  struct Handlers {
    std::function<void(const nlohmann::json& snapshot)> on_snapshot;
    std::function<void(const nlohmann::json& event)> on_event;
    std::function<void(bool connected)> on_connection;
  };
  virtual ~AgentLink() = default;
  // One request; the agent's reply object, or {"ok":false,"error":...} when it cannot be reached.
  virtual nlohmann::json request(const nlohmann::json& req) = 0;
  // Starts delivering pushed snapshots and events (on another thread; reconnecting).
  virtual void subscribe(Handlers handlers) = 0;
};

}  // namespace aups::ui
