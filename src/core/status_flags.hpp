#pragma once
// UPS status flags that map 1:1 to NUT's `ups.status` words.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aups {

enum class StatusFlag : std::uint32_t {
  OL = 1u << 0,       // on line (mains present, output fed from it)
  OB = 1u << 1,       // on battery
  LB = 1u << 2,       // low battery
  HB = 1u << 3,       // high battery
  RB = 1u << 4,       // replace battery
  CHRG = 1u << 5,     // charging
  DISCHRG = 1u << 6,  // discharging
  BYPASS = 1u << 7,
  CAL = 1u << 8,
  OFF = 1u << 9,      // output off
  OVER = 1u << 10,    // overload
  TRIM = 1u << 11,
  BOOST = 1u << 12,
  FSD = 1u << 13,     // forced shutdown
  ALARM = 1u << 14,   // an alarm (protection trip) is active
  TEST = 1u << 15,
};

class StatusFlags {
 public:
  constexpr StatusFlags() = default;
  constexpr bool has(StatusFlag f) const { return (bits_ & static_cast<std::uint32_t>(f)) != 0; }
  constexpr void set(StatusFlag f, bool on = true) {
    bits_ = on ? (bits_ | static_cast<std::uint32_t>(f)) : (bits_ & ~static_cast<std::uint32_t>(f));
  }
  constexpr std::uint32_t bits() const { return bits_; }
  constexpr bool operator==(const StatusFlags&) const = default;

  // NUT word list, space separated, in NUT's customary order ("OL CHRG", "OB DISCHRG LB").
  std::string to_string() const;
  // Parses a NUT word list; unknown words make it fail (returns nullopt).
  static std::optional<StatusFlags> parse(std::string_view words);

 private:
  std::uint32_t bits_ = 0;
};

}  // namespace aups
