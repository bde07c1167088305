#pragma once
// The simulated UPS's EEPROM: settings and network settings in a small text file with a
// checksum, replaced atomically on every write so a killed simulator keeps either the old or
// the new settings, never a torn file.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/settings.hpp"

namespace aups::sim {

struct EepromContent {
  UpsSettings settings;
  NetworkSettings network;
  bool operator==(const EepromContent&) const = default;
};

std::string encode_eeprom(const EepromContent& c);
// The content, or an error saying why the text is torn, corrupt or holds invalid values.
Result<EepromContent> decode_eeprom(std::string_view text);

struct EepromLoad {
  EepromContent content;             // defaults when the file is missing or bad
  std::optional<std::string> problem;  // set when the file existed but was unusable
};
EepromLoad load_eeprom(const std::string& path);
// Writes atomically (platform::write_file_atomically); an empty path saves nothing and succeeds.
Status save_eeprom(const std::string& path, const EepromContent& c);

}  // namespace aups::sim
