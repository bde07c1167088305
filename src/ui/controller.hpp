#pragma once
// Between the views and the agent: holds the latest OverlayState (fed by the subscription
// thread), turns intents into agent requests (run off the UI thread), and wakes the UI loop.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "ui/agent_link.hpp"
#include "ui/overlay_state.hpp"
#include "ui/ui_state.hpp"

namespace aups::ui {

// The request an intent becomes (docs/ipc.md); pure.
nlohmann::json request_for(const Intent& intent);

class OverlayController {
 public:
  OverlayController(AgentLink& link, const Clock& clock, std::function<void()> wake = {});
  ~OverlayController();
  OverlayController(const OverlayController&) = delete;
  OverlayController& operator=(const OverlayController&) = delete;

  // Subscribes and fetches settings; with a worker, requests run on their own thread.
  void start(bool worker_thread);

  OverlayState state() const;
  std::uint64_t version() const;  // bumps on every change (the UI redraws when it moves)

  void submit(const std::vector<Intent>& intents);
  // Runs the queued requests now (the worker does this; tests call it directly).
  void run_pending();

  // Subscription callbacks (public so a test can drive them).
  void on_snapshot(const nlohmann::json& snapshot);
  void on_event(const nlohmann::json& event);
  void on_connection(bool up);

 private:
  void execute(const Intent& intent);
  template <class F> void change(F&& f);

  AgentLink& link_;
  const Clock& clock_;
  std::function<void()> wake_;
  mutable std::mutex mu_;
  OverlayState state_;
  std::uint64_t version_ = 0;
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::deque<Intent> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace aups::ui
