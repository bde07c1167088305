#include "core/nut_json.hpp"

#include <cmath>

#include "core/ups_vars.hpp"

namespace aups {
using nlohmann::json;

namespace {

// Calls each(row, model.*field) for every row of core/ups_vars.hpp that lives in `model`.
template <class Model, class Each>
void for_each_field(Model& model, Each&& each) {
  using Plain = std::remove_const_t<Model>;
  for (const UpsVar& v : ups_vars())
    std::visit([&](auto f) {
      using F = decltype(f);
      if constexpr (std::is_member_object_pointer_v<F>) {
        if constexpr (std::is_same_v<typename member_class<F>::type, Plain>) each(v, model.*f);
      }
    }, v.field);
}

template <class Model, class T>
void put(json& j, const UpsVar& v, const T& x) {
  std::string key(v.name);
  if constexpr (std::is_same_v<T, std::optional<double>>) {
    // Measurements carry no more than 4 decimals: unit conversions (K -> degC, A*s -> Ah) leave
    // binary noise like 25.000000000000057 that nobody should have to read.
    if (x) j[key] = std::round(*x * 1e4) / 1e4;
  } else if constexpr (std::is_same_v<T, std::optional<int>>) {
    if (x) j[key] = *x;
  } else if constexpr (std::is_same_v<T, std::string>) {
    // An unknown identity text is omitted; a setting is always said, even empty.
    if (!x.empty() || !std::is_same_v<Model, UpsIdentity>) j[key] = x;
  } else if constexpr (std::is_same_v<T, StatusFlags>) {
    j[key] = x.to_string();
  } else if constexpr (std::is_same_v<T, ProtectionTrips>) {
    json trips = json::array();
    for (Protection p : kAllProtections)
      if (x.has(p)) trips.push_back(protection_name(p));
    j[key] = trips;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (v.kind == VarKind::Enum) j[key] = std::string(v.words[x ? 0 : 1]);
    else j[key] = x;
  } else {
    j[key] = x;
  }
}

template <class Model>
json to_json_rows(const Model& m) {
  json j = json::object();
  for_each_field(m, [&](const UpsVar& v, const auto& x) { put<Model>(j, v, x); });
  if constexpr (std::is_same_v<Model, UpsStatus>)
    for (const UpsVar& v : ups_vars())
      if (auto* derived = std::get_if<DerivedText>(&v.field)) j[std::string(v.name)] = (*derived)(m);
  return j;
}

// Lenient reading (status and identity): a value of the wrong type is left unknown.
template <class T>
void get(const json& x, T& out) {
  if constexpr (std::is_same_v<T, std::optional<double>> || std::is_same_v<T, std::optional<int>>) {
    if (x.is_number()) out = x.get<typename T::value_type>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (x.is_string()) out = x.get<std::string>();
  } else if constexpr (std::is_same_v<T, StatusFlags>) {
    if (x.is_string()) out = StatusFlags::parse(x.get<std::string>()).value_or(StatusFlags{});
  } else if constexpr (std::is_same_v<T, ProtectionTrips>) {
    if (x.is_array())
      for (auto& name : x)
        for (Protection p : kAllProtections)
          if (name.is_string() && name.get<std::string>() == protection_name(p)) out.set(p, true);
  } else if constexpr (std::is_same_v<T, bool>) {
    out = x.get<bool>();
  }
}

template <class Model>
Model from_json_rows(const json& j) {
  Model m;
  for_each_field(m, [&](const UpsVar& v, auto& x) {
    if (auto it = j.find(std::string(v.name)); it != j.end()) get(*it, x);
  });
  return m;
}

SettingError wrong_type(const std::string& key, const std::string& want) {
  return SettingError{key, key + " must be " + want};
}

// Strict reading (settings): a value of the wrong type or out of range is an error naming the key.
template <class T>
SettingResult<void> set(const UpsVar& v, const std::string& key, const json& x, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    if (v.kind == VarKind::Enum) {
      if (x == std::string(v.words[0])) out = true;
      else if (x == std::string(v.words[1])) out = false;
      else return wrong_type(key, "\"" + std::string(v.words[0]) + "\" or \"" + std::string(v.words[1]) + "\"");
    } else {
      if (!x.is_boolean()) return wrong_type(key, "true or false");
      out = x.get<bool>();
    }
  } else if constexpr (std::is_same_v<T, int>) {
    if (!x.is_number_integer()) return wrong_type(key, v.unit == "s" ? "a whole number of seconds" : "a whole number");
    auto d = x.get<long long>();
    if (d < 0 || d > v.max)
      return SettingError{key, std::string(v.description) + " must be between 0 and " + std::to_string(v.max) +
                                   (v.unit == "s" ? " seconds" : "")};
    out = static_cast<int>(d);
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (!x.is_string()) return wrong_type(key, "a string");
    out = x.get<std::string>();
  }
  return {};
}

// Applies a partial object to `m`; `what` names the settings in errors ("setting").
template <class Model>
SettingResult<void> apply_rows(Model& m, const json& j, const std::string& what) {
  if (!j.is_object()) return SettingError{"", what + "s must be a JSON object"};
  for (auto it = j.begin(); it != j.end(); ++it) {  // not a structured binding: clang 14's lambdas cannot capture one
    const std::string& key = it.key();
    const json& x = it.value();
    const UpsVar* var = find_ups_var(key);
    if (!var || !belongs_to<Model>(*var)) return SettingError{key, "unknown " + what + " " + key};
    SettingResult<void> applied;
    for_each_field(m, [&](const UpsVar& v, auto& field) {
      if (&v == var) applied = set(v, key, x, field);
    });
    if (!applied) return applied;
  }
  return {};
}

}  // namespace

json to_nut_json(const UpsIdentity& id) { return to_json_rows(id); }
json to_nut_json(const UpsStatus& s) { return to_json_rows(s); }
json to_nut_json(const UpsSettings& s) { return to_json_rows(s); }
json to_nut_json(const NetworkSettings& n) { return to_json_rows(n); }

UpsIdentity identity_from_nut_json(const json& j) { return from_json_rows<UpsIdentity>(j); }

UpsStatus status_from_nut_json(const json& j) {
  UpsStatus s = from_json_rows<UpsStatus>(j);
  // Without the aups.* booleans (NUT's own data) mains and output follow ups.status.
  if (!j.contains(var_name(&UpsStatus::mains_present))) s.mains_present = s.flags.has(StatusFlag::OL);
  if (!j.contains(var_name(&UpsStatus::output_on))) s.output_on = !s.flags.has(StatusFlag::OFF);
  return s;
}

SettingResult<UpsSettings> apply_settings_json(UpsSettings s, const json& j) {
  if (auto applied = apply_rows(s, j, "setting"); !applied) return applied.error();
  if (auto valid = check_settings(s); !valid) return valid.error();
  return s;
}

SettingResult<NetworkSettings> apply_network_json(NetworkSettings n, const json& j) {
  if (auto applied = apply_rows(n, j, "network setting"); !applied) return applied.error();
  if (auto valid = check_network(n); !valid) return valid.error();
  return n;
}

}  // namespace aups
