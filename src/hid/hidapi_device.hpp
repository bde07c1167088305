#pragma once
// HidDevice through hidapi's hidraw backend (Debian's libhidapi-hidraw0, 0.13). hidapi 0.13
// has no call for the report descriptor, so it is read with the hidraw ioctls on the node.
#include <memory>
#include <string>
#include <vector>

#include "hid/hid_device.hpp"

struct hid_device_;

namespace aups::hid {

class HidapiDevice final : public HidDevice {
 public:
  static HidResult<std::unique_ptr<HidDevice>> open_path(const std::string& path);
  // Every HID interface hidapi sees (through udev).
  static std::vector<HidInfo> enumerate();
  ~HidapiDevice() override;

  const HidInfo& info() const override { return info_; }
  HidResult<std::vector<std::uint8_t>> descriptor() override { return descriptor_; }
  HidResult<Report> read_input(double timeout_s) override;
  HidResult<Report> get_feature(std::uint8_t report_id, std::size_t wire_size) override;
  std::optional<HidError> set_feature(std::span<const std::uint8_t> report) override;
  void close() override;

 private:
  HidapiDevice(hid_device_* dev, HidInfo info, std::vector<std::uint8_t> descriptor, bool numbered)
      : dev_(dev), info_(std::move(info)), descriptor_(std::move(descriptor)), numbered_(numbered) {}
  HidError error(HidError::Kind kind, const char* what) const;

  hid_device_* dev_;
  HidInfo info_;
  std::vector<std::uint8_t> descriptor_;
  bool numbered_;  // the device uses report IDs
};

}  // namespace aups::hid
