#pragma once
// The AUPS2-A20's figures, from the manual (Tables 1-2 and 1-3, section 4.4.1) — device
// knowledge as data. Where the manual gives a range, the middle is used (noted).
#include "core/model.hpp"

namespace aups::sim::spec {

inline UpsIdentity identity() {
  return {"IEI Integration Corp.", "AUPS2-A20", "1.0.7", "AUPS2", "SBZ1V101-23B477"};
}

// Battery pack (Table 1-2, 1-3): 2S2P Li-ion.
inline constexpr int kCellsInSeries = 2;
inline constexpr int kCellsInParallel = 2;
inline constexpr double kDesignCapacityAh = 5.0;
inline constexpr double kNominalV = 7.4;
inline constexpr double kEndOfDischargeV = 5.5;
inline constexpr double kChargeV = 8.4;
inline constexpr double kChargeCurrentA = 2.5;
inline constexpr double kContinuousDischargeA = 7.5;
inline constexpr double kPeakDischargeA = 9.36;       // for < 5 s
inline constexpr double kPeakDurationS = 5.0;
inline constexpr double kCapacityAfter300Cycles = 0.73;  // "300 cycles > 70 %": linear fade
inline constexpr double kChargeMinC = 0.0, kChargeMaxC = 40.0;  // pack operating temperature

// Power path (Table 1-2).
inline constexpr double kMinInputV = 12.0, kMaxInputV = 24.0;
inline constexpr double kOutputV = 12.0;
inline constexpr double kMaxOutputW = 50.0;

// Firmware thresholds (manual 4.4.3.6/4.4.3.7, Table 1-1/1-2).
inline constexpr double kSleepPct = 5.0;
inline constexpr double kShutdownPct = 2.0;
inline constexpr double kLowBatteryPct = 10.0;  // orange fast blink: "low battery"

}  // namespace aups::sim::spec
