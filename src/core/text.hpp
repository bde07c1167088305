#pragma once
// Small text helpers shared by explanations, the command line and the overlay.
#include <algorithm>
#include <cmath>
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

// A duration for people, the same on the command line, in explanations and on the overlay:
// "45 s", "4 min 10 s", "6 min", "1 h 20 min". Negative reads as 0.
inline std::string duration_text(double seconds) {
  long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) {
    std::string out = std::to_string(s / 60) + " min";
    // Long waits are not worth seconds; the last minutes are.
    if (s % 60 && s < 600) out += " " + std::to_string(s % 60) + " s";
    return out;
  }
  std::string out = std::to_string(s / 3600) + " h";
  if ((s % 3600) / 60) out += " " + std::to_string((s % 3600) / 60) + " min";
  return out;
}

}  // namespace aups
