// Bit-exact field access. Each access checks the buffer first; values are checked against the
// field's logical range in both directions, so a sentinel or a typo never wraps silently.
#include "hid/report_codec.hpp"

#include <cmath>
#include <numbers>

namespace aups::hid {
namespace {

CodecError fail(std::string message) { return CodecError{std::move(message)}; }

std::uint64_t mask_of(std::uint32_t bits) { return (std::uint64_t{1} << bits) - 1; }

std::optional<CodecError> check_span(std::size_t bytes, std::uint32_t bit_offset, std::uint32_t bit_size) {
  if (bit_size == 0 || bit_size > 32)
    return fail("field size " + std::to_string(bit_size) + " bits is not in 1..32");
  const std::uint64_t need = (std::uint64_t{bit_offset} + bit_size + 7) / 8;
  if (need > bytes)
    return fail("report too short: field needs " + std::to_string(need) + " data bytes, have " +
                std::to_string(bytes));
  return std::nullopt;
}

// The data part of a wire report: after the report-ID byte when the field has a report ID.
template <class Byte>
CodecResult<std::span<Byte>> data_of(std::span<Byte> report, const HidField& f) {
  if (f.report_id == 0) return report;
  if (report.empty()) return fail("empty report, expected report ID " + std::to_string(f.report_id));
  if (report[0] != f.report_id)
    return fail("report ID " + std::to_string(report[0]) + " where " + std::to_string(f.report_id) +
                " was expected");
  return report.subspan(1);
}

std::string range_text(const HidField& f) {
  // Appended piecewise: "[" + std::to_string(...) trips GCC 12's -Wrestrict at -O3 (PR 105329).
  std::string s = "[";
  s += std::to_string(f.logical_min);
  s += ", ";
  s += std::to_string(f.logical_max);
  s += ']';
  return s;
}

std::optional<CodecError> check_range(const HidField& f, std::int64_t logical) {
  if (f.logical_min > f.logical_max) return fail("field has an inverted logical range " + range_text(f));
  if (logical < f.logical_min || logical > f.logical_max)
    return fail("value " + std::to_string(logical) + " outside logical range " + range_text(f));
  return std::nullopt;
}

bool has_physical_range(const HidField& f) {
  return !(f.physical_min == 0 && f.physical_max == 0) && f.physical_min != f.physical_max &&
         f.logical_min != f.logical_max;
}

// HID 1.11, 6.2.2.7: nibble 0 is the system, nibbles 1..6 signed exponents of length, mass,
// time, temperature, current, luminous intensity.
int unit_nibble(std::uint32_t unit, int i) {
  const int v = static_cast<int>((unit >> (4 * i)) & 0xF);
  return v >= 8 ? v - 16 : v;
}

// SI value = physical * factor + offset. Time, current and luminous intensity are SI in every
// system; length, mass and temperature depend on it.
struct SiScale {
  double factor = 1.0;
  double offset = 0.0;
};

SiScale si_scale(const HidField& f) {
  const int length = unit_nibble(f.unit, 1), mass = unit_nibble(f.unit, 2), temp = unit_nibble(f.unit, 4);
  int decade = f.unit_exponent;  // powers of ten stay exact integers until one pow()
  double factor = 1.0, offset = 0.0;
  switch (f.unit & 0xF) {
    case 1:  // SI linear: cm, g
      decade += -2 * length - 3 * mass;
      break;
    case 2:  // SI rotation: rad, g
      decade += -3 * mass;
      break;
    case 3:    // English linear: inch, slug, degF
    case 4: {  // English rotation: degree, slug, degF
      const double per_length = (f.unit & 0xF) == 3 ? 0.0254 : std::numbers::pi / 180.0;
      factor = std::pow(per_length, length) * std::pow(14.59390294, mass) * std::pow(5.0 / 9.0, temp);
      // A plain temperature is a point on the scale, not an interval: degF -> K.
      if ((f.unit & ~0xFu) == 0x00010000u) offset = 459.67 * 5.0 / 9.0;
      break;
    }
    default:  // none, vendor-defined, reserved: the declared value as it is
      break;
  }
  return {factor * std::pow(10.0, decade), offset};
}

}  // namespace

CodecResult<std::uint32_t> read_bits(std::span<const std::uint8_t> data, std::uint32_t bit_offset,
                                     std::uint32_t bit_size) {
  if (auto e = check_span(data.size(), bit_offset, bit_size)) return *e;
  const std::size_t first = bit_offset / 8, shift = bit_offset % 8;
  const std::size_t last = (std::uint64_t{bit_offset} + bit_size - 1) / 8;  // at most first + 4
  std::uint64_t acc = 0;
  for (std::size_t i = first; i <= last; ++i) acc |= std::uint64_t{data[i]} << (8 * (i - first));
  return static_cast<std::uint32_t>((acc >> shift) & mask_of(bit_size));
}

std::optional<CodecError> write_bits(std::span<std::uint8_t> data, std::uint32_t bit_offset,
                                     std::uint32_t bit_size, std::uint32_t raw) {
  if (auto e = check_span(data.size(), bit_offset, bit_size)) return e;
  if (raw > mask_of(bit_size))
    return fail("raw value " + std::to_string(raw) + " does not fit in " + std::to_string(bit_size) + " bits");
  const std::size_t first = bit_offset / 8, shift = bit_offset % 8;
  const std::size_t last = (std::uint64_t{bit_offset} + bit_size - 1) / 8;
  const std::uint64_t mask = mask_of(bit_size) << shift, bits = std::uint64_t{raw} << shift;
  for (std::size_t i = first; i <= last; ++i) {
    const unsigned s = 8 * static_cast<unsigned>(i - first);
    const auto m = static_cast<std::uint8_t>(mask >> s);
    data[i] = static_cast<std::uint8_t>((data[i] & ~m) | ((bits >> s) & m));
  }
  return std::nullopt;
}

CodecResult<std::int64_t> read_logical(std::span<const std::uint8_t> report, const HidField& f) {
  auto data = data_of(report, f);
  if (auto* e = std::get_if<CodecError>(&data)) return *e;
  auto raw = read_bits(std::get<0>(data), f.bit_offset, f.bit_size);
  if (auto* e = std::get_if<CodecError>(&raw)) return *e;
  std::int64_t value = std::get<0>(raw);
  if (f.is_signed() && (value >> (f.bit_size - 1)) & 1) value -= std::int64_t{1} << f.bit_size;
  if (auto e = check_range(f, value)) return *e;
  return value;
}

std::optional<CodecError> write_logical(std::span<std::uint8_t> report, const HidField& f,
                                        std::int64_t logical) {
  if (auto e = check_range(f, logical)) return e;
  if (f.bit_size == 0 || f.bit_size > 32) return check_span(0, 0, f.bit_size);
  const std::int64_t lo = f.is_signed() ? -(std::int64_t{1} << (f.bit_size - 1)) : 0;
  const std::int64_t hi = f.is_signed() ? (std::int64_t{1} << (f.bit_size - 1)) - 1
                                        : static_cast<std::int64_t>(mask_of(f.bit_size));
  if (logical < lo || logical > hi)
    return fail("value " + std::to_string(logical) + " does not fit in " + std::to_string(f.bit_size) +
                (f.is_signed() ? " signed bits" : " bits"));
  auto data = data_of(report, f);
  if (auto* e = std::get_if<CodecError>(&data)) return *e;
  const auto raw = static_cast<std::uint32_t>(static_cast<std::uint64_t>(logical) & mask_of(f.bit_size));
  return write_bits(std::get<0>(data), f.bit_offset, f.bit_size, raw);
}

double logical_to_physical(const HidField& f, std::int64_t logical) {
  if (!has_physical_range(f)) return static_cast<double>(logical);
  return static_cast<double>(f.physical_min) + static_cast<double>(logical - f.logical_min) *
                                                   static_cast<double>(f.physical_max - f.physical_min) /
                                                   static_cast<double>(f.logical_max - f.logical_min);
}

CodecResult<std::int64_t> physical_to_logical(const HidField& f, double physical) {
  if (!std::isfinite(physical)) return fail("value is not a finite number");
  double logical = physical;
  if (has_physical_range(f))
    logical = static_cast<double>(f.logical_min) +
              (physical - static_cast<double>(f.physical_min)) *
                  static_cast<double>(f.logical_max - f.logical_min) /
                  static_cast<double>(f.physical_max - f.physical_min);
  logical = std::round(logical);
  // Compare as doubles first: a huge value must not reach the integer conversion.
  if (!(logical >= static_cast<double>(f.logical_min) && logical <= static_cast<double>(f.logical_max)))
    return fail("value " + std::to_string(physical) + " outside the field's range (logical " + range_text(f) + ")");
  return static_cast<std::int64_t>(logical);
}

double logical_to_si(const HidField& f, std::int64_t logical) {
  const SiScale k = si_scale(f);
  return logical_to_physical(f, logical) * k.factor + k.offset;
}

CodecResult<std::int64_t> si_to_logical(const HidField& f, double si) {
  if (!std::isfinite(si)) return fail("value is not a finite number");
  const SiScale k = si_scale(f);
  auto logical = physical_to_logical(f, (si - k.offset) / k.factor);
  if (std::holds_alternative<CodecError>(logical))  // named in SI, as the caller gave it
    return fail("value " + std::to_string(si) + " outside the field's range (logical " + range_text(f) + ")");
  return logical;
}

CodecResult<double> read_value(std::span<const std::uint8_t> report, const HidField& f) {
  auto logical = read_logical(report, f);
  if (auto* e = std::get_if<CodecError>(&logical)) return *e;
  return logical_to_si(f, std::get<0>(logical));
}

std::optional<CodecError> write_value(std::span<std::uint8_t> report, const HidField& f, double si) {
  auto logical = si_to_logical(f, si);
  if (auto* e = std::get_if<CodecError>(&logical)) return *e;
  return write_logical(report, f, std::get<0>(logical));
}

}  // namespace aups::hid
