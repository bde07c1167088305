#pragma once
// The smart battery's protection circuit (manual Table 1-3): each protection sets when its
// measurement crosses the threshold for its whole delay, opens a FET, and resets at its release
// point. The rules are data (kProtectionRules); this unit only times and applies them.
#include <array>
#include <optional>
#include <vector>

#include "core/model.hpp"

namespace aups::sim {

// What the protection circuit measures each step.
struct PackReading {
  double max_cell_v = 0, min_cell_v = 0;  // terminal voltage per cell
  double charge_a = 0;                    // current into the pack (>= 0)
  double discharge_a = 0;                 // current out of the pack (>= 0)
  double demand_a = 0;                    // what the load would draw (also while cut off)
  double temp_c = 25;
  bool charger_present = false;           // DC input in range: the pack is in charge mode
};

enum class Measure { MaxCellV, MinCellV, ChargeA, DischargeA, DemandA, TempC };
enum class Fet { Charge, Discharge };

struct ProtectionRule {
  Protection which;
  Measure set_measure;
  bool set_when_above;    // >= threshold (else <=)
  double set_threshold;
  double delay_s;         // middle of the manual's range
  Measure release_measure;
  bool release_when_above;  // >= release (else <)
  double release_value;
  enum class Mode { Any, ChargerPresent, ChargerAbsent } mode;  // when the rule is armed
  enum class Also { Nothing, ChargerConnected, ChargerRemoved } also_releases;
  Fet opens;
};

extern const std::array<ProtectionRule, 6> kProtectionRules;

struct ProtectionChange {
  Protection which;
  bool tripped;  // true = trip, false = release
};

class ProtectionUnit {
 public:
  // Advances the timers; returns the trips and releases of this step.
  std::vector<ProtectionChange> update(const PackReading& r, double dt_s);
  ProtectionTrips trips() const { return trips_; }
  bool fet_on(Fet fet) const;

 private:
  ProtectionTrips trips_;
  std::array<double, 6> held_s_{};
};

}  // namespace aups::sim
