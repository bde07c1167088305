#pragma once
// aupsd's UPS-MIB export through the host's snmpd (AgentX subagent, `[snmp] agentx = true`):
// the UPS the agent watches, as the agent reads it, so a site's SNMP monitoring sees every
// kiosk's UPS. The agent stays the one owner of the UPS connection: the device thread only
// hands over its latest reading (a copy under a mutex); net-snmp's socket and timers run on
// this exporter's own thread, so a slow or absent snmpd never delays the device or the plan.
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

#include "core/clock.hpp"
#include "core/ups_source.hpp"

namespace aups::snmp { class UpsMibExporter; }

namespace aups::agent {

class AgentxExport {
 public:
  // Registers UPS-MIB with snmpd's master socket ("" = net-snmp's default, /var/agentx/master)
  // and starts the thread. Must come before any SNMP client use in the process (net-snmp's role
  // is per process); snmpd may start later, net-snmp reconnects by itself.
  static std::variant<std::unique_ptr<AgentxExport>, std::string> start(const std::string& agentx_socket,
                                                                         const Clock& clock);
  ~AgentxExport();
  AgentxExport(const AgentxExport&) = delete;
  AgentxExport& operator=(const AgentxExport&) = delete;

  // Device thread: the reading just evaluated. Never blocks on SNMP.
  void update(const UpsReading& r);

  // A reading not handed over for this long (the device thread is stuck) is shown as
  // communications lost, like stale data.
  static constexpr double kSilentAfterS = 10;

 private:
  AgentxExport(std::unique_ptr<snmp::UpsMibExporter> exporter, const Clock& clock);
  void run();

  std::unique_ptr<snmp::UpsMibExporter> exporter_;
  const Clock& clock_;
  const double started_s_;
  std::mutex mu_;
  std::optional<UpsReading> latest_;
  double latest_t_ = 0;
  std::optional<UpsReading> last_;  // exporter thread only
  std::atomic<bool> stop_{false};
  int wake_[2] = {-1, -1};  // a pipe: update() wakes the thread at once
  std::thread thread_;
};

}  // namespace aups::agent
