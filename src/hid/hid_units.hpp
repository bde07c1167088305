#pragma once
// HID units (HID 1.11, 6.2.2.7): the unit code's system is CGS-based (SI linear: cm, g, s, K, A),
// so a Volt (g*cm^2/(s^3*A)) with unit exponent 7 is exactly one volt. These helpers turn a
// field's logical value into SI (m, kg, s, K, A, V, W) and back, honouring physical ranges.
#include <cstdint>

#include "hid/report_descriptor.hpp"

namespace aups::hid {

// SI value of one unit of `unit` at exponent 0, e.g. Volt -> 1e-7, Ampere -> 1, cm -> 0.01.
double unit_si_factor(std::uint32_t unit);
// Physical value of a logical one (linear map onto the physical range when there is one).
double logical_to_physical(const HidField& f, double logical);
double physical_to_logical(const HidField& f, double physical);
// physical * 10^unit_exponent * unit_si_factor(unit).
double logical_to_si_units(const HidField& f, double logical);
double si_units_to_logical(const HidField& f, double si);

// Well-known unit codes.
inline constexpr std::uint32_t kUnitVolt = 0x00F0D121;
inline constexpr std::uint32_t kUnitAmpere = 0x00100001;
inline constexpr std::uint32_t kUnitWatt = 0x0000D121;
inline constexpr std::uint32_t kUnitSecond = 0x00001001;
inline constexpr std::uint32_t kUnitKelvin = 0x00010001;
inline constexpr std::uint32_t kUnitAmpereSecond = 0x00101001;

}  // namespace aups::hid
