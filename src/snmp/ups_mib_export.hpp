#pragma once
// "Beyond the vendor": the UPS aups watches, exported as UPS-MIB through the host's snmpd as
// an AgentX subagent, so a site's existing SNMP monitoring sees every kiosk's UPS. Off by
// default; its owner (aupsd's agent::AgentxExport) feeds it readings and services its fds.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/ups_source.hpp"

namespace aups::snmp {

class MibAgent;

class UpsMibExporter {
 public:
  // agentx_socket: snmpd's master socket ("" = net-snmp's default, /var/agentx/master).
  // net-snmp reconnects by itself when snmpd starts later or restarts.
  static std::variant<std::unique_ptr<UpsMibExporter>, std::string> start(const std::string& agentx_socket);
  ~UpsMibExporter();

  // Publishes the reading; stale data stays visible with upsAlarmCommunicationsLost set.
  void update(const UpsReading& r, double uptime_s);
  std::vector<int> fds() const;
  double next_timeout_s() const;
  void service();

 private:
  explicit UpsMibExporter(std::unique_ptr<MibAgent> agent);
  std::unique_ptr<MibAgent> agent_;
};

}  // namespace aups::snmp
