#pragma once
// A profile bound to one device's parsed descriptor: keeps the latest bytes of every report,
// decodes them into NUT-named values and the model, and encodes settings back into Feature
// reports. No I/O: HidSource feeds it reports and sends what encode() returns.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "core/settings.hpp"
#include "hid/hid_device.hpp"
#include "hid/hid_profile.hpp"
#include "hid/report_descriptor.hpp"

namespace aups::hid {

class ProfileBinding {
 public:
  ProfileBinding(HidProfile profile, HidReportDescriptor desc);  // applies the profile's fixes

  const HidProfile& profile() const { return profile_; }
  const HidReportDescriptor& descriptor() const { return desc_; }

  // Keeps a report received from the device. Error (and nothing kept) for an unknown report ID
  // or a report shorter than the descriptor says; longer reports are cut to size.
  std::optional<std::string> store(ReportType type, const Report& report);
  const Report* stored(ReportType type, std::uint8_t report_id) const;

  // {NUT name: value} (core/ups_vars.hpp) from the stored reports.
  nlohmann::json values() const;
  UpsIdentity identity(const HidInfo& info) const;
  UpsStatus status() const;
  std::optional<UpsSettings> settings() const;      // when every setting is mapped and read
  std::optional<NetworkSettings> network() const;

  // Feature reports carrying `changes` (NUT names -> values), built on the stored ones.
  // Error naming the variable when it is not writable or its value does not fit.
  std::variant<std::map<std::uint8_t, Report>, std::string> encode(const nlohmann::json& changes) const;
  std::variant<std::map<std::uint8_t, Report>, std::string> encode_action(const std::string& action, double value) const;

 private:
  const HidField* latest_field(const std::string& path) const;
  const HidField* feature_field(const std::string& path) const;
  std::optional<std::string> put(std::map<std::uint8_t, Report>& out, const ProfileMap& m,
                                 const nlohmann::json& v) const;

  HidProfile profile_;
  HidReportDescriptor desc_;
  struct Stored {
    Report bytes;
    std::uint64_t seq = 0;
  };
  std::map<std::pair<ReportType, std::uint8_t>, Stored> reports_;
  std::uint64_t seq_ = 0;
  mutable std::optional<nlohmann::json> values_;  // decoded once per stored report
  nlohmann::json decode() const;
};

}  // namespace aups::hid
