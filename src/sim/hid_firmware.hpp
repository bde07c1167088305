#pragma once
// The AUPS2-A20's USB firmware as simulated: serves aups2_report_descriptor(), answers
// Get/Set Feature from and into the Simulator, and produces Input reports when its state
// changes. No sockets: hid::HidSocketServer (or a test) carries it to a host.
// Not thread-safe: whoever shares the Simulator across threads locks around every call.
#include <map>
#include <optional>

#include "hid/hid_peripheral.hpp"
#include "hid/report_descriptor.hpp"
#include "sim/simulator.hpp"

namespace aups::sim {

class Aups2HidFirmware final : public hid::HidPeripheral {
 public:
  explicit Aups2HidFirmware(Simulator& sim);

  hid::HidInfo info() const override;
  std::vector<std::uint8_t> descriptor() const override;
  hid::HidResult<hid::Report> get_feature(std::uint8_t report_id) override;
  std::optional<hid::HidError> set_feature(std::span<const std::uint8_t> report) override;
  std::optional<std::string> string_at(int index) const override;
  std::vector<hid::Report> take_changed_inputs() override;

  const hid::HidReportDescriptor& parsed() const { return desc_; }
  // Builds any report from the current state (Input or Feature).
  std::optional<hid::Report> build(hid::ReportType type, std::uint8_t report_id) const;

 private:
  std::optional<hid::HidError> apply(std::uint8_t report_id, std::span<const std::uint8_t> report);

  Simulator& sim_;
  hid::HidReportDescriptor desc_;
  std::map<std::uint8_t, hid::Report> last_inputs_;
  std::optional<double> kill_at_s_;  // simulator time the armed output-off fires
};

}  // namespace aups::sim
