#pragma once
// Vendor quirks of UPS-MIB agents as data (assets/profiles/snmp-*.toml): which agents a profile
// applies to (sysObjectID prefix) and corrections such as an object's scale. A device with no
// profile is read strictly per RFC 1628.
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "snmp/snmp_value.hpp"

namespace aups::snmp {

struct SnmpProfile {
  std::string name;
  std::string description;
  std::string sys_object_id_prefix;      // matches the agent's sysObjectID (arc-wise prefix)
  std::map<std::string, double> scale;   // MIB object name -> factor applied after the MIB's unit
};

// Parses one profile file's text; an error names the key at fault.
std::variant<SnmpProfile, std::string> parse_snmp_profile(const std::string& toml_text);
// Every assets/profiles/snmp-*.toml in dir (sorted by name); a bad file is skipped with a note.
std::vector<SnmpProfile> load_snmp_profiles(const std::string& dir, std::vector<std::string>* notes = nullptr);
// The default profile folder (AUPS_ASSETS_DIR/profiles, or $AUPS_ASSETS_DIR/profiles at run time).
std::string default_profile_dir();
// The first profile whose prefix matches the agent's sysObjectID.0, or nullptr.
const SnmpProfile* match_profile(const std::vector<SnmpProfile>& profiles, const SnmpVarbinds& vars);

}  // namespace aups::snmp
