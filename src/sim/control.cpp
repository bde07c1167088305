#include "sim/control.hpp"

#include <cmath>
#include <sstream>

namespace aups::sim {
namespace {

std::optional<double> number(const std::string& text) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size() && std::isfinite(v) && v >= 0) return v;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

}  // namespace

Status apply_control(ScenarioRunner& runner, std::string_view line) {
  std::istringstream in{std::string(line)};
  std::string verb, arg, extra;
  in >> verb >> arg >> extra;
  if (!extra.empty()) return Error{"too many words in '" + std::string(line) + "'"};
  EnvironmentHold h = runner.held();
  if (verb == "mains" && arg == "off") {
    h.input_v = 0.0;
  } else if (verb == "mains" && arg == "on") {
    h.input_v = SimConfig{}.input_voltage;  // the nominal adapter
  } else if (verb == "mains") {
    return Error{"mains takes 'on' or 'off'"};
  } else if (verb == "input" || verb == "load") {
    const auto v = number(arg);
    if (!v) return Error{verb + " takes a number >= 0 (" + (verb == "input" ? "volts" : "watts") + ")"};
    (verb == "input" ? h.input_v : h.load_w) = *v;
  } else if (verb == "scenario" && arg.empty()) {
    h = {};
  } else {
    return Error{"unknown command '" + std::string(line) + "' (mains on|off, input V, load W, scenario)"};
  }
  runner.hold(h);
  return {};
}

}  // namespace aups::sim
