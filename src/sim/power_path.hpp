#pragma once
// The DC-DC converter that boosts the pack (5.5-8.4 V) to the 12 V output.

namespace aups::sim {

// Losses: a fixed part plus conduction losses; about 90 % efficient at 25 W, 89 % at 50 W,
// 78 % at 2 W (typical of a small synchronous boost converter).
inline double boost_loss_w(double out_w) {
  if (out_w <= 0) return 0;
  return 0.4 + 0.08 * out_w + 0.0006 * out_w * out_w;
}

// The UPS's own electronics (controller, LEDs, and the Ethernet PHY when LAN is enabled): fed
// from the input on mains and from the pack on battery, also while the DC output is off.
inline constexpr double kControllerW = 0.6;
inline constexpr double kLanW = 0.4;

}  // namespace aups::sim
