#pragma once
// HidSource: a UPS over HID (hidapi or the simulator's socket) as a core UpsSource. At open it
// parses the descriptor, picks a profile, reads every Feature report; then it updates on Input
// reports and re-reads the Feature reports every profile poll interval. A lost link marks the
// data stale (its age is now - updated_s) and is reopened with backoff from poll().
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/ups_source.hpp"
#include "hid/hid_device.hpp"
#include "hid/hid_profile.hpp"
#include "hid/profile_binding.hpp"

namespace aups::hid {

using DeviceOpener = std::function<HidResult<std::unique_ptr<HidDevice>>()>;

struct HidSourceOptions {
  double dead_time_s = 30.0;    // fresh data older than this is stale
  double backoff_min_s = 0.25;  // first reconnect delay, doubled per failure...
  double backoff_max_s = 8.0;   // ...up to this
};

class HidSource final : public UpsSource {
 public:
  HidSource(std::string uri, std::string transport, bool simulated, DeviceOpener opener,
            std::vector<HidProfile> profiles, const Clock& clock, HidSourceOptions options = {});
  ~HidSource() override;

  std::string uri() const override { return uri_; }
  std::string transport() const override { return transport_; }
  bool simulated() const override { return simulated_; }
  std::optional<std::string> open() override;
  PollResult poll(double timeout_s) override;
  UpsReading reading() const override;
  std::optional<std::string> write_settings(const UpsSettings& s) override;
  std::optional<std::string> write_network(const NetworkSettings& n) override;
  std::optional<std::string> shutdown_output_after(int delay_s) override;

  // Diagnostics (aupsctl hid dump / probe): nullptr while disconnected.
  const ProfileBinding* binding() const { return binding_.get(); }
  HidDevice* device() { return device_.get(); }
  const std::string& last_error() const { return last_error_; }

 private:
  // Reads every Feature report: how many the device answered, or why the link is lost.
  std::variant<int, std::string> read_all_features();
  bool has_feature_reports() const;
  void refresh();
  void lost(const std::string& why);
  std::optional<std::string> write_verified(const nlohmann::json& changes);

  std::string uri_, transport_;
  bool simulated_;
  DeviceOpener opener_;
  std::vector<HidProfile> profiles_;
  const Clock& clock_;
  HidSourceOptions options_;

  std::unique_ptr<HidDevice> device_;
  std::unique_ptr<ProfileBinding> binding_;
  UpsReading reading_;
  double last_feature_poll_s_ = 0;
  double next_retry_s_ = 0;
  double backoff_s_;
  std::string last_error_;
};

// hid://auto, hid:///dev/hidrawN, hid://VID:PID, sim://PATH. Profiles from default_profile_dir().
std::variant<std::unique_ptr<HidSource>, std::string> make_hid_source(const std::string& uri, const Clock& clock,
                                                                     HidSourceOptions options = {});
// Opens the device behind a URI (no profile needed: aupsctl hid dump).
std::variant<DeviceOpener, std::string> device_opener_for(const std::string& uri, const std::vector<HidProfile>& profiles);
// Adds "hid" and "sim" to core/source_registry.hpp (idempotent).
void register_hid_source_schemes();

}  // namespace aups::hid
