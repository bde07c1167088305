#pragma once
// The three front-panel LEDs, derived from status exactly as the manual's Table 1-1/1-2 say:
//   green  (power input):    on = DC power in, off = DC power out
//   yellow (charger status): on = discharging (or battery full), blinking = charging
//   orange (battery status): on = battery full (> 94 %), slow blink = 10..94 %, fast blink < 10 %
#include <string_view>

#include "core/model.hpp"

namespace aups {

enum class Led { Off, On, BlinkSlow, BlinkFast };
std::string_view led_name(Led led);  // "off", "on", "blink_slow", "blink_fast"

struct LedState {
  Led green = Led::Off, yellow = Led::Off, orange = Led::Off;
  bool operator==(const LedState&) const = default;
};

LedState derive_leds(const UpsStatus& status);

// Whether an LED is lit at time t (blink: slow 1 Hz, fast 4 Hz, 50 % duty) — for mirrors on screen.
bool led_lit(Led led, double t_s);

}  // namespace aups
