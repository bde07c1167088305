#include "snmp/ups_mib.hpp"

#include <array>
#include <cmath>
#include <set>

#include "core/nut_json.hpp"

namespace aups::snmp {
namespace {

constexpr double kNoMax = 1e9;
// The objects aups reads. Units from RFC 1628; ranges reject what no UPS can mean.
constexpr std::array<MibObject, 28> kObjects{{
    {"upsIdentManufacturer", "1.3.6.1.2.1.33.1.1.1.0", "ups.mfr", true},
    {"upsIdentModel", "1.3.6.1.2.1.33.1.1.2.0", "ups.model", true},
    {"upsIdentUPSSoftwareVersion", "1.3.6.1.2.1.33.1.1.3.0", "ups.firmware", true},
    {"upsIdentAgentSoftwareVersion", "1.3.6.1.2.1.33.1.1.4.0", "ups.firmware.aux", true},
    {"upsIdentName", "1.3.6.1.2.1.33.1.1.5.0", "ups.id", true},
    {"upsBatteryStatus", "1.3.6.1.2.1.33.1.2.1.0", "", false, 1, 1, 4},
    {"upsSecondsOnBattery", "1.3.6.1.2.1.33.1.2.2.0", "", false, 1, 0, kNoMax},
    {"upsEstimatedMinutesRemaining", "1.3.6.1.2.1.33.1.2.3.0", "battery.runtime", false, 60, 0, 100000 * 60},
    {"upsEstimatedChargeRemaining", "1.3.6.1.2.1.33.1.2.4.0", "battery.charge", false, 1, 0, 100},
    {"upsBatteryVoltage", "1.3.6.1.2.1.33.1.2.5.0", "battery.voltage", false, 0.1, 0, 1000},
    {"upsBatteryCurrent", "1.3.6.1.2.1.33.1.2.6.0", "battery.current", false, 0.1, -1000, 1000},
    {"upsBatteryTemperature", "1.3.6.1.2.1.33.1.2.7.0", "battery.temperature", false, 1, -40, 100},
    {"upsInputFrequency", "1.3.6.1.2.1.33.1.3.3.1.2.1", "input.frequency", false, 0.1, 0, 500},
    {"upsInputVoltage", "1.3.6.1.2.1.33.1.3.3.1.3.1", "input.voltage", false, 1, 0, 1000},
    {"upsInputCurrent", "1.3.6.1.2.1.33.1.3.3.1.4.1", "input.current", false, 0.1, 0, 10000},
    {"upsInputTruePower", "1.3.6.1.2.1.33.1.3.3.1.5.1", "input.realpower", false, 1, 0, kNoMax},
    {"upsOutputSource", "1.3.6.1.2.1.33.1.4.1.0", "", false, 1, 1, 7},
    {"upsOutputFrequency", "1.3.6.1.2.1.33.1.4.2.0", "output.frequency", false, 0.1, 0, 500},
    {"upsOutputVoltage", "1.3.6.1.2.1.33.1.4.4.1.2.1", "output.voltage", false, 1, 0, 1000},
    {"upsOutputCurrent", "1.3.6.1.2.1.33.1.4.4.1.3.1", "output.current", false, 0.1, 0, 10000},
    {"upsOutputPower", "1.3.6.1.2.1.33.1.4.4.1.4.1", "ups.realpower", false, 1, 0, kNoMax},
    {"upsOutputPercentLoad", "1.3.6.1.2.1.33.1.4.4.1.5.1", "ups.load", false, 1, 0, 1000},
    {"upsBypassFrequency", "1.3.6.1.2.1.33.1.5.1.0", "input.bypass.frequency", false, 0.1, 0, 500},
    {"upsBypassVoltage", "1.3.6.1.2.1.33.1.5.3.1.2.1", "input.bypass.voltage", false, 1, 0, 1000},
    {"upsAlarmsPresent", "1.3.6.1.2.1.33.1.6.1.0", "", false, 1, 0, 10000},
    {"upsConfigInputVoltage", "1.3.6.1.2.1.33.1.9.1.0", "input.voltage.nominal", false, 1, 0, 1000},
    {"upsConfigOutputVoltage", "1.3.6.1.2.1.33.1.9.3.0", "output.voltage.nominal", false, 1, 0, 1000},
    {"upsConfigOutputPower", "1.3.6.1.2.1.33.1.9.6.0", "ups.realpower.nominal", false, 1, 0, kNoMax},
}};

// Well-known alarms (upsWellKnownAlarms.N) and the ups.status word each implies ("" = ALARM).
struct WellKnownAlarm {
  int id;
  std::string_view name;
  std::optional<StatusFlag> flag;
};
constexpr std::array<WellKnownAlarm, 24> kAlarms{{
    {1, "upsAlarmBatteryBad", StatusFlag::RB},
    {2, "upsAlarmOnBattery", StatusFlag::OB},
    {3, "upsAlarmLowBattery", StatusFlag::LB},
    {4, "upsAlarmDepletedBattery", StatusFlag::LB},
    {5, "upsAlarmTempBad", std::nullopt},
    {6, "upsAlarmInputBad", std::nullopt},
    {7, "upsAlarmOutputBad", std::nullopt},
    {8, "upsAlarmOutputOverload", StatusFlag::OVER},
    {9, "upsAlarmOnBypass", StatusFlag::BYPASS},
    {10, "upsAlarmBypassBad", std::nullopt},
    {11, "upsAlarmOutputOffAsRequested", StatusFlag::OFF},
    {12, "upsAlarmUpsOffAsRequested", StatusFlag::OFF},
    {13, "upsAlarmChargerFailed", std::nullopt},
    {14, "upsAlarmUpsOutputOff", StatusFlag::OFF},
    {15, "upsAlarmUpsSystemOff", StatusFlag::OFF},
    {16, "upsAlarmFanFailure", std::nullopt},
    {17, "upsAlarmFuseFailure", std::nullopt},
    {18, "upsAlarmGeneralFault", std::nullopt},
    {19, "upsAlarmDiagnosticTestFailed", std::nullopt},
    {20, "upsAlarmCommunicationsLost", std::nullopt},
    {21, "upsAlarmAwaitingPower", std::nullopt},
    {22, "upsAlarmShutdownPending", std::nullopt},
    {23, "upsAlarmShutdownImminent", std::nullopt},
    {24, "upsAlarmTestInProgress", StatusFlag::TEST},
}};

constexpr std::int64_t kUnknownSentinel = 4294967295;  // 0xFFFFFFFF: agents' "don't know"

class Decoder {
 public:
  Decoder(const SnmpVarbinds& vars, const SnmpProfile* profile) : vars_(vars), profile_(profile) {}

  // The raw variable for obj; tolerates a scalar served without its ".0" instance.
  const SnmpValue* find(const MibObject& obj) {
    if (auto it = vars_.find(obj.oid); it != vars_.end()) return &it->second;
    if (obj.oid.ends_with(".0")) {
      std::string bare(obj.oid.substr(0, obj.oid.size() - 2));
      if (auto it = vars_.find(bare); it != vars_.end()) {
        note(std::string(obj.name) + " served without its .0 instance (" + bare + "): used as walked");
        return &it->second;
      }
    }
    return nullptr;
  }

  bool absent_or_exception(const MibObject& obj, const SnmpValue* v) {
    if (!v) return true;
    if (v->type == SnmpType::Null || static_cast<int>(v->type) >= 128) {
      note(std::string(obj.name) + " is " + type_name(v->type) + ": not available");
      return true;
    }
    return false;
  }

  std::optional<std::string> text(const MibObject& obj) {
    const SnmpValue* v = find(obj);
    if (absent_or_exception(obj, v)) return std::nullopt;
    if (v->type != SnmpType::OctetString) {
      note(std::string(obj.name) + " has type " + type_name(v->type) + ", OCTET STRING is due: ignored");
      return std::nullopt;
    }
    // DisplayString is NVT ASCII: control bytes become spaces, bytes >= 0x80 (Latin-1 or junk,
    // never valid for JSON as they stand) become '?'.
    std::string s;
    bool replaced = false;
    for (char c : v->text) {
      auto b = static_cast<unsigned char>(c);
      replaced = replaced || b >= 0x80;
      s += b >= 0x80 ? '?' : (b < 0x20 && c != '\t') ? ' ' : c;
    }
    if (replaced) note(std::string(obj.name) + " has non-ASCII bytes: shown as '?'");
    auto b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    if (b == std::string::npos) return std::nullopt;
    return s.substr(b, e - b + 1);
  }

  // SI value of a numeric object, or nullopt (absent, wrong type, sentinel, absurd: with a note).
  std::optional<double> number(const MibObject& obj) {
    const SnmpValue* v = find(obj);
    if (absent_or_exception(obj, v)) return std::nullopt;
    std::string name(obj.name);
    if (!v->numeric()) {
      note(name + " has type " + type_name(v->type) + ", a number is due: ignored");
      return std::nullopt;
    }
    if (v->type != SnmpType::Integer) gauge_for_integer_ = true;
    if (!v->number || *v->number == kUnknownSentinel) {
      note(name + " = 4294967295 or more (the agent's 'unknown' sentinel): not available");
      return std::nullopt;
    }
    double factor = 1;
    if (profile_)
      if (auto it = profile_->scale.find(name); it != profile_->scale.end()) factor = it->second;
    double value = static_cast<double>(*v->number) * obj.unit * factor;
    value = std::round(value * 1e6) / 1e6;  // 0.1-unit products print as 41.2, not 41.2000001
    if (value < obj.min || value > obj.max) {
      note(name + " = " + std::to_string(*v->number) + " is outside the plausible range: rejected");
      return std::nullopt;
    }
    if (factor != 1)
      note(name + " scaled by " + nlohmann::json(factor).dump() + " (profile " + profile_->name + ")");
    return value;
  }

  std::vector<const WellKnownAlarm*> alarms() {
    std::vector<const WellKnownAlarm*> out;
    std::set<int> seen;
    for (auto it = vars_.lower_bound(kAlarmDescrColumn); it != vars_.end(); ++it) {
      if (!oid_under(it->first, kAlarmDescrColumn)) break;
      const SnmpValue& v = it->second;
      if (v.type != SnmpType::ObjectId || !oid_under(v.text, kWellKnownAlarms)) {
        note("alarm row " + it->first + " is not a well-known alarm: counted as ALARM");
        out.push_back(nullptr);
        continue;
      }
      std::string tail = v.text.substr(kWellKnownAlarms.size() + 1);
      const WellKnownAlarm* found = nullptr;
      for (auto& a : kAlarms)
        if (tail == std::to_string(a.id)) found = &a;
      if (!found) note("alarm " + v.text + " is not one RFC 1628 defines: counted as ALARM");
      if (!found || seen.insert(found->id).second) out.push_back(found);
    }
    return out;
  }

  void note(std::string s) {
    for (auto& n : notes_)
      if (n == s) return;
    notes_.push_back(std::move(s));
  }
  std::vector<std::string> take_notes() {
    if (gauge_for_integer_)
      notes_.push_back("some numbers come as Gauge32/Counter32 where RFC 1628 has INTEGER: accepted");
    return std::move(notes_);
  }
  bool has(std::string_view oid) const { return vars_.count(std::string(oid)) > 0; }
  const SnmpVarbinds& vars() const { return vars_; }

 private:
  const SnmpVarbinds& vars_;
  const SnmpProfile* profile_;
  std::vector<std::string> notes_;
  bool gauge_for_integer_ = false;
};

std::optional<double>* status_field(UpsStatus& s, std::string_view nut) {
  if (nut == "battery.runtime") return &s.runtime_s;
  if (nut == "battery.charge") return &s.charge_pct;
  if (nut == "battery.voltage") return &s.battery_voltage;
  if (nut == "battery.current") return &s.battery_current;
  if (nut == "battery.temperature") return &s.temperature_c;
  if (nut == "input.voltage") return &s.input_voltage;
  if (nut == "output.voltage") return &s.output_voltage;
  if (nut == "ups.realpower") return &s.output_power_w;
  if (nut == "ups.load") return &s.load_pct;
  return nullptr;
}

std::string* identity_field(UpsIdentity& id, std::string_view nut) {
  if (nut == "ups.mfr") return &id.manufacturer;
  if (nut == "ups.model") return &id.model;
  if (nut == "ups.firmware") return &id.firmware;
  if (nut == "ups.id") return &id.name;
  return nullptr;
}

}  // namespace

const MibObject* mib_object(std::string_view name) {
  for (auto& o : kObjects)
    if (o.name == name) return &o;
  return nullptr;
}

UpsMibReading decode_ups_mib(const SnmpVarbinds& vars, const SnmpProfile* profile) {
  UpsMibReading r;
  if (profile) r.profile = profile->name;
  Decoder d(vars, profile);
  std::optional<double> source, battery, alarms_present;
  for (const MibObject& obj : kObjects) {
    if (obj.text) {
      if (auto s = d.text(obj)) {
        if (std::string* f = identity_field(r.identity, obj.nut)) *f = *s;
        else r.extra[std::string(obj.nut)] = *s;
      }
      continue;
    }
    std::optional<double> v = d.number(obj);
    if (obj.name == "upsOutputSource") source = v;
    else if (obj.name == "upsBatteryStatus") battery = v;
    else if (obj.name == "upsAlarmsPresent") alarms_present = v;
    if (!v || obj.nut.empty()) continue;
    if (auto* f = status_field(r.status, obj.nut)) *f = *v;
    else r.extra[std::string(obj.nut)] = *v;
  }
  // Three-phase agents have lines 2 and 3: only line 1 maps onto the single-line model.
  if (d.has("1.3.6.1.2.1.33.1.4.4.1.2.2") || d.has("1.3.6.1.2.1.33.1.3.3.1.3.2"))
    d.note("more than one input/output line: only line 1 is decoded");

  StatusFlags& f = r.status.flags;
  switch (source ? static_cast<int>(*source) : 0) {
    case 3: f.set(StatusFlag::OL); break;
    case 4: f.set(StatusFlag::OL); f.set(StatusFlag::BYPASS); break;
    case 5: f.set(StatusFlag::OB); f.set(StatusFlag::DISCHRG); break;
    case 6: f.set(StatusFlag::OL); f.set(StatusFlag::BOOST); break;
    case 7: f.set(StatusFlag::OL); f.set(StatusFlag::TRIM); break;
    case 2: f.set(StatusFlag::OFF); break;
    case 1: d.note("upsOutputSource is 'other': on-line/on-battery unknown"); break;
    default: break;
  }
  if (battery && (*battery == 3 || *battery == 4)) f.set(StatusFlag::LB);

  std::string alarm_text;
  for (const WellKnownAlarm* a : d.alarms()) {
    alarm_text += (alarm_text.empty() ? "" : " ") + std::string(a ? a->name : "upsAlarmUnknown");
    if (a && a->flag == StatusFlag::OB) {
      // upsOutputSource says OL/OB when it can; "none" (output off) or "other" leave it to the alarm.
      if (!source || *source <= 2) { f.set(StatusFlag::OB); f.set(StatusFlag::DISCHRG); }
      continue;
    }
    f.set(a && a->flag ? *a->flag : StatusFlag::ALARM);
  }
  if (!alarm_text.empty()) r.extra["ups.alarm"] = alarm_text;
  if (alarms_present && *alarms_present > 0 && alarm_text.empty())
    d.note("upsAlarmsPresent = " + std::to_string(int(*alarms_present)) + " but the alarm table was not read");
  if (!source && !f.has(StatusFlag::OB)) d.note("upsOutputSource not available: on-line/on-battery unknown");

  r.status.output_on = source && *source != 2 && !f.has(StatusFlag::OFF);
  r.status.mains_present = f.has(StatusFlag::OL) ||
                           (!f.has(StatusFlag::OB) && r.status.input_voltage.value_or(0) > 0);
  r.notes = d.take_notes();
  return r;
}

nlohmann::json to_json(const UpsMibReading& r) {
  nlohmann::json vars = to_nut_json(r.identity);
  vars.update(to_nut_json(r.status));
  // The LEDs and protection trips are AUPS2-A20 panel facts; a UPS-MIB agent reports neither.
  for (const char* k : {"aups.led.green", "aups.led.yellow", "aups.led.orange", "aups.protection"})
    vars.erase(k);
  vars.update(r.extra);
  nlohmann::json out = {{"vars", vars}, {"notes", r.notes}};
  if (!r.profile.empty()) out["profile"] = r.profile;
  return out;
}

}  // namespace aups::snmp
