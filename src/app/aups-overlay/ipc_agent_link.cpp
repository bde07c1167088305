// The real agent link: ipc::Client for requests, ipc::Subscription for the live feed.
#include <memory>
#include <mutex>

#include "app/aups-overlay/ipc_agent_link.hpp"

namespace aups::overlay {
using nlohmann::json;

IpcAgentLink::IpcAgentLink(std::string socket_path) : path_(std::move(socket_path)) {}
IpcAgentLink::~IpcAgentLink() { stop(); }

json IpcAgentLink::request(const json& req) {
  std::lock_guard lk(mu_);
  if (!client_.connected())
    if (auto connected = client_.connect(path_, 2.0); !connected)
      return json{{"ok", false}, {"error", connected.error().message}};
  ipc::CallResult r = client_.request(req, 5.0);
  if (!r.reply.is_object()) return json{{"ok", false}, {"error", r.message()}};
  return r.reply;
}

void IpcAgentLink::subscribe(Handlers h) {
  std::lock_guard lk(mu_);
  sub_ = std::make_unique<ipc::Subscription>(
      path_, ipc::Subscription::Handlers{h.on_snapshot, h.on_event,
                                         [cb = h.on_connection](bool up, const std::string&) {
                                           if (cb) cb(up);
                                         }},
      1.0);
}

void IpcAgentLink::stop() {
  std::unique_ptr<ipc::Subscription> sub;
  {
    std::lock_guard lk(mu_);
    sub = std::move(sub_);
  }
  sub.reset();  // joins its thread: no callback runs after this
}

}  // namespace aups::overlay
