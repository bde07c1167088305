#include "sim/protection.hpp"

namespace aups::sim {

using Mode = ProtectionRule::Mode;
using Also = ProtectionRule::Also;

// Manual Table 1-3. Delays are the middle of the given ranges (2~4 s -> 3 s, 5~7 s -> 6 s).
// The manual prints UVP's set as ">= 2.55 V"; an under-voltage sets at or below it.
// The over-current protections have no voltage release point: like common protection ICs,
// discharge OCP resets when the load goes away or a charger is connected, charge OCP when the
// charger is removed.
const std::array<ProtectionRule, 6> kProtectionRules{{
    {Protection::CellOverVoltage, Measure::MaxCellV, true, 4.24, 3.0,
     Measure::MaxCellV, false, 4.10, Mode::Any, Also::Nothing, Fet::Charge},
    {Protection::CellUnderVoltage, Measure::MinCellV, false, 2.55, 3.0,
     Measure::MinCellV, true, 2.75, Mode::Any, Also::Nothing, Fet::Discharge},
    {Protection::DischargeOverCurrent, Measure::DischargeA, true, 10.04, 6.0,
     Measure::DemandA, false, 10.04, Mode::Any, Also::ChargerConnected, Fet::Discharge},
    {Protection::ChargeOverCurrent, Measure::ChargeA, true, 5.2, 3.0,
     Measure::ChargeA, false, -1.0, Mode::Any, Also::ChargerRemoved, Fet::Charge},
    {Protection::ChargeOverTemperature, Measure::TempC, true, 60.0, 3.0,
     Measure::TempC, false, 45.0, Mode::ChargerPresent, Also::Nothing, Fet::Charge},
    {Protection::DischargeOverTemperature, Measure::TempC, true, 70.0, 3.0,
     Measure::TempC, false, 60.0, Mode::ChargerAbsent, Also::Nothing, Fet::Discharge},
}};

namespace {

double measure(const PackReading& r, Measure m) {
  switch (m) {
    case Measure::MaxCellV: return r.max_cell_v;
    case Measure::MinCellV: return r.min_cell_v;
    case Measure::ChargeA: return r.charge_a;
    case Measure::DischargeA: return r.discharge_a;
    case Measure::DemandA: return r.demand_a;
    case Measure::TempC: return r.temp_c;
  }
  return 0;
}

bool armed(const ProtectionRule& rule, const PackReading& r) {
  switch (rule.mode) {
    case Mode::Any: return true;
    case Mode::ChargerPresent: return r.charger_present;
    case Mode::ChargerAbsent: return !r.charger_present;
  }
  return true;
}

bool released(const ProtectionRule& rule, const PackReading& r) {
  if (rule.also_releases == Also::ChargerConnected && r.charger_present) return true;
  if (rule.also_releases == Also::ChargerRemoved && !r.charger_present) return true;
  const double v = measure(r, rule.release_measure);
  return rule.release_when_above ? v >= rule.release_value : v < rule.release_value;
}

}  // namespace

std::vector<ProtectionChange> ProtectionUnit::update(const PackReading& r, double dt_s) {
  std::vector<ProtectionChange> changes;
  for (std::size_t i = 0; i < kProtectionRules.size(); ++i) {
    const auto& rule = kProtectionRules[i];
    if (trips_.has(rule.which)) {
      if (released(rule, r)) {
        trips_.set(rule.which, false);
        changes.push_back({rule.which, false});
      }
      continue;
    }
    const double v = measure(r, rule.set_measure);
    const bool over = rule.set_when_above ? v >= rule.set_threshold : v <= rule.set_threshold;
    held_s_[i] = (over && armed(rule, r)) ? held_s_[i] + dt_s : 0.0;
    if (held_s_[i] >= rule.delay_s - 1e-9) {
      held_s_[i] = 0;
      trips_.set(rule.which, true);
      changes.push_back({rule.which, true});
    }
  }
  return changes;
}

bool ProtectionUnit::fet_on(Fet fet) const {
  for (const auto& rule : kProtectionRules)
    if (rule.opens == fet && trips_.has(rule.which)) return false;
  return true;
}

}  // namespace aups::sim
