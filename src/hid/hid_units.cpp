#include "hid/hid_units.hpp"

#include <cmath>

namespace aups::hid {
namespace {
int nibble(std::uint32_t unit, int i) {
  int v = static_cast<int>((unit >> (4 * i)) & 0xF);
  return v >= 8 ? v - 16 : v;  // 4-bit two's complement exponent
}
}  // namespace

double unit_si_factor(std::uint32_t unit) {
  if ((unit & 0xF) != 1) return 1.0;  // only SI linear needs the cm/g correction
  return std::pow(10.0, -2 * nibble(unit, 1) - 3 * nibble(unit, 2));
}

double logical_to_physical(const HidField& f, double logical) {
  bool ranged = (f.physical_min != 0 || f.physical_max != 0) && f.logical_max != f.logical_min;
  if (!ranged) return logical;
  return f.physical_min + (logical - f.logical_min) * double(f.physical_max - f.physical_min) /
                              double(f.logical_max - f.logical_min);
}

double physical_to_logical(const HidField& f, double physical) {
  bool ranged = (f.physical_min != 0 || f.physical_max != 0) && f.physical_max != f.physical_min;
  if (!ranged) return physical;
  return f.logical_min + (physical - f.physical_min) * double(f.logical_max - f.logical_min) /
                             double(f.physical_max - f.physical_min);
}

double logical_to_si_units(const HidField& f, double logical) {
  return logical_to_physical(f, logical) * std::pow(10.0, f.unit_exponent) * unit_si_factor(f.unit);
}

double si_units_to_logical(const HidField& f, double si) {
  return physical_to_logical(f, si / (std::pow(10.0, f.unit_exponent) * unit_si_factor(f.unit)));
}

}  // namespace aups::hid
