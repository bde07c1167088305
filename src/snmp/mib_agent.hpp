#pragma once
// Serves a table of SNMP variables read-only through net-snmp's agent library: embedded as a
// master agent on a UDP address (the simulator acting as the AUPS2-A20's network card), or as
// an AgentX subagent of the host's snmpd. Sets are refused (notWritable), as the device does;
// a wrong community gets no answer (net-snmp's VACM, fed one rocommunity line). One agent per
// process (net-snmp is global).
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "snmp/snmp_value.hpp"

namespace aups::snmp {

struct MibAgentOptions {
  std::string app_name = "aups";
  std::vector<std::string> roots;   // subtrees served (e.g. system and UPS-MIB)
  std::string community = "public"; // master agent: the read community (v1/v2c)
  std::string listen;               // master agent: "udp:127.0.0.1:1161"
  std::string agentx_socket;        // subagent: snmpd's AgentX socket ("" = net-snmp default)
};

class MibAgent {
 public:
  static std::variant<std::unique_ptr<MibAgent>, std::string> start_master(MibAgentOptions options);
  static std::variant<std::unique_ptr<MibAgent>, std::string> start_subagent(MibAgentOptions options);
  ~MibAgent();
  MibAgent(const MibAgent&) = delete;
  MibAgent& operator=(const MibAgent&) = delete;

  // Replaces what is served (the next request sees it).
  void publish(SnmpVarbinds table);
  // Sockets to wait on (readable: call service()), and the longest wait before service()
  // must run anyway (net-snmp timers, e.g. AgentX pings), in seconds; < 0 when none.
  std::vector<int> fds() const;
  double next_timeout_s() const;
  // Handles whatever is pending without blocking.
  void service();

  struct Impl;
 private:
  explicit MibAgent(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aups::snmp
