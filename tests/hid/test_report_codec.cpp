// The report codec against an independent bit-by-bit model, plus sign extension, scaling and
// the errors that keep a bad value from wrapping.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "hid/report_codec.hpp"

using namespace aups::hid;
using Bytes = std::vector<std::uint8_t>;

namespace {

// Reference: read bit by bit, little-endian, as the HID spec defines it.
std::uint64_t slow_read(const Bytes& d, std::uint32_t off, std::uint32_t size) {
  std::uint64_t v = 0;
  for (std::uint32_t i = 0; i < size; ++i) v |= std::uint64_t{(d[(off + i) / 8] >> ((off + i) % 8)) & 1u} << i;
  return v;
}

HidField field(std::uint32_t offset, std::uint32_t size, std::int64_t lmin, std::int64_t lmax,
               std::uint8_t report_id = 0) {
  HidField f;
  f.bit_offset = offset;
  f.bit_size = size;
  f.logical_min = lmin;
  f.logical_max = lmax;
  f.report_id = report_id;
  return f;
}

template <class T>
T ok(const CodecResult<T>& r) {
  if (auto* e = std::get_if<CodecError>(&r)) FAIL(e->message);
  return std::get<T>(r);
}

}  // namespace

TEST_CASE("read_bits matches the bit-by-bit model at every offset and size", "[hid][codec]") {
  const Bytes d{0xab, 0xcd, 0xef, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc};
  for (std::uint32_t size = 1; size <= 32; ++size)
    for (std::uint32_t off = 0; off + size <= d.size() * 8; ++off) {
      INFO("offset " << off << " size " << size);
      REQUIRE(ok(read_bits(d, off, size)) == slow_read(d, off, size));
    }
}

TEST_CASE("write_bits changes exactly its bits", "[hid][codec]") {
  std::uint32_t x = 0x9e3779b9;
  auto next = [&x] { return x ^= x << 13, x ^= x >> 17, x ^= x << 5; };
  for (int run = 0; run < 2000; ++run) {
    Bytes d(9);
    for (auto& b : d) b = static_cast<std::uint8_t>(next());
    const Bytes before = d;
    const std::uint32_t size = 1 + next() % 32;
    const std::uint32_t off = next() % (d.size() * 8 - size + 1);
    const std::uint32_t raw = static_cast<std::uint32_t>(next() & ((std::uint64_t{1} << size) - 1));
    REQUIRE_FALSE(write_bits(d, off, size, raw));
    REQUIRE(slow_read(d, off, size) == raw);
    for (std::uint32_t bit = 0; bit < d.size() * 8; ++bit)
      if (bit < off || bit >= off + size) REQUIRE(slow_read(d, bit, 1) == slow_read(before, bit, 1));
  }
}

TEST_CASE("bit access outside the buffer or with bad sizes is an error", "[hid][codec]") {
  Bytes d(3, 0xff);
  CHECK(std::holds_alternative<CodecError>(read_bits(d, 17, 8)));   // needs a 4th byte
  CHECK(std::holds_alternative<CodecError>(read_bits(d, 0, 0)));
  CHECK(std::holds_alternative<CodecError>(read_bits(d, 0, 33)));
  CHECK(std::holds_alternative<CodecError>(read_bits(d, 0xffffffff, 8)));  // no overflow
  CHECK(std::holds_alternative<CodecError>(read_bits({}, 0, 1)));
  CHECK(write_bits(d, 20, 8, 1).has_value());
  CHECK(write_bits(d, 0, 4, 16).has_value());  // 16 does not fit 4 bits
  CHECK(d == Bytes(3, 0xff));
}

TEST_CASE("signed fields sign-extend and round-trip", "[hid][codec]") {
  const auto f = field(5, 12, -2048, 2047);
  Bytes d(3, 0);
  for (std::int64_t v : {-2048, -5, -1, 0, 1, 2047}) {
    REQUIRE_FALSE(write_logical(d, f, v));
    REQUIRE(ok(read_logical(d, f)) == v);
  }
  REQUIRE_FALSE(write_logical(d, f, -5));
  CHECK(slow_read(d, 5, 12) == 0xffb);
  // 32-bit extremes, signed and unsigned.
  Bytes w(4, 0);
  const auto s32 = field(0, 32, INT32_MIN, INT32_MAX);
  REQUIRE_FALSE(write_logical(w, s32, INT32_MIN));
  CHECK(w == Bytes{0x00, 0x00, 0x00, 0x80});
  CHECK(ok(read_logical(w, s32)) == INT32_MIN);
  const auto u32 = field(0, 32, 0, 0xffffffffLL);
  REQUIRE_FALSE(write_logical(w, u32, 0xffffffffLL));
  CHECK(ok(read_logical(w, u32)) == 0xffffffffLL);
}

TEST_CASE("values outside the logical range are errors, not wraps", "[hid][codec]") {
  const auto f = field(3, 8, 0, 100);
  Bytes d(2, 0);
  CHECK(write_logical(d, f, 101).has_value());
  CHECK(write_logical(d, f, -1).has_value());
  CHECK(d == Bytes(2, 0));  // nothing written
  REQUIRE_FALSE(write_bits(d, 3, 8, 0xff));  // the device says 255 ("unknown")
  auto r = read_logical(d, f);
  REQUIRE(std::holds_alternative<CodecError>(r));
  CHECK(std::get<CodecError>(r).message.find("outside logical range") != std::string::npos);
  // A logical range wider than the bits: the bits limit the write.
  CHECK(write_logical(d, field(0, 4, 0, 100), 20).has_value());
  // A descriptor's inverted range cannot be read without a profile fix.
  CHECK(std::holds_alternative<CodecError>(read_logical(d, field(0, 8, 10, 5))));
}

TEST_CASE("report IDs and short reports", "[hid][codec]") {
  const auto f = field(8, 16, 0, 65535, 0x0b);
  const Bytes report{0x0b, 0x00, 0x34, 0x12};
  CHECK(ok(read_logical(report, f)) == 0x1234);
  CHECK(std::holds_alternative<CodecError>(read_logical(Bytes{0x0c, 0x00, 0x34, 0x12}, f)));
  CHECK(std::holds_alternative<CodecError>(read_logical(Bytes{0x0b, 0x00, 0x34}, f)));
  CHECK(std::holds_alternative<CodecError>(read_logical(Bytes{}, f)));
  Bytes out{0x0b, 0, 0, 0};
  REQUIRE_FALSE(write_logical(out, f, 0xbeef));
  CHECK(out == Bytes{0x0b, 0x00, 0xef, 0xbe});
}

TEST_CASE("logical to physical to SI and back", "[hid][codec]") {
  auto volts = field(0, 16, 0, 65535);
  volts.unit_exponent = -2;
  Bytes d(2, 0);
  REQUIRE_FALSE(write_value(d, volts, 230.45));
  CHECK(ok(read_logical(d, volts)) == 23045);
  CHECK(ok(read_value(d, volts)) == Approx(230.45));

  auto temp = field(0, 8, 0, 255);  // physical 0..1000 over logical 0..255
  temp.physical_min = 0;
  temp.physical_max = 1000;
  temp.unit_exponent = -1;  // tenths of a kelvin
  CHECK(logical_to_si(temp, 51) == Approx(20.0));
  CHECK(ok(si_to_logical(temp, 20.0)) == 51);
  CHECK(logical_to_si(temp, 255) == Approx(100.0));

  auto signed_amps = field(0, 8, -128, 127);
  signed_amps.unit_exponent = 1;
  CHECK(logical_to_si(signed_amps, -3) == Approx(-30.0));
  CHECK(ok(si_to_logical(signed_amps, -30.0)) == -3);

  CHECK(std::holds_alternative<CodecError>(si_to_logical(volts, 700.0)));     // > 655.35 V
  CHECK(std::holds_alternative<CodecError>(si_to_logical(volts, -0.5)));
  CHECK(std::holds_alternative<CodecError>(si_to_logical(volts, NAN)));
  CHECK(std::holds_alternative<CodecError>(si_to_logical(volts, INFINITY)));
  CHECK(std::holds_alternative<CodecError>(si_to_logical(volts, 1e300)));
  CHECK(write_value(d, volts, 1e300).has_value());
}
