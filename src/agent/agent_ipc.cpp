// The agent's IPC requests (docs/ipc.md). Runs on the IPC thread: reads shared state under
// the lock, hands changes to the device thread (the one owner of the UPS) and replies later.
#include "agent/agent.hpp"
#include "core/nut_json.hpp"

namespace aups::agent {
using nlohmann::json;

namespace {

// A number field that must be whole and within range, or absent (default).
std::optional<std::string> get_number(const json& body, const char* key, double lo, double hi, double& out) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) return std::string(key) + " must be a number";
  const double v = it->get<double>();
  if (!(v >= lo && v <= hi)) return std::string(key) + " is out of range";
  out = v;
  return std::nullopt;
}

}  // namespace

json Agent::settings_json() const {
  std::lock_guard lock(state_mu_);
  return {{"settings", reading_.settings ? to_nut_json(*reading_.settings) : json::object()},
          {"network", reading_.network ? to_nut_json(*reading_.network) : json::object()},
          {"policy", policy::to_json(policy_)}};
}

std::optional<json> Agent::handle(const ipc::Request& req, const ipc::ClientInfo& who) {
  const json& id = req.id;
  if (req.cmd == "status" || req.cmd == "subscribe") {
    json snap = snapshot();
    return ipc::ok_reply(id, {{"snapshot", std::move(snap)}});
  }
  if (req.cmd == "plan") {
    json snap = snapshot();
    return ipc::ok_reply(id, {{"plan", snap["plan"]}});
  }
  if (req.cmd == "settings.get") {
    json reply = settings_json();
    std::lock_guard lock(auth_mu_);
    reply["privileged"] = privileged_peer(who.peer, admin_group_).has_value();  // the overlay skips the PIN
    return ipc::ok_reply(id, std::move(reply));
  }
  if (req.cmd == "settings.set") return handle_settings_set(req, who);
  if (req.cmd == "events") return handle_events(req);
  if (req.cmd == "history") return handle_history(req);
  return ipc::error_reply(id, "unknown cmd \"" + req.cmd +
                                  "\" (known: status, subscribe, settings.get, settings.set, events, history, plan)");
}

json Agent::handle_events(const ipc::Request& req) {
  double limit = 100, since = 0;
  if (auto e = get_number(req.body, "limit", 1, 100000, limit)) return ipc::error_reply(req.id, *e);
  if (auto e = get_number(req.body, "since", 0, 1e12, since)) return ipc::error_reply(req.id, *e);
  const auto n = static_cast<std::size_t>(limit);
  std::vector<Event> events = store_ ? store_->events(static_cast<int>(n), since) : std::vector<Event>{};
  // Events the store has not written yet (or could not) come from memory.
  const double newest = events.empty() ? -1 : events.back().t;
  for (const Event& e : recent_events())
    if (e.t >= since && (e.t > newest || !store_)) events.push_back(e);
  if (events.size() > n) events.erase(events.begin(), events.end() - static_cast<std::ptrdiff_t>(n));
  json out = json::array();
  for (const Event& e : events) out.push_back(to_json(e));
  return ipc::ok_reply(req.id, {{"events", std::move(out)}});
}

json Agent::handle_history(const ipc::Request& req) {
  const double now = unix_time_s();
  double since = now - 3600, until = now;
  if (auto e = get_number(req.body, "since", 0, 1e12, since)) return ipc::error_reply(req.id, *e);
  if (auto e = get_number(req.body, "until", 0, 1e12, until)) return ipc::error_reply(req.id, *e);
  Resolution res = auto_resolution(now - since);
  if (auto it = req.body.find("resolution"); it != req.body.end() && !it->is_null() && *it != "auto") {
    auto parsed = it->is_string() ? parse_resolution(it->get<std::string>()) : std::nullopt;
    if (!parsed) return ipc::error_reply(req.id, "resolution must be \"s\", \"min\", \"h\" or \"auto\"");
    res = *parsed;
  }
  if (!store_) return ipc::error_reply(req.id, "no history: the store is unavailable");
  json out = json::array();
  auto opt = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  for (const Sample& s : store_->history(since, until, res))
    out.push_back({{"t", s.t}, {"charge", opt(s.charge_pct)}, {"load_w", opt(s.load_w)},
                   {"runtime_s", opt(s.runtime_s)}, {"mains", s.mains}});
  const char* names[] = {"s", "min", "h"};
  return ipc::ok_reply(req.id, {{"resolution", names[static_cast<int>(res)]}, {"samples", std::move(out)}});
}

std::optional<json> Agent::handle_settings_set(const ipc::Request& req, const ipc::ClientInfo& client) {
  const json& body = req.body;
  for (const char* key : {"settings", "network", "policy"})
    if (body.contains(key) && !body[key].is_object()) return ipc::error_reply(req.id, std::string(key) + " must be an object");
  if (!body.contains("settings") && !body.contains("network") && !body.contains("policy"))
    return ipc::error_reply(req.id, "nothing to change: give settings, network and/or policy");
  if (body.contains("pin") && !body["pin"].is_string()) return ipc::error_reply(req.id, "pin must be a string");

  // Validate first (cheap, and a bad request must not cost a PIN try).
  UpsReading reading;
  policy::PolicyConfig policy;
  {
    std::lock_guard lock(state_mu_);
    reading = reading_;
    policy = policy_;
  }
  std::optional<UpsSettings> new_settings;
  std::optional<NetworkSettings> new_network;
  std::optional<policy::PolicyConfig> new_policy;
  if (body.contains("settings")) {
    if (!reading.settings) return ipc::error_reply(req.id, "the UPS settings are not known yet (is the UPS connected?)");
    auto r = apply_settings_json(*reading.settings, body["settings"]);
    if (!r) return ipc::error_reply(req.id, r.error().message);
    new_settings = *r;
  }
  if (body.contains("network")) {
    if (!reading.network) return ipc::error_reply(req.id, "the UPS network settings are not known yet");
    auto r = apply_network_json(*reading.network, body["network"]);
    if (!r) return ipc::error_reply(req.id, r.error().message);
    new_network = *r;
  }
  if (body.contains("policy")) {
    auto r = policy::apply_policy_json(policy, body["policy"]);
    if (auto* e = std::get_if<SettingError>(&r)) return ipc::error_reply(req.id, "policy." + e->field + ": " + e->message);
    new_policy = std::get<policy::PolicyConfig>(r);
  }

  Authorization auth;
  {
    std::lock_guard lock(auth_mu_);
    auth = authorize(client.peer, admin_group_, body.value("pin", ""), pin_guard_);
  }
  if (!auth.allowed) {
    if (body.contains("pin"))
      emit(Event{unix_time_s(), "pin_failed", "warning", auth.who + ": " + auth.error, {{"who", auth.who}}});
    return ipc::error_reply(req.id, auth.error);
  }

  // The device thread owns the UPS: it writes, reads back, audits and replies.
  const json body_policy = body.value("policy", json::object());
  post([this, id = req.id, client = client.id, who = auth.who, new_settings, new_network, new_policy, reading, policy,
        body_policy] {
    std::string failed;
    auto audit = [&](const char* what, json old_v, json new_v) {
      if (old_v == new_v) return;
      writer_->add_audit(AuditEntry{unix_time_s(), who, what, old_v, new_v});
      emit(Event{unix_time_s(), "settings_changed", "info", who + " changed " + what,
                 {{"who", who}, {"what", what}, {"old", old_v}, {"new", new_v}}});
    };
    auto write = [&](const char* what, auto&& fn, json old_v, json new_v) {
      if (!source_ || !connected_) failed += std::string(what) + ": the UPS is not connected; ";
      else if (auto err = fn()) failed += std::string(what) + ": " + *err + "; ";
      else audit(what, std::move(old_v), std::move(new_v));
    };
    if (new_settings)
      write("settings", [&] { return source_->write_settings(*new_settings); }, to_nut_json(*reading.settings),
            to_nut_json(*new_settings));
    if (new_network)
      write("network", [&] { return source_->write_network(*new_network); }, to_nut_json(*reading.network),
            to_nut_json(*new_network));
    if (new_policy) {
      if (planner_->set_config(*new_policy)) {
        config_.policy = *new_policy;
        for (auto& [k, v] : body_policy.items()) policy_overrides_[k] = v;
        writer_->put(kPolicyOverridesKey, policy_overrides_);  // kept across restarts and reloads
        audit("policy", policy::to_json(policy), policy::to_json(*new_policy));
      } else {
        failed += "policy: refused by the planner; ";
      }
    }
    if (!failed.empty())
      emit(Event{unix_time_s(), "settings_write_failed", "warning", who + ": " + failed, {{"who", who}}});
    evaluate(clock_.now_s());  // read back into the shared state
    json reply = settings_json();
    server_->reply(client, failed.empty() ? ipc::ok_reply(id, reply) : ipc::error_reply(id, "not applied: " + failed));
  });
  return std::nullopt;
}

}  // namespace aups::agent
