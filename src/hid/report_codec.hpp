#pragma once
// Reading and writing one field element in a report buffer, bit-exact and checked, and the
// scaling logical -> physical -> SI (unit exponent) and back. Out-of-range values and short
// buffers are errors, never wraps or reads past the end.
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

// Scaling. physical = pmin + (logical - lmin) * (pmax - pmin) / (lmax - lmin) when a physical
// range is given (else physical = logical); SI value = physical * 10^unit_exponent.
double logical_to_si(const HidField& f, std::int64_t logical);
// The nearest logical value for an SI value; error when it falls outside the logical range.
CodecResult<std::int64_t> si_to_logical(const HidField& f, double si);

// read_logical + logical_to_si, and si_to_logical + write_logical.
CodecResult<double> read_value(std::span<const std::uint8_t> report, const HidField& f);
std::optional<CodecError> write_value(std::span<std::uint8_t> report, const HidField& f, double si);

}  // namespace aups::hid
