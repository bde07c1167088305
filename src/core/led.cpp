#include "core/led.hpp"

#include <cmath>

namespace aups {

std::string_view led_name(Led led) {
  switch (led) {
    case Led::Off: return "off";
    case Led::On: return "on";
    case Led::BlinkSlow: return "blink_slow";
    case Led::BlinkFast: return "blink_fast";
  }
  return "off";
}

LedState derive_leds(const UpsStatus& s) {
  LedState leds;
  leds.green = s.mains_present ? Led::On : Led::Off;

  const bool charging = s.flags.has(StatusFlag::CHRG);
  const bool discharging = s.flags.has(StatusFlag::DISCHRG);
  const double charge = s.charge_pct.value_or(0.0);
  // Yellow is off only when the battery neither charges nor feeds the output and is not full
  // (e.g. charging inhibited by temperature, or the pack cut off by a protection).
  if (charging) leds.yellow = Led::BlinkSlow;
  else if (discharging || charge > 94.0) leds.yellow = Led::On;
  else leds.yellow = Led::Off;

  if (!s.charge_pct || s.protections.has(Protection::CellUnderVoltage)) leds.orange = Led::Off;
  else if (charge > 94.0) leds.orange = Led::On;
  else if (charge >= 10.0) leds.orange = Led::BlinkSlow;
  else leds.orange = Led::BlinkFast;
  return leds;
}

bool led_lit(Led led, double t_s) {
  switch (led) {
    case Led::Off: return false;
    case Led::On: return true;
    case Led::BlinkSlow: return std::fmod(t_s, 1.0) < 0.5;
    case Led::BlinkFast: return std::fmod(t_s, 0.25) < 0.125;
  }
  return false;
}

}  // namespace aups
