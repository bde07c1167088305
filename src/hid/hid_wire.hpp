#pragma once
// The framed protocol of the simulator's HID socket (docs/hid-transport.md). Pure encoding and
// decoding, no I/O and no aups dependencies, so the test-only hidraw preload library can
// include it too. A frame: u32 little-endian length of what follows, u8 type, payload.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aups::hid::wire {

inline constexpr std::uint32_t kMaxFrame = 8192;  // type + payload; larger is a protocol error

enum class Type : std::uint8_t {
  GetInfo = 0x01,        // c->s, empty
  Info = 0x02,           // s->c: u16 vid, u16 pid, then manufacturer\0 product\0 serial\0
  GetDescriptor = 0x03,  // c->s, empty
  Descriptor = 0x04,     // s->c: the report descriptor bytes
  GetFeature = 0x05,     // c->s: u8 report id, u16 max length
  Feature = 0x06,        // s->c: the report (ID byte first when numbered)
  SetFeature = 0x07,     // c->s: the report
  SetDone = 0x08,        // s->c: empty
  GetString = 0x09,      // c->s: u8 string index
  String = 0x0a,         // s->c: UTF-8
  Error = 0x0b,          // s->c: UTF-8 message (answers any request)
  Input = 0x10,          // s->c, unsolicited: an Input report
};

struct Frame {
  Type type{};
  std::vector<std::uint8_t> payload;
};

inline std::vector<std::uint8_t> encode(Type type, std::span<const std::uint8_t> payload) {
  std::uint32_t n = static_cast<std::uint32_t>(payload.size() + 1);
  // Sized once and filled by index: GCC 12 at -O3 misreads insert() after a 5-byte init list.
  std::vector<std::uint8_t> out(5 + payload.size());
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(n >> (8 * i));
  out[4] = static_cast<std::uint8_t>(type);
  std::copy(payload.begin(), payload.end(), out.begin() + 5);
  return out;
}
inline std::vector<std::uint8_t> encode(Type type, std::string_view text) {
  return encode(type, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}
inline std::vector<std::uint8_t> encode(Type type) { return encode(type, std::span<const std::uint8_t>{}); }

// Accumulates received bytes and cuts them into frames.
class FrameReader {
 public:
  void feed(std::span<const std::uint8_t> bytes) { buf_.insert(buf_.end(), bytes.begin(), bytes.end()); }
  // The next complete frame, if any. A bad length poisons the reader (error() says why).
  std::optional<Frame> next() {
    if (bad_ || buf_.size() < 4) return std::nullopt;
    std::uint32_t n = buf_[0] | buf_[1] << 8 | buf_[2] << 16 | static_cast<std::uint32_t>(buf_[3]) << 24;
    if (n == 0 || n > kMaxFrame) {
      bad_ = true;
      return std::nullopt;
    }
    if (buf_.size() < 4 + static_cast<std::size_t>(n)) return std::nullopt;
    Frame f{static_cast<Type>(buf_[4]), std::vector<std::uint8_t>(buf_.begin() + 5, buf_.begin() + 4 + n)};
    buf_.erase(buf_.begin(), buf_.begin() + 4 + n);
    return f;
  }
  bool bad() const { return bad_; }
  bool empty() const { return buf_.empty(); }

 private:
  std::vector<std::uint8_t> buf_;
  bool bad_ = false;
};

inline std::string text_of(const Frame& f) { return std::string(f.payload.begin(), f.payload.end()); }

}  // namespace aups::hid::wire
