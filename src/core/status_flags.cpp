#include "core/status_flags.hpp"

#include <array>
#include <utility>

namespace aups {
namespace {
constexpr std::array<std::pair<StatusFlag, std::string_view>, 16> kWords{{
    {StatusFlag::OL, "OL"},         {StatusFlag::OB, "OB"},       {StatusFlag::LB, "LB"},
    {StatusFlag::HB, "HB"},         {StatusFlag::RB, "RB"},       {StatusFlag::CHRG, "CHRG"},
    {StatusFlag::DISCHRG, "DISCHRG"}, {StatusFlag::BYPASS, "BYPASS"}, {StatusFlag::CAL, "CAL"},
    {StatusFlag::OFF, "OFF"},       {StatusFlag::OVER, "OVER"},   {StatusFlag::TRIM, "TRIM"},
    {StatusFlag::BOOST, "BOOST"},   {StatusFlag::FSD, "FSD"},     {StatusFlag::ALARM, "ALARM"},
    {StatusFlag::TEST, "TEST"},
}};
}  // namespace

std::string StatusFlags::to_string() const {
  std::string out;
  for (auto& [flag, word] : kWords) {
    if (!has(flag)) continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::optional<StatusFlags> StatusFlags::parse(std::string_view words) {
  StatusFlags flags;
  std::size_t i = 0;
  while (i < words.size()) {
    while (i < words.size() && words[i] == ' ') ++i;
    std::size_t j = i;
    while (j < words.size() && words[j] != ' ') ++j;
    if (j > i) {
      auto w = words.substr(i, j - i);
      bool known = false;
      for (auto& [flag, word] : kWords)
        if (word == w) { flags.set(flag); known = true; }
      if (!known) return std::nullopt;
    }
    i = j;
  }
  return flags;
}

}  // namespace aups
