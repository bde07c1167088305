#include "snmp/ups_mib_export.hpp"

#include "snmp/mib_agent.hpp"
#include "snmp/ups_mib.hpp"
#include "snmp/ups_mib_encode.hpp"

namespace aups::snmp {

std::variant<std::unique_ptr<UpsMibExporter>, std::string> UpsMibExporter::start(const std::string& agentx_socket) {
  MibAgentOptions o;
  o.app_name = "aups";
  o.roots = {std::string(kUpsMib)};  // snmpd keeps its own system group
  o.agentx_socket = agentx_socket;
  auto agent = MibAgent::start_subagent(o);
  if (auto* err = std::get_if<std::string>(&agent)) return "AgentX: " + *err;
  return std::unique_ptr<UpsMibExporter>(new UpsMibExporter(std::move(std::get<std::unique_ptr<MibAgent>>(agent))));
}

UpsMibExporter::UpsMibExporter(std::unique_ptr<MibAgent> agent) : agent_(std::move(agent)) {}
UpsMibExporter::~UpsMibExporter() = default;

void UpsMibExporter::update(const UpsReading& r, double uptime_s) {
  UpsMibDeviceInfo dev;
  dev.uptime_s = uptime_s;
  dev.agent_software = "aups " AUPS_VERSION;
  dev.communications_lost = r.stale;
  dev.dc = false;  // the model has no frequencies: leave them out rather than say 0
  agent_->publish(encode_ups_mib(r.identity, r.status, dev));
}

std::vector<int> UpsMibExporter::fds() const { return agent_->fds(); }
double UpsMibExporter::next_timeout_s() const { return agent_->next_timeout_s(); }
void UpsMibExporter::service() { agent_->service(); }

}  // namespace aups::snmp
