#pragma once
// RFC 1628 UPS-MIB as data (the objects aups reads, their units and plausible ranges) and its
// mapping into the model with NUT's variable names. Used by the offline decoder (snmprec
// recordings) and the network client alike: both hand a set of variables to decode_ups_mib.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "snmp/snmp_profile.hpp"
#include "snmp/snmp_value.hpp"

namespace aups::snmp {

inline constexpr std::string_view kUpsMib = "1.3.6.1.2.1.33";
inline constexpr std::string_view kSysDescr = "1.3.6.1.2.1.1.1.0";
inline constexpr std::string_view kSysObjectId = "1.3.6.1.2.1.1.2.0";
inline constexpr std::string_view kSysUpTime = "1.3.6.1.2.1.1.3.0";
// Subtrees a client walks: system, then the UPS-MIB groups aups maps.
inline constexpr std::string_view kReadSubtrees[] = {
    "1.3.6.1.2.1.1",       // system (sysDescr, sysObjectID: picks the quirk profile)
    "1.3.6.1.2.1.33.1.1",  // upsIdent
    "1.3.6.1.2.1.33.1.2",  // upsBattery
    "1.3.6.1.2.1.33.1.3",  // upsInput
    "1.3.6.1.2.1.33.1.4",  // upsOutput
    "1.3.6.1.2.1.33.1.5",  // upsBypass
    "1.3.6.1.2.1.33.1.6",  // upsAlarm
    "1.3.6.1.2.1.33.1.9",  // upsConfig
};
// upsAlarmDescr column: each row's value is one of the well-known alarm OIDs.
inline constexpr std::string_view kAlarmDescrColumn = "1.3.6.1.2.1.33.1.6.2.1.2";
inline constexpr std::string_view kWellKnownAlarms = "1.3.6.1.2.1.33.1.6.3";

struct MibObject {
  std::string_view name;  // MIB name, e.g. upsBatteryVoltage (profiles refer to objects by it)
  std::string_view oid;   // with instance: ".0" for scalars, ".1" for table line 1
  std::string_view nut;   // NUT variable ("" when only used for ups.status)
  bool text = false;      // DisplayString rather than a number
  double unit = 1;        // raw x unit = SI value (0.1 for "0.1 Volt DC")
  double min = 0, max = 0;  // plausible SI range; outside it the value is rejected with a note
};
const MibObject* mib_object(std::string_view name);

enum class OutputSource { Other = 1, None = 2, Normal = 3, Bypass = 4, Battery = 5, Booster = 6, Reducer = 7 };
enum class BatteryStatus { Unknown = 1, Normal = 2, Low = 3, Depleted = 4 };

struct UpsMibReading {
  UpsIdentity identity;
  UpsStatus status;
  nlohmann::json extra = nlohmann::json::object();  // NUT variables the model has no field for
  std::vector<std::string> notes;                   // what was odd, missing or rejected, and why
  std::string profile;                              // quirk profile applied, if any
};

UpsMibReading decode_ups_mib(const SnmpVarbinds& vars, const SnmpProfile* profile = nullptr);
// {"vars": {NUT name: value}, "notes": [...], "profile": "..."}.
nlohmann::json to_json(const UpsMibReading& r);

}  // namespace aups::snmp
