#pragma once
// Profiles: device knowledge as data (assets/profiles/hid-*.toml, format in docs/hid-profiles.md).
// A profile says which devices it is for (match rules), which usage path feeds which model
// value (NUT variable names, as core/ups_vars.hpp), which settings map back to which field,
// and per-device fixes. Adding a UPS model means adding a file, not code.
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "hid/hid_device.hpp"
#include "hid/report_descriptor.hpp"

namespace aups::hid {

// A bad profile: what() reads "file:line: message".
class ProfileError : public std::runtime_error {
 public:
  ProfileError(const std::string& file, int line, const std::string& message)
      : std::runtime_error(file + ":" + std::to_string(line) + ": " + message) {}
};

struct ProfileMatch {
  std::optional<std::uint16_t> vendor_id, product_id, usage_page;
  std::optional<std::string> manufacturer, product;  // substrings of the USB strings
  std::vector<std::string> has_paths;                // the descriptor has all these usage paths
};

// A descriptor defect corrected before decoding (e.g. CyberPower's Output.Voltage range).
struct ProfileFix {
  std::string path;
  std::optional<std::int64_t> logical_min, logical_max;
  int line = 0;
};

enum class MapKind { Number, Bool, Text, Ipv4, Enum, Status, Action };

struct ProfileMap {
  std::string path;                 // usage path, as `aupsctl hid dump` prints it
  MapKind kind = MapKind::Number;
  std::string var;                  // NUT variable (Number/Bool/Text/Ipv4/Enum)
  std::string status;               // ups.status word (Status) or protection name ("cell_ovp")
  std::string action;               // "shutdown_output_after" (Action)
  bool si_units = false;            // honour the HID unit and exponent (else physical value, as NUT)
  double scale = 1.0, offset = 0.0; // model = device * scale + offset
  std::optional<double> when;       // Status: set when the value equals this (default: non-zero)
  std::vector<std::pair<std::string, double>> values;  // Enum: model text <-> device value
  int line = 0;
};

struct HidProfile {
  std::string name, description, file, extends;
  int priority = 0;                  // the highest-priority matching profile wins
  double poll_interval_s = 10.0;     // periodic Feature poll besides Input reports
  ProfileMatch match;
  std::vector<ProfileFix> fixes;
  std::vector<ProfileMap> maps;      // parent's first, then this profile's (later wins)
  std::map<std::string, std::string> identity;  // fallback identity texts by NUT name
};

// Parses one profile (throws ProfileError). `extends` is resolved by load_profiles.
HidProfile parse_profile(std::string_view toml_text, const std::string& file);
HidProfile load_profile_file(const std::string& path);
// Every hid-*.toml in `dir` (default AUPS_ASSETS_DIR/profiles or $AUPS_PROFILE_DIR), inheritance
// resolved. Throws ProfileError for the first bad file.
std::vector<HidProfile> load_profiles(const std::string& dir = "");
std::string default_profile_dir();

bool profile_matches(const HidProfile& p, const HidInfo& info, const HidReportDescriptor& desc);
// The best match, or nullptr.
const HidProfile* select_profile(const std::vector<HidProfile>& profiles, const HidInfo& info,
                                 const HidReportDescriptor& desc);
// Applies the profile's fixes to a parsed descriptor.
void apply_fixes(const HidProfile& p, HidReportDescriptor& desc);

}  // namespace aups::hid
