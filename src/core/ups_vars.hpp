#pragma once
// The UPS variables aups knows, one row each, in the manner of NUT's hid_info_t tables
// (drivers/apc-hid.c) and ietf_mib[] (drivers/ietf-mib.c): NUT name, model field, kind, unit,
// writable, a one-line description and the RFC 1628 UPS-MIB object that carries it.
// JSON in both directions (core/nut_json), profile validation (hid), UPS-MIB decode and encode
// (snmp) and `aupsctl status` read this table: a variable is added by adding one row.
#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace aups {

enum class VarKind {
  Number,   // a measurement (JSON number, SI units)
  Integer,  // a whole number within 0..max (settings: "a whole number of seconds")
  Bool,
  Text,
  Enum,     // a bool field shown as one of two words (words[0] for true)
  Flags,    // a set of words (ups.status, aups.protection): profiles feed it with status/protection keys
};

// Where the value lives in the model. A derived value is computed from the status (the LEDs);
// monostate: no model field, passed through as it comes (a UPS-MIB agent's extra values).
using DerivedText = std::string (*)(const UpsStatus&);
using VarField = std::variant<std::monostate,
                              std::string UpsIdentity::*,
                              std::optional<double> UpsStatus::*, std::optional<int> UpsStatus::*,
                              bool UpsStatus::*, StatusFlags UpsStatus::*, ProtectionTrips UpsStatus::*, DerivedText,
                              bool UpsSettings::*, int UpsSettings::*,
                              std::string NetworkSettings::*, bool NetworkSettings::*>;

// The RFC 1628 object that carries a variable (a scalar, or line 1 of a table).
struct UpsMibObject {
  std::string_view name;    // MIB name, e.g. upsBatteryVoltage (SNMP profiles' scale keys use it)
  std::string_view oid;     // with instance: ".0" for scalars, ".1" for table line 1
  double unit = 1;          // raw x unit = SI value (0.1 for "0.1 Volt DC")
  double min = 0, max = 0;  // plausible SI range; outside it the value is rejected with a note
  bool round_down = false;  // encode rounds down (minutes remaining must not over-promise)
  bool column = false;      // a column walked row by row (upsAlarmDescr), not one value
};

struct UpsVar {
  std::string_view name;         // NUT name, dotted; aups-only values are aups.*
  VarField field;
  VarKind kind = VarKind::Number;
  std::string_view unit;         // "V", "A", "W", "%", "s", "degC", "Ah" or ""
  bool writable = false;         // a setting the user may change
  std::string_view description;  // one line, for listings and exporters' help texts
  std::optional<UpsMibObject> mib = std::nullopt;
  std::array<std::string_view, 2> words = {};  // Enum: the words for true and false
  int max = 0;                                 // Integer: the largest accepted value
};

// Every row: the built-in table, then rows added with add_ups_var.
const std::vector<UpsVar>& ups_vars();
// Appends a row (e.g. a vendor variable) before the tables are used; not thread-safe.
void add_ups_var(const UpsVar& var);

const UpsVar* find_ups_var(std::string_view name);
const UpsVar* find_ups_var_by_mib(std::string_view mib_name);

// The row whose model field is `field`, e.g. ups_var(&UpsStatus::charge_pct).
template <class Field>
const UpsVar& ups_var(Field field) {
  for (const UpsVar& v : ups_vars())
    if (auto* f = std::get_if<Field>(&v.field); f && *f == field) return v;
  throw std::logic_error("a model field without a row in core/ups_vars.cpp");
}
template <class Field>
std::string var_name(Field field) { return std::string(ups_var(field).name); }

// Profiles may feed it with `var = "..."`: a model field that is not derived and not a set of words.
bool feedable(const UpsVar& v);
// The struct and the value type a member pointer refers to.
template <class P> struct member_class;
template <class T, class C> struct member_class<T C::*> { using type = C; using value = T; };

// The rows of one model struct (UpsIdentity, UpsStatus, UpsSettings or NetworkSettings).
template <class Model>
bool belongs_to(const UpsVar& v) {
  return std::visit([](auto f) {
    if constexpr (std::is_member_object_pointer_v<decltype(f)>) {
      return std::is_same_v<Model, typename member_class<decltype(f)>::type>;
    } else {
      return std::is_same_v<Model, UpsStatus> && std::is_same_v<decltype(f), DerivedText>;
    }
  }, v.field);
}

}  // namespace aups
