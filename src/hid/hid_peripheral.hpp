#pragma once
// The device end of a HID link: what a UPS firmware answers. The simulator implements it
// (sim/hid_firmware.hpp); HidSocketServer carries it over a Unix socket to a host.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "hid/hid_device.hpp"

namespace aups::hid {

class HidPeripheral {
 public:
  virtual ~HidPeripheral() = default;
  virtual HidInfo info() const = 0;
  virtual std::vector<std::uint8_t> descriptor() const = 0;
  // Get_Report(Feature): the report with its ID byte first when numbered.
  virtual HidResult<Report> get_feature(std::uint8_t report_id) = 0;
  // Set_Report(Feature): the device refuses what it cannot apply, with a reason.
  virtual std::optional<HidError> set_feature(std::span<const std::uint8_t> report) = 0;
  // USB string descriptor by index (iManufacturer ...); nullopt when there is none.
  virtual std::optional<std::string> string_at(int index) const = 0;
  // Input reports whose content changed since the last call (all of them on the first call).
  virtual std::vector<Report> take_changed_inputs() = 0;
};

}  // namespace aups::hid
