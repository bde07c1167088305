#include "sim/scenario.hpp"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

#include <toml++/toml.h>

#include "platform/atomic_file.hpp"

namespace aups::sim {
namespace {

struct Range {
  double lo, hi;
};
constexpr Range kInputV{0, 60}, kLoadW{0, 500}, kAmbientC{-40, 100}, kChargePct{0, 100},
    kCycles{0, 3000}, kTimeS{0, 365 * 86400.0};

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(int line, const std::string& field, const std::string& msg) const {
    throw ScenarioError(file_, line, field, msg);
  }

  void only_keys(const toml::table& t, const std::string& where, std::set<std::string> allowed) const {
    for (auto&& [key, node] : t) {
      if (!allowed.count(std::string(key.str()))) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        fail(line_of(node), where + std::string(key.str()), "unknown key (expected one of: " + list + ")");
      }
    }
  }

  std::optional<double> number(const toml::table& t, const char* key, const std::string& field,
                               Range r) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_number()) fail(line_of(*n), field, "must be a number");
    const double v = n->value<double>().value_or(0);
    if (!(v >= r.lo && v <= r.hi))
      fail(line_of(*n), field, "out of range " + fmt(r.lo) + ".." + fmt(r.hi) + " (got " + fmt(v) + ")");
    return v;
  }

  std::optional<std::string> string(const toml::table& t, const char* key, const std::string& field) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) fail(line_of(*n), field, "must be a string");
    return n->value<std::string>();
  }

  const toml::table* table(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) fail(line_of(*n), key, "must be a table ([" + std::string(key) + "])");
    return n->as_table();
  }

  static std::string fmt(double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  }

 private:
  std::string file_;
};

std::string assets_scenario_dir() { return std::string(AUPS_ASSETS_DIR) + "/scenarios"; }

}  // namespace

ScenarioError::ScenarioError(std::string file, int line, std::string field, std::string message)
    : std::runtime_error(file + ":" + std::to_string(line) + ": " + field + ": " + message),
      file_(std::move(file)), line_(line), field_(std::move(field)) {}

Scenario Scenario::parse(std::string_view text, const std::string& source) {
  Reader rd(source);
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    rd.fail(static_cast<int>(e.source().begin.line), "toml", std::string(e.description()));
  }
  rd.only_keys(root, "", {"name", "description", "start", "end", "keyframe"});
  Scenario s;
  s.name_ = rd.string(root, "name", "name").value_or(std::filesystem::path(source).stem().string());
  s.description_ = rd.string(root, "description", "description").value_or("");

  if (const auto* start = rd.table(root, "start")) {
    rd.only_keys(*start, "start.", {"charge_pct", "cycles", "ambient_c"});
    s.start_.initial_charge_pct = rd.number(*start, "charge_pct", "start.charge_pct", kChargePct).value_or(100);
    s.start_.cycle_count = static_cast<int>(rd.number(*start, "cycles", "start.cycles", kCycles).value_or(0));
    s.start_.ambient_c = rd.number(*start, "ambient_c", "start.ambient_c", kAmbientC).value_or(25);
  }

  const auto* end = rd.table(root, "end");
  if (!end) rd.fail(1, "end", "missing [end] table (until = \"time\" | \"output_off\" | \"never\")");
  rd.only_keys(*end, "end.", {"until", "at_s"});
  const auto until = rd.string(*end, "until", "end.until");
  s.end_s_ = rd.number(*end, "at_s", "end.at_s", kTimeS);
  const int end_line = line_of(*end);
  if (!until) rd.fail(end_line, "end.until", "missing (\"time\", \"output_off\" or \"never\")");
  if (*until == "time") s.end_ = End::AtTime;
  else if (*until == "output_off") s.end_ = End::OutputOff;
  else if (*until == "never") s.end_ = End::Never;
  else rd.fail(line_of(*end->get("until")), "end.until", "must be \"time\", \"output_off\" or \"never\"");
  if (s.end_ == End::AtTime && !s.end_s_) rd.fail(end_line, "end.at_s", "required when until = \"time\"");

  const toml::node* kf = root.get("keyframe");
  if (!kf || !kf->is_array_of_tables() || kf->as_array()->empty())
    rd.fail(kf ? line_of(*kf) : 1, "keyframe", "need at least one [[keyframe]] with t_s");
  double last_t = 0;
  int index = 0;
  for (const auto& node : *kf->as_array()) {
    const auto& k = *node.as_table();
    const std::string where = "keyframe[" + std::to_string(index++) + "].";
    rd.only_keys(k, where, {"t_s", "input_v", "load_w", "ambient_c", "ramp"});
    const auto t = rd.number(k, "t_s", where + "t_s", kTimeS);
    if (!t) rd.fail(line_of(k), where + "t_s", "missing");
    if (*t < last_t) rd.fail(line_of(*k.get("t_s")), where + "t_s", "keyframes must be in time order");
    last_t = *t;
    bool ramp = false;
    if (const toml::node* r = k.get("ramp")) {
      if (!r->is_boolean()) rd.fail(line_of(*r), where + "ramp", "must be true or false");
      ramp = r->value<bool>().value_or(false);
    }
    if (auto v = rd.number(k, "input_v", where + "input_v", kInputV)) s.input_v_.push_back({*t, *v, ramp});
    if (auto v = rd.number(k, "load_w", where + "load_w", kLoadW)) s.load_w_.push_back({*t, *v, ramp});
    if (auto v = rd.number(k, "ambient_c", where + "ambient_c", kAmbientC)) s.ambient_c_.push_back({*t, *v, ramp});
  }
  // Values not given from t = 0 start at the defaults (19 V, no load, the start ambient).
  auto seed = [](std::vector<Key>& track, double v) {
    if (track.empty() || track.front().t_s > 0) track.insert(track.begin(), Key{0, v, false});
  };
  seed(s.input_v_, 19.0);
  seed(s.load_w_, 0.0);
  seed(s.ambient_c_, s.start_.ambient_c);
  s.start_.input_voltage = s.input_v_.front().value;
  s.start_.load_w = s.load_w_.front().value;
  return s;
}

Scenario Scenario::load(const std::string& path) {
  std::string error;
  const auto text = platform::read_file(path, &error);
  if (!text) throw ScenarioError(path, 0, "file", error);
  return parse(*text, path);
}

Scenario Scenario::load_named(const std::string& name) {
  if (name == "none") return endless();
  if (name.find('/') != std::string::npos || name.ends_with(".toml")) return load(name);
  const std::string path = assets_scenario_dir() + "/" + name + ".toml";
  if (!std::filesystem::exists(path)) {
    std::string known;
    for (const auto& n : builtin_names()) known += (known.empty() ? "" : ", ") + n;
    throw ScenarioError(name, 0, "scenario", "no such scenario (known: none, " + known + ")");
  }
  return load(path);
}

Scenario Scenario::endless(Environment env) {
  Scenario s;
  s.name_ = "none";
  s.description_ = "endless: the environment holds its values";
  s.input_v_ = {{0, env.input_v, false}};
  s.load_w_ = {{0, env.load_w, false}};
  s.ambient_c_ = {{0, env.ambient_c, false}};
  s.start_.ambient_c = env.ambient_c;
  s.start_.input_voltage = env.input_v;
  s.start_.load_w = env.load_w;
  return s;
}

std::vector<std::string> Scenario::builtin_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(assets_scenario_dir(), ec))
    if (e.path().extension() == ".toml") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

double Scenario::track_at(const std::vector<Key>& track, double t) {
  auto next = std::upper_bound(track.begin(), track.end(), t,
                               [](double v, const Key& k) { return v < k.t_s; });
  if (next == track.begin()) return track.front().value;
  const Key& prev = *(next - 1);
  if (next == track.end() || !next->ramp || next->t_s <= prev.t_s) return prev.value;
  return prev.value + (next->value - prev.value) * (t - prev.t_s) / (next->t_s - prev.t_s);
}

Environment Scenario::at(double t) const {
  return {track_at(input_v_, t), track_at(load_w_, t), track_at(ambient_c_, t)};
}

ScenarioRunner::ScenarioRunner(Scenario scenario, SimConfig config)
    : scenario_(std::move(scenario)), sim_(config) {
  output_was_on_ = sim_.status().output_on;
}

ScenarioRunner::ScenarioRunner(Scenario scenario)
    : ScenarioRunner(scenario, scenario.start_config()) {}

void ScenarioRunner::apply_environment() {
  const auto env = scenario_.at(sim_.time_s());
  sim_.set_input_voltage(hold_.input_v.value_or(env.input_v));
  sim_.set_load_w(hold_.load_w.value_or(env.load_w));
  sim_.set_ambient_c(env.ambient_c);
}

void ScenarioRunner::step(double dt_s) {
  apply_environment();
  sim_.step(dt_s);
  const bool on = sim_.status().output_on;
  if (output_was_on_ && !on) output_went_off_ = true;
  output_was_on_ = on;
}

bool ScenarioRunner::finished() const {
  const bool past_end = scenario_.end_s() && sim_.time_s() >= *scenario_.end_s() - 1e-9;
  switch (scenario_.end()) {
    case Scenario::End::AtTime: return past_end;
    case Scenario::End::OutputOff: return output_went_off_ || past_end;
    case Scenario::End::Never: return false;
  }
  return false;
}

}  // namespace aups::sim
