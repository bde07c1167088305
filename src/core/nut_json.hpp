#pragma once
// JSON with NUT's variable names (ups.status, battery.charge, ...) so `upsc` users read aups's
// output at once; aups-only values use dotted names in the same style (aups.*).
#include <string>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace aups {

// Flat object {NUT name: value}, names as core/ups_vars.hpp; unknown values are omitted.
nlohmann::json to_nut_json(const UpsIdentity& id);
nlohmann::json to_nut_json(const UpsStatus& st);
nlohmann::json to_nut_json(const UpsSettings& s);
nlohmann::json to_nut_json(const NetworkSettings& n);

// Reverse mappings. Settings accept partial objects (only the keys present change); a key
// of the wrong type or an unknown key is an error naming the key.
UpsIdentity identity_from_nut_json(const nlohmann::json& j);
UpsStatus status_from_nut_json(const nlohmann::json& j);
SettingResult<UpsSettings> apply_settings_json(UpsSettings base, const nlohmann::json& j);
SettingResult<NetworkSettings> apply_network_json(NetworkSettings base, const nlohmann::json& j);

}  // namespace aups
