#pragma once
// Small text helpers shared by explanations, the command line and the overlay.
#include <cstdio>
#include <ctime>
#include <string>

namespace aups {

// printf-style formatting into a std::string (explanations, notes).
template <class... Args>
std::string format_text(const char* format, Args... args) {
  int n = std::snprintf(nullptr, 0, format, args...);
  if (n <= 0) return {};
  std::string out(static_cast<std::size_t>(n), '\0');
  std::snprintf(out.data(), out.size() + 1, format, args...);
  return out;
}

// Unix time as local time with a strftime pattern, e.g. "%Y-%m-%d %H:%M:%S".
inline std::string local_time_text(double unix_s, const char* pattern) {
  std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, pattern, &tm);
  return std::string(buf, n);
}

}  // namespace aups
