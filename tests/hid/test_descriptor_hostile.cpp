// Hostile and broken descriptors: each is refused with the offset of the offending item,
// without crashing, reading past the end or allocating per claimed element.
#include "hid_test_util.hpp"

#include <string>

using hid_test::parse_error;
using hid_test::parse_ok;
using Bytes = std::vector<std::uint8_t>;

namespace {
Bytes repeat(const Bytes& unit, std::size_t times) {
  Bytes out;
  for (std::size_t i = 0; i < times; ++i) out.insert(out.end(), unit.begin(), unit.end());
  return out;
}
Bytes operator+(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}
void check_error(const Bytes& bytes, std::size_t offset, const std::string& words) {
  const auto e = parse_error(bytes);
  INFO(e.to_string());
  CHECK(e.offset == offset);
  CHECK(e.message.find(words) != std::string::npos);
}
}  // namespace

TEST_CASE("truncated items and long items", "[hid][hostile]") {
  check_error({0x05, 0x84, 0x09}, 2, "truncated");
  check_error({0x05, 0x84, 0x27, 0xff, 0xff}, 2, "truncated");
  check_error({0x05, 0x84, 0xfe, 0x05, 0x00, 0x01}, 2, "truncated long item");
  check_error({0xfe}, 0, "truncated long item");
}

TEST_CASE("deep nesting and collections left open or closed twice", "[hid][hostile]") {
  check_error(repeat({0xa1, 0x00}, 40), 2 * aups::hid::kMaxCollectionDepth, "nested deeper");
  check_error({0x09, 0x04, 0xa1, 0x01, 0x09, 0x24, 0xa1, 0x00, 0xc0}, 2, "never closed");
  check_error({0xa1, 0x01, 0xc0, 0xc0}, 3, "end collection without");
}

TEST_CASE("huge counts and reports past 4 KiB", "[hid][hostile]") {
  // Report Count 0xffffffff of 32-bit elements: refused before any element is looked at.
  check_error({0x09, 0x30, 0x75, 0x20, 0x97, 0xff, 0xff, 0xff, 0xff, 0x81, 0x02}, 9, "past 4096 bytes");
  // 4096 bytes is the limit, one more byte is refused; two items add up.
  parse_ok({0x85, 0x01, 0x75, 0x08, 0x96, 0x00, 0x10, 0x81, 0x03});
  check_error({0x85, 0x01, 0x75, 0x08, 0x96, 0x01, 0x10, 0x81, 0x03}, 7, "past 4096 bytes");
  check_error({0x75, 0x08, 0x96, 0x00, 0x08, 0xb1, 0x03, 0xb1, 0x03, 0xb1, 0x03}, 9, "past 4096 bytes");
  // Each report ID and type has its own limit.
  parse_ok({0x75, 0x08, 0x96, 0x00, 0x10, 0x85, 0x01, 0xb1, 0x03, 0x85, 0x02, 0xb1, 0x03, 0x81, 0x03});
}

TEST_CASE("usage ranges that are inverted or huge", "[hid][hostile]") {
  check_error({0x05, 0x84, 0x19, 0x05, 0x29, 0x01}, 4, "inverted");
  check_error({0x19, 0x01, 0x19, 0x02}, 2, "given twice");
  check_error({0x05, 0x84, 0x1b, 0x01, 0x00, 0x85, 0x00, 0x29, 0x05}, 7, "two usage pages");
  check_error({0x19, 0x01, 0x81, 0x02}, 2, "without its other end");
  // A 65536-usage range costs nothing until elements claim it; fields stay bounded.
  const Bytes item = {0x19, 0x00, 0x2a, 0xff, 0xff, 0x75, 0x01, 0x96, 0x80, 0x3e, 0x81, 0x02};
  const auto d = parse_ok(Bytes{0x85, 0x01} + item);
  CHECK(d.fields.size() == 16000);
  const auto e = parse_error(Bytes{0x85, 0x01} + item + Bytes{0x85, 0x02} + item);
  CHECK(e.offset == 2 + item.size() + 2 + item.size() - 2);
  CHECK(e.message.find("fields") != std::string::npos);
  check_error(repeat({0x09, 0x01}, aups::hid::kMaxLocalUsages + 1), 2 * aups::hid::kMaxLocalUsages, "usages");
}

TEST_CASE("push, pop and delimiters out of order", "[hid][hostile]") {
  check_error({0x05, 0x84, 0xb4}, 2, "pop without push");
  check_error(repeat({0xa4}, aups::hid::kMaxPushDepth + 1), aups::hid::kMaxPushDepth, "push");
  check_error({0xa9, 0x00}, 0, "close without open");
  check_error({0xa9, 0x01, 0xa9, 0x01}, 2, "opened twice");
  check_error({0xa9, 0x01, 0x09, 0x01}, 4, "never closed");
  check_error({0xa9, 0x01, 0x09, 0x01, 0x81, 0x02}, 4, "inside an open delimiter");
  check_error({0xa9, 0x02}, 0, "neither 0 nor 1");
}

TEST_CASE("garbage and reserved values", "[hid][hostile]") {
  check_error({0xff, 0xff, 0xff}, 0, "reserved item type");
  check_error({0x05, 0x84, 0xf0}, 2, "reserved main item");
  check_error({0x85, 0x00}, 0, "report ID 0");
  check_error({0x86, 0x00, 0x01}, 0, "report ID 256");
  check_error(Bytes(aups::hid::kMaxDescriptorBytes + 1, 0x00), aups::hid::kMaxDescriptorBytes, "longer than");
  // Random bytes: parsed or refused, never a crash (the fuzz targets go much further).
  std::uint32_t x = 0x12345678;
  for (int run = 0; run < 500; ++run) {
    Bytes b(64 + run % 200);
    for (auto& byte : b) {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      byte = static_cast<std::uint8_t>(x);
    }
    auto parsed = aups::hid::parse_report_descriptor(b);
    if (auto* e = std::get_if<aups::hid::DescriptorError>(&parsed)) CHECK(e->offset <= b.size());
  }
}
