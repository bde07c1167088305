#include "ui/controller.hpp"

namespace aups::ui {
using nlohmann::json;

json request_for(const Intent& intent) {
  if (auto* a = std::get_if<ApplyChanges>(&intent)) {
    json r{{"cmd", "settings.set"}};
    if (!a->settings.empty()) r["settings"] = a->settings;
    if (!a->network.empty()) r["network"] = a->network;
    if (!a->policy.empty()) r["policy"] = a->policy;
    if (!a->pin.empty()) r["pin"] = a->pin;
    return r;
  }
  const auto& f = std::get<Fetch>(intent);
  switch (f.what) {
    case Fetch::Settings: return json{{"cmd", "settings.get"}};
    case Fetch::History: return json{{"cmd", "history"}, {"since", f.since_s}};
    case Fetch::Events: return json{{"cmd", "events"}, {"limit", 100}};
  }
  return json::object();
}

OverlayController::OverlayController(AgentLink& link, const Clock& clock, std::function<void()> wake)
    : link_(link), clock_(clock), wake_(std::move(wake)) {}

OverlayController::~OverlayController() {
  {
    std::lock_guard lk(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void OverlayController::start(bool worker_thread) {
  if (worker_thread)
    worker_ = std::thread([this] {
      std::unique_lock lk(queue_mu_);
      while (!stopping_) {
        queue_cv_.wait(lk, [this] { return stopping_ || !queue_.empty(); });
        lk.unlock();
        run_pending();
        lk.lock();
      }
    });
  link_.subscribe({[this](const json& s) { on_snapshot(s); }, [this](const json& e) { on_event(e); },
                   [this](bool up) { on_connection(up); }});
  submit({Fetch{Fetch::Settings}});
}

template <class F>
void OverlayController::change(F&& f) {
  {
    std::lock_guard lk(mu_);
    f(state_);
    ++version_;
  }
  if (wake_) wake_();
}

OverlayState OverlayController::state() const {
  std::lock_guard lk(mu_);
  return state_;
}

std::uint64_t OverlayController::version() const {
  std::lock_guard lk(mu_);
  return version_;
}

void OverlayController::submit(const std::vector<Intent>& intents) {
  if (intents.empty()) return;
  for (auto& i : intents)
    if (std::holds_alternative<ApplyChanges>(i)) change([](OverlayState& s) { s.write_pending = true; });
  {
    std::lock_guard lk(queue_mu_);
    queue_.insert(queue_.end(), intents.begin(), intents.end());
  }
  queue_cv_.notify_all();
}

void OverlayController::run_pending() {
  for (;;) {
    Intent next;
    {
      std::lock_guard lk(queue_mu_);
      if (queue_.empty()) return;
      next = queue_.front();
      queue_.pop_front();
    }
    execute(next);
  }
}

void OverlayController::execute(const Intent& intent) {
  json reply = link_.request(request_for(intent));
  bool ok = reply.is_object() && reply.value("ok", false);
  std::string error = reply.is_object() && reply.contains("error") && reply["error"].is_string()
                          ? reply["error"].get<std::string>() : std::string("no reply from aupsd");
  if (std::holds_alternative<ApplyChanges>(intent)) {
    change([&](OverlayState& s) {
      s.write_pending = false;
      if (ok) {
        s = apply_settings_reply(std::move(s), reply);  // the values read back from the UPS
        s.write_error.clear();
      } else {
        s.write_error = error;
      }
    });
    // After a failure, show what the UPS really holds now.
    if (!ok) execute(Fetch{Fetch::Settings});
    return;
  }
  if (!ok) return;  // a failed fetch keeps what is shown
  switch (std::get<Fetch>(intent).what) {
    case Fetch::Settings: change([&](OverlayState& s) { s = apply_settings_reply(std::move(s), reply); }); break;
    case Fetch::History:
      change([&](OverlayState& s) { s.history = history_from_json(reply.value("samples", json::array())); });
      break;
    case Fetch::Events:
      change([&](OverlayState& s) { s.events = events_from_json(reply.value("events", json::array())); });
      break;
  }
}

void OverlayController::on_snapshot(const json& snapshot) {
  double now = clock_.now_s();
  change([&](OverlayState& s) { s = apply_snapshot(std::move(s), snapshot, now); });
}

void OverlayController::on_event(const json& event) {
  auto ev = event_from_json(event);
  if (!ev) return;
  change([&](OverlayState& s) {
    s.events.push_back(*ev);
    if (s.events.size() > 500) s.events.erase(s.events.begin());
  });
}

void OverlayController::on_connection(bool up) {
  change([&](OverlayState& s) { s.agent_reachable = up && s.have_snapshot; });
}

}  // namespace aups::ui
