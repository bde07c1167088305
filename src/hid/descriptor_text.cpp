// Text around descriptors: hex input as people paste it, NUT's dump lines, error wording.
#include <cctype>
#include <cstdio>

#include "hid/report_descriptor.hpp"

namespace aups::hid {

std::string DescriptorError::to_string() const {
  return "byte " + std::to_string(offset) + ": " + message;
}

std::string nut_line(const HidField& f) {
  char tail[96];
  std::snprintf(tail, sizeof tail, ", Type: %s, ReportID: 0x%02x, Offset: %u, Size: %u",
                std::string(hid::to_string(f.type)).c_str(), static_cast<unsigned>(f.report_id),
                static_cast<unsigned>(f.bit_offset), static_cast<unsigned>(f.bit_size));
  return "Path: " + f.path + tail;
}

std::variant<std::vector<std::uint8_t>, DescriptorError> parse_hex_bytes(std::string_view text) {
  auto hexval = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  auto separator = [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == ','; };
  std::vector<std::uint8_t> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (separator(text[i])) { ++i; continue; }
    if (text[i] == '#') {  // comment to end of line
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    const std::size_t start = i;
    if (text[i] == '0' && i + 1 < text.size() && (text[i + 1] == 'x' || text[i + 1] == 'X')) i += 2;
    const std::size_t digits = i;
    while (i < text.size() && hexval(text[i]) >= 0) ++i;
    const std::size_t n = i - digits;
    if ((i < text.size() && !separator(text[i]) && text[i] != '#') || n == 0)
      return DescriptorError{i < text.size() ? i : start, "not a hex byte in the text"};
    if (n > 2 && n % 2) return DescriptorError{start, "odd number of hex digits in a run of bytes"};
    if (out.size() + (n + 1) / 2 > kMaxDescriptorBytes)
      return DescriptorError{start, "more than " + std::to_string(kMaxDescriptorBytes) + " bytes"};
    if (n <= 2) {
      out.push_back(static_cast<std::uint8_t>(n == 1 ? hexval(text[digits])
                                                     : hexval(text[digits]) * 16 + hexval(text[digits + 1])));
    } else {
      for (std::size_t k = digits; k < i; k += 2)
        out.push_back(static_cast<std::uint8_t>(hexval(text[k]) * 16 + hexval(text[k + 1])));
    }
  }
  return out;
}

}  // namespace aups::hid
