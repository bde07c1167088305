#pragma once
// Scenarios: the environment around the simulated UPS over time (input voltage, load, ambient),
// a start state and an end, read from TOML files in assets/scenarios/. Each quantity is a track
// of keyframes: a value holds until the next keyframe, or ramps linearly to it when that
// keyframe says `ramp = true`.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/simulator.hpp"

namespace aups::sim {

// A bad scenario: what() reads "file:line: field: message".
class ScenarioError : public std::runtime_error {
 public:
  ScenarioError(std::string file, int line, std::string field, std::string message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  std::string file_;
  int line_;
  std::string field_;
};

struct Environment {
  double input_v = 19.0;
  double load_w = 0.0;
  double ambient_c = 25.0;
};

// An operator's hand on the environment (aups-sim --control): a held quantity ignores the
// scenario's track until released (nullopt).
struct EnvironmentHold {
  std::optional<double> input_v, load_w;
};

class Scenario {
 public:
  enum class End { AtTime, OutputOff, Never };

  // Loads a file; throws ScenarioError.
  static Scenario load(const std::string& path);
  // "long-outage" -> AUPS_ASSETS_DIR/scenarios/long-outage.toml; anything with '/' or ".toml"
  // is a path; "none" is endless mains at 19 V with no load.
  static Scenario load_named(const std::string& name_or_path);
  static Scenario parse(std::string_view toml_text, const std::string& source_name);
  static Scenario endless(Environment env = {});
  static std::vector<std::string> builtin_names();  // files in AUPS_ASSETS_DIR/scenarios

  const std::string& name() const { return name_; }
  const std::string& description() const { return description_; }
  Environment at(double t_s) const;
  End end() const { return end_; }
  // AtTime: the end; OutputOff: a safety limit (the run stops there even if the output stays on).
  std::optional<double> end_s() const { return end_s_; }
  SimConfig start_config() const { return start_; }  // eeprom_path is left empty

  struct Key {
    double t_s;
    double value;
    bool ramp;  // ramp linearly from the previous keyframe to this one
  };

 private:
  static double track_at(const std::vector<Key>& track, double t_s);

  std::string name_, description_;
  std::vector<Key> input_v_, load_w_, ambient_c_;
  End end_ = End::Never;
  std::optional<double> end_s_;
  SimConfig start_;
};

// Drives a Simulator from a Scenario. Whoever owns the runner owns the pace: aups-sim steps it
// on its clock, tests and `aupsctl drill` call step(1.0) in a loop and read sim().status().
class ScenarioRunner {
 public:
  // config: start state (normally scenario.start_config(), possibly with CLI overrides).
  ScenarioRunner(Scenario scenario, SimConfig config);
  explicit ScenarioRunner(Scenario scenario);

  // Applies the environment for the current time, then advances the simulator by dt_s.
  void step(double dt_s);
  double time_s() const { return sim_.time_s(); }
  // The scenario's end is reached (or, for "until output off", the output went off).
  bool finished() const;

  // Holds applied from the next step on, until replaced.
  void hold(const EnvironmentHold& h) { hold_ = h; }
  const EnvironmentHold& held() const { return hold_; }

  Simulator& sim() { return sim_; }
  const Simulator& sim() const { return sim_; }
  const Scenario& scenario() const { return scenario_; }

 private:
  void apply_environment();

  Scenario scenario_;
  Simulator sim_;
  EnvironmentHold hold_;
  bool output_was_on_ = false;
  bool output_went_off_ = false;
};

}  // namespace aups::sim
