#include "snmp/snmprec.hpp"

#include <charconv>
#include <limits>

#include "platform/atomic_file.hpp"

namespace aups::snmp {

std::string SnmprecError::to_string() const {
  return line > 0 ? "line " + std::to_string(line) + ": " + message : message;
}

namespace {

template <class T>
bool parse_number(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc{} && p == s.data() + s.size();
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    unsigned byte;
    auto [p, ec] = std::from_chars(hex.data() + i, hex.data() + i + 2, byte, 16);
    if (ec != std::errc{} || p != hex.data() + i + 2) return std::nullopt;
    out += static_cast<char>(byte);
  }
  return out;
}

bool valid_ipv4(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (i <= s.size()) {
    std::size_t dot = std::min(s.find('.', i), s.size());
    unsigned v;
    if (!parse_number(s.substr(i, dot - i), v) || v > 255) return false;
    ++parts;
    i = dot + 1;
  }
  return parts == 4;
}

// Parses one value; returns an error message or nullopt.
std::optional<std::string> parse_value(std::string_view tag, std::string_view raw, SnmpValue& v) {
  bool hex = !tag.empty() && tag.back() == 'x';
  if (hex) tag.remove_suffix(1);
  // snmpsim variation modules ("2:numeric") serve synthetic values; the base tag still applies.
  if (auto colon = tag.find(':'); colon != std::string_view::npos) tag = tag.substr(0, colon);
  int code;
  if (!parse_number(tag, code)) return "type tag '" + std::string(tag) + "' is not a number";
  v = {};
  v.type = static_cast<SnmpType>(code);
  if (hex && code != 4 && code != 64 && code != 68) return "hex value for non-string type " + std::string(tag);
  switch (code) {
    case 4: case 68: {
      if (!hex) { v.text = raw; return std::nullopt; }
      auto bytes = from_hex(raw);
      if (!bytes) return "bad hex string '" + std::string(raw) + "'";
      v.text = *bytes;
      return std::nullopt;
    }
    case 5:
      return std::nullopt;  // the value part of NULL is empty (or ignored)
    case 6:
      if (!valid_oid(raw)) return "bad OBJECT IDENTIFIER value '" + std::string(raw) + "'";
      v.text = raw;
      return std::nullopt;
    case 64:
      if (hex) {
        auto bytes = from_hex(raw);
        if (!bytes || bytes->size() != 4) return "bad hex IpAddress '" + std::string(raw) + "'";
        v.text.clear();
        for (unsigned char b : *bytes) v.text += (v.text.empty() ? "" : ".") + std::to_string(b);
        return std::nullopt;
      }
      if (!valid_ipv4(raw)) return "bad IpAddress '" + std::string(raw) + "'";
      v.text = raw;
      return std::nullopt;
    case 2: {
      std::int64_t n;
      if (!parse_number(raw, n) || n < std::numeric_limits<std::int32_t>::min() ||
          n > std::numeric_limits<std::int32_t>::max())
        return "INTEGER value '" + std::string(raw) + "' is not a 32-bit signed number";
      v.number = n;
      return std::nullopt;
    }
    case 65: case 66: case 67: {
      std::uint64_t n;
      if (!parse_number(raw, n) || n > std::numeric_limits<std::uint32_t>::max())
        return std::string(type_name(v.type)) + " value '" + std::string(raw) + "' is not a 32-bit unsigned number";
      v.number = static_cast<std::int64_t>(n);
      return std::nullopt;
    }
    case 70: {
      std::uint64_t n;
      if (!parse_number(raw, n)) return "Counter64 value '" + std::string(raw) + "' is not a number";
      if (n <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
        v.number = static_cast<std::int64_t>(n);
      return std::nullopt;
    }
    default:
      return "unknown type tag " + std::string(tag);
  }
}

}  // namespace

std::variant<SnmpVarbinds, SnmprecError> parse_snmprec(std::string_view text) {
  SnmpVarbinds vars;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (line.find('\0') != std::string_view::npos) return SnmprecError{line_no, "contains a NUL byte"};
    std::size_t bar1 = line.find('|');
    std::size_t bar2 = bar1 == std::string_view::npos ? bar1 : line.find('|', bar1 + 1);
    if (bar2 == std::string_view::npos)
      return SnmprecError{line_no, "expected OID|type|value (truncated line?)"};
    std::string_view oid = line.substr(0, bar1);
    if (!valid_oid(oid)) return SnmprecError{line_no, "bad OID '" + std::string(oid) + "'"};
    SnmpValue v;
    if (auto err = parse_value(line.substr(bar1 + 1, bar2 - bar1 - 1), line.substr(bar2 + 1), v))
      return SnmprecError{line_no, *err};
    if (!vars.emplace(std::string(oid), std::move(v)).second)
      return SnmprecError{line_no, "duplicate OID " + std::string(oid)};
  }
  return vars;
}

std::variant<SnmpVarbinds, SnmprecError> load_snmprec(const std::string& path) {
  std::string error;
  const auto text = platform::read_file(path, &error);
  if (!text) return SnmprecError{0, error};
  return parse_snmprec(*text);
}

std::string to_snmprec(const SnmpVarbinds& vars) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const auto& [oid, v] : vars) {
    if (static_cast<int>(v.type) >= 128) continue;  // v2c exceptions are absences, not values
    out += oid + '|';
    switch (v.type) {
      case SnmpType::OctetString: case SnmpType::Opaque: {
        bool printable = true;
        for (unsigned char c : v.text) printable = printable && c >= 0x20 && c < 0x7f && c != '|';
        if (printable) { out += std::to_string(int(v.type)) + '|' + v.text; break; }
        out += std::to_string(int(v.type)) + "x|";
        for (unsigned char c : v.text) { out += kHex[c >> 4]; out += kHex[c & 15]; }
        break;
      }
      case SnmpType::ObjectId: case SnmpType::IpAddress:
        out += std::to_string(int(v.type)) + '|' + v.text;
        break;
      case SnmpType::Null:
        out += "5|";
        break;
      default:
        out += std::to_string(int(v.type)) + '|' + (v.number ? std::to_string(*v.number) : "0");
    }
    out += '\n';
  }
  return out;
}

}  // namespace aups::snmp
