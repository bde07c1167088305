#pragma once
// Reading and writing one field element in a report buffer, bit-exact and checked, and the
// one conversion logical -> physical -> SI (unit code and exponent) and back. Out-of-range
// values and short buffers are errors, never wraps or reads past the end.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>

#include "hid/report_descriptor.hpp"

namespace aups::hid {

struct CodecError {
  std::string message;
};
template <class T>
using CodecResult = std::variant<T, CodecError>;

// Raw little-endian bit access in a data buffer (no report-ID byte): `bit_size` 1..32 bits
// starting at `bit_offset`. Errors when the bits do not all lie inside `data`.
CodecResult<std::uint32_t> read_bits(std::span<const std::uint8_t> data, std::uint32_t bit_offset,
                                     std::uint32_t bit_size);
std::optional<CodecError> write_bits(std::span<std::uint8_t> data, std::uint32_t bit_offset,
                                     std::uint32_t bit_size, std::uint32_t raw);

// Report buffers as on the wire: when field.report_id != 0 byte 0 is the report ID (checked)
// and the field's bit_offset counts from byte 1.
//
// The logical value: raw bits, sign-extended when logical_min < 0. A value outside
// [logical_min, logical_max] is returned as an error (e.g. a device's "unknown" sentinel).
CodecResult<std::int64_t> read_logical(std::span<const std::uint8_t> report, const HidField& f);
// Writes a logical value; outside [logical_min, logical_max] is an error and nothing is written.
std::optional<CodecError> write_logical(std::span<std::uint8_t> report, const HidField& f,
                                        std::int64_t logical);

// Physical value: pmin + (logical - lmin) * (pmax - pmin) / (lmax - lmin) when a physical range
// is given (else physical = logical). This is what usbhid-ups calls the value (units = "raw").
double logical_to_physical(const HidField& f, std::int64_t logical);
// The nearest logical value for a physical one; error when it falls outside the logical range.
CodecResult<std::int64_t> physical_to_logical(const HidField& f, double physical);

// HID units (HID 1.11, 6.2.2.7): a unit code is a system nibble and signed exponent nibbles for
// length, mass, time, temperature, current, luminous intensity. The systems are CGS-based
// (SI linear: cm, g, s, K, A, cd), so a volt (cm^2 g s^-3 A^-1, code 0x00F0D121) with unit
// exponent 7 is one volt. SI value = physical * 10^unit_exponent * factor (m, kg, s, K, A, rad;
// V, W, A*s, Hz follow). English systems (inch, slug, degF) convert too; a pure Fahrenheit
// temperature becomes kelvin. No unit, a vendor or reserved system: the factor is 1.
double logical_to_si(const HidField& f, std::int64_t logical);
// The nearest logical value for an SI value; error when it is not finite or falls outside the
// logical range.
CodecResult<std::int64_t> si_to_logical(const HidField& f, double si);

// Unit codes UPSes declare (Power Device Class usage tables, with the exponent for one unit).
inline constexpr std::uint32_t kUnitVolt = 0x00F0D121;          // exponent 7: 1 V
inline constexpr std::uint32_t kUnitWatt = 0x0000D121;          // exponent 7: 1 W (also VA)
inline constexpr std::uint32_t kUnitAmpere = 0x00100001;        // exponent 0: 1 A
inline constexpr std::uint32_t kUnitSecond = 0x00001001;        // exponent 0: 1 s
inline constexpr std::uint32_t kUnitKelvin = 0x00010001;        // exponent 0: 1 K
inline constexpr std::uint32_t kUnitAmpereSecond = 0x00101001;  // exponent 0: 1 A*s (3600 = 1 Ah)
inline constexpr std::uint32_t kUnitHertz = 0x0000F001;         // exponent 0: 1 Hz

// read_logical + logical_to_si, and si_to_logical + write_logical.
CodecResult<double> read_value(std::span<const std::uint8_t> report, const HidField& f);
std::optional<CodecError> write_value(std::span<std::uint8_t> report, const HidField& f, double si);

}  // namespace aups::hid
