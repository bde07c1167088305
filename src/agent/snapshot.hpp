#pragma once
// The IPC snapshot (docs/ipc.md "Snapshot"): the agent, the source and its freshness, the
// UPS with NUT names, its settings, and the plan.
#include <string>

#include <nlohmann/json.hpp>

#include "core/ups_source.hpp"
#include "policy/plan.hpp"

namespace aups::agent {

struct SourceInfo {
  std::string uri, transport;
  bool simulated = false;
};

nlohmann::json build_snapshot(const SourceInfo& source, const UpsReading& reading, const policy::Plan& plan,
                              double now_s);

}  // namespace aups::agent
