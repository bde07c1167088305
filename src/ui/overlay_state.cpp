#include "ui/overlay_state.hpp"

#include <variant>

#include "core/nut_json.hpp"

namespace aups::ui {
using nlohmann::json;

namespace {
std::optional<double> number(const json& j, const char* key) {
  if (auto it = j.find(key); it != j.end() && it->is_number()) return it->get<double>();
  return std::nullopt;
}
std::string text(const json& j, const char* key, std::string fallback = {}) {
  if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
  return fallback;
}
bool flag(const json& j, const char* key, bool fallback) {
  if (auto it = j.find(key); it != j.end() && it->is_boolean()) return it->get<bool>();
  return fallback;
}
const json* object(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

// Settings from the agent are whole objects; apply them over the defaults with core's parser.
void read_settings(OverlayState& s, const json& j) {
  if (const json* o = object(j, "settings")) {
    auto r = apply_settings_json(s.settings.value_or(UpsSettings{}), *o);
    if (r) s.settings = *r;
  }
  if (const json* o = object(j, "network")) {
    // Partial or not-yet-valid static fields still show; validation is for what we send.
    NetworkSettings n = s.network.value_or(NetworkSettings{});
    n.hostname = text(*o, "aups.net.hostname", n.hostname);
    n.dhcp = flag(*o, "aups.net.dhcp", n.dhcp);
    n.ip = text(*o, "aups.net.ip", n.ip);
    n.netmask = text(*o, "aups.net.netmask", n.netmask);
    n.gateway = text(*o, "aups.net.gateway", n.gateway);
    n.dns = text(*o, "aups.net.dns", n.dns);
    s.network = n;
  }
  if (const json* o = object(j, "policy")) s.policy = *o;
}
}  // namespace

OverlayState apply_snapshot(OverlayState s, const json& snap, double now_s) {
  if (!snap.is_object()) return s;
  s.have_snapshot = true;
  s.agent_reachable = true;
  s.received_s = now_s;
  if (const json* a = object(snap, "agent")) s.agent_version = text(*a, "version", s.agent_version);
  if (const json* src = object(snap, "source")) {
    s.source.uri = text(*src, "uri");
    s.source.transport = text(*src, "transport");
    s.source.simulated = flag(*src, "simulated", false);
    s.source.connected = flag(*src, "connected", false);
    s.source.stale = flag(*src, "stale", false);
    s.source.age_s = number(*src, "age_s");
  }
  if (const json* ups = object(snap, "ups")) {
    s.identity = identity_from_nut_json(*ups);
    s.status = status_from_nut_json(*ups);
  }
  read_settings(s, snap);
  if (const json* p = object(snap, "plan")) {
    PlanView plan;
    plan.state = text(*p, "state", "online");
    plan.action = text(*p, "action", "none");
    plan.reason = text(*p, "reason");
    plan.explanation = text(*p, "explanation");
    plan.action_in_s = number(*p, "action_in_s");
    plan.runtime_to_2pct_s = number(*p, "runtime_to_2pct_s");
    plan.runtime_to_empty_s = number(*p, "runtime_to_empty_s");
    plan.uncertainty_s = number(*p, "uncertainty_s");
    plan.dry_run = flag(*p, "dry_run", false);
    s.plan = plan;
  }
  return s;
}

OverlayState apply_settings_reply(OverlayState s, const json& reply) {
  if (!reply.is_object()) return s;
  read_settings(s, reply);
  s.privileged = flag(reply, "privileged", s.privileged);
  return s;
}

std::optional<EventView> event_from_json(const json& e) {
  if (!e.is_object()) return std::nullopt;
  auto t = number(e, "t");
  if (!t) return std::nullopt;
  return EventView{*t, text(e, "kind"), text(e, "severity", "info"), text(e, "message")};
}

std::vector<EventView> events_from_json(const json& events) {
  std::vector<EventView> out;
  if (!events.is_array()) return out;
  for (auto& e : events)
    if (auto ev = event_from_json(e)) out.push_back(*ev);
  return out;
}

std::vector<HistorySample> history_from_json(const json& samples) {
  std::vector<HistorySample> out;
  if (!samples.is_array()) return out;
  for (auto& j : samples) {
    if (!j.is_object()) continue;
    auto t = number(j, "t");
    if (!t) continue;
    out.push_back({*t, number(j, "charge"), number(j, "load_w"), number(j, "runtime_s"), flag(j, "mains", true)});
  }
  return out;
}

std::optional<double> action_remaining_s(const OverlayState& s, double now_s) {
  if (s.plan.action == "none" || !s.plan.action_in_s) return std::nullopt;
  double left = *s.plan.action_in_s - (now_s - s.received_s);
  return left > 0 ? left : 0.0;
}

bool on_battery(const OverlayState& s) {
  if (!s.have_snapshot || !s.agent_reachable) return false;
  return s.plan.state != "online" || s.status.flags.has(StatusFlag::OB);
}

bool critical(const OverlayState& s, double now_s) {
  if (!s.agent_reachable) return false;
  const auto& st = s.plan.state;
  if (st == "critical" || st == "shutdown_started" || st == "poweroff_armed") return true;
  auto left = action_remaining_s(s, now_s);
  return left && *left <= 60.0;
}

}  // namespace aups::ui
