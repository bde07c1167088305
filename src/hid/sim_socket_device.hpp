#pragma once
// HidDevice over the simulator's Unix socket (sim://PATH): the same descriptor and report
// bytes a USB UPS would give, framed as in hid_wire.hpp.
#include <deque>
#include <memory>
#include <string>

#include "hid/hid_device.hpp"
#include "hid/hid_wire.hpp"

namespace aups::hid {

class SimSocketDevice final : public HidDevice {
 public:
  // Connects and fetches the device info. NotFound when nobody listens at `socket_path`.
  static HidResult<std::unique_ptr<HidDevice>> open(const std::string& socket_path);
  ~SimSocketDevice() override;

  const HidInfo& info() const override { return info_; }
  HidResult<std::vector<std::uint8_t>> descriptor() override;
  HidResult<Report> read_input(double timeout_s) override;
  HidResult<Report> get_feature(std::uint8_t report_id, std::size_t wire_size) override;
  std::optional<HidError> set_feature(std::span<const std::uint8_t> report) override;
  void close() override;

 private:
  explicit SimSocketDevice(int fd) : fd_(fd) {}
  // Sends a request and waits for its answer, queueing Input reports that arrive meanwhile.
  HidResult<wire::Frame> request(wire::Type type, std::span<const std::uint8_t> payload);
  // Receives whatever is there within timeout_s; false with err_ set when the link is gone.
  bool pump(double timeout_s);
  HidError gone(const std::string& why);

  int fd_ = -1;
  HidInfo info_;
  wire::FrameReader reader_;
  std::deque<Report> inputs_;
  std::deque<wire::Frame> replies_;
  std::optional<HidError> err_;
};

}  // namespace aups::hid
