#pragma once
// The simulated AUPS2-A20's network card: its state as the RFC 1628 UPS-MIB table it serves
// (manual 4.5: read-only, v1/v2c). Pure: no sockets here (see app/aups-sim/endpoint_snmp.cpp).
#include <cstdint>
#include <optional>

#include "snmp/snmp_value.hpp"

namespace aups::sim {

class Simulator;

// What UPS-MIB reports beyond one status snapshot: time on battery and mains losses so far.
class UpsMibCard {
 public:
  void observe(const Simulator& sim);  // after every simulation step
  snmp::SnmpVarbinds table(const Simulator& sim) const;

 private:
  std::optional<double> on_battery_since_s_;
  std::uint32_t input_line_bads_ = 0;
  bool mains_seen_ = false;
  bool had_mains_ = true;
};

}  // namespace aups::sim
