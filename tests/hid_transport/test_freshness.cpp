// Freshness through the simulator's HID socket (issue 11 part 4): a reading is fresh only
// when the device answered. A firmware that hangs but stays enumerated refuses every Feature
// read and sends no Input report: its data must age into stale, not be stamped "updated now".
#include <catch2/catch.hpp>

#include <atomic>
#include <memory>

#include "core/clock.hpp"
#include "hid/hid_source.hpp"
#include "hid/sim_socket_device.hpp"
#include "hid_transport/sim_host.hpp"

using namespace aups;

namespace {

// The real socket device, until `hung`: then every request fails as a wedged firmware's does.
class HangingDevice final : public hid::HidDevice {
 public:
  HangingDevice(std::unique_ptr<hid::HidDevice> real, const std::atomic<bool>& hung) : real_(std::move(real)), hung_(hung) {}
  const hid::HidInfo& info() const override { return real_->info(); }
  hid::HidResult<std::vector<std::uint8_t>> descriptor() override { return real_->descriptor(); }
  hid::HidResult<hid::Report> read_input(double timeout_s) override {
    if (hung_) return hid::Report{};  // nothing arrives
    return real_->read_input(timeout_s);
  }
  hid::HidResult<hid::Report> get_feature(std::uint8_t id, std::size_t size) override {
    if (hung_) return hid::HidError{hid::HidError::Kind::Io, "timed out"};
    return real_->get_feature(id, size);
  }
  std::optional<hid::HidError> set_feature(std::span<const std::uint8_t> report) override {
    return real_->set_feature(report);
  }
  void close() override { real_->close(); }

 private:
  std::unique_ptr<hid::HidDevice> real_;
  const std::atomic<bool>& hung_;
};

}  // namespace

TEST_CASE("freshness: a hung firmware that stays enumerated turns stale after the dead time") {
  test::SimHost host;
  ManualClock clock(0);
  std::atomic<bool> hung{false};
  hid::DeviceOpener opener = [&]() -> hid::HidResult<std::unique_ptr<hid::HidDevice>> {
    auto dev = hid::SimSocketDevice::open(host.path());
    if (auto* e = hid::error_of(dev)) return *e;
    return std::unique_ptr<hid::HidDevice>(
        std::make_unique<HangingDevice>(std::move(std::get<std::unique_ptr<hid::HidDevice>>(dev)), hung));
  };
  hid::HidSourceOptions opt;
  opt.dead_time_s = 30;
  hid::HidSource src("sim://" + host.path(), "sim-hid", true, opener, hid::load_profiles(), clock, opt);
  REQUIRE_FALSE(src.open());
  CHECK_FALSE(src.reading().stale);

  // Answering: each Feature poll (every 5 s for this profile) keeps it fresh.
  for (int i = 0; i < 8; ++i) clock.advance(5), src.poll(0.01);
  CHECK_FALSE(src.reading().stale);
  double last_answer = src.reading().updated_s;

  hung = true;
  for (int i = 0; i < 7; ++i) {
    clock.advance(5);
    CHECK(src.poll(0.01) != PollResult::Updated);
    CHECK(src.reading().updated_s == last_answer);  // not "updated now"
  }
  CHECK(src.reading().connected);  // still enumerated...
  CHECK(src.reading().stale);      // ...but its data is past the dead time

  hung = false;  // the firmware recovers: the next Feature poll answers
  clock.advance(5);
  CHECK(src.poll(0.01) == PollResult::Updated);
  CHECK_FALSE(src.reading().stale);
}

TEST_CASE("freshness: a device that answers none of its Feature reports at open is not connected") {
  test::SimHost host;
  ManualClock clock(0);
  std::atomic<bool> hung{true};
  hid::DeviceOpener opener = [&]() -> hid::HidResult<std::unique_ptr<hid::HidDevice>> {
    auto dev = hid::SimSocketDevice::open(host.path());
    if (auto* e = hid::error_of(dev)) return *e;
    return std::unique_ptr<hid::HidDevice>(
        std::make_unique<HangingDevice>(std::move(std::get<std::unique_ptr<hid::HidDevice>>(dev)), hung));
  };
  hid::HidSource src("sim://" + host.path(), "sim-hid", true, opener, hid::load_profiles(), clock);
  auto err = src.open();
  REQUIRE(err);
  CHECK(err->find("answered none") != std::string::npos);
  CHECK_FALSE(src.reading().connected);
}
