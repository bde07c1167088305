#include "agent/snapshot.hpp"

#include <unistd.h>

#include "core/nut_json.hpp"

namespace aups::agent {
using nlohmann::json;

json build_snapshot(const SourceInfo& source, const UpsReading& r, const policy::Plan& plan, double now_s) {
  json ups = json::object();
  if (r.updated_s > 0) {  // nothing known before the first reading: absent, never 0
    ups = to_nut_json(r.identity);
    ups.update(to_nut_json(r.status));
  }
  json snap = {
      {"agent", {{"version", AUPS_VERSION}, {"pid", static_cast<long>(::getpid())}}},
      {"source",
       {{"uri", source.uri},
        {"transport", source.transport},
        {"simulated", source.simulated},
        {"connected", r.connected},
        {"stale", r.stale},
        {"age_s", r.updated_s > 0 ? json(std::max(0.0, now_s - r.updated_s)) : json(nullptr)}}},
      {"ups", ups},
      {"settings", r.settings ? to_nut_json(*r.settings) : json::object()},
      {"network", r.network ? to_nut_json(*r.network) : json::object()},
      {"plan", policy::to_json(plan)}};
  return snap;
}

}  // namespace aups::agent
