#pragma once
// A UpsSource the test drives by hand: set the status, drop the link, see what was written.
#include <mutex>

#include "core/ups_source.hpp"

namespace aups::test {

class FakeSource final : public UpsSource {
 public:
  struct Shared {
    std::mutex mu;
    UpsReading reading;
    bool reachable = true;
    int opens = 0, output_off_delay = -1;
    std::optional<std::string> write_error;
  };
  explicit FakeSource(std::shared_ptr<Shared> s) : s_(std::move(s)) {}

  std::string uri() const override { return "fake://test"; }
  std::string transport() const override { return "fake"; }
  bool simulated() const override { return true; }
  std::optional<std::string> open() override {
    std::lock_guard lock(s_->mu);
    ++s_->opens;
    if (!s_->reachable) return std::string("fake UPS unreachable");
    s_->reading.connected = true;
    s_->reading.stale = false;
    return std::nullopt;
  }
  PollResult poll(double timeout_s) override {
    {
      std::lock_guard lock(s_->mu);
      if (!s_->reachable) {
        s_->reading.connected = false;
        s_->reading.stale = true;
        return PollResult::Disconnected;
      }
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(std::min(timeout_s, 0.02)));
    return PollResult::Updated;
  }
  UpsReading reading() const override {
    std::lock_guard lock(s_->mu);
    UpsReading r = s_->reading;
    r.updated_s = SteadyClock().now_s();
    return r;
  }
  std::optional<std::string> write_settings(const UpsSettings& st) override {
    std::lock_guard lock(s_->mu);
    if (s_->write_error) return s_->write_error;
    s_->reading.settings = st;
    return std::nullopt;
  }
  std::optional<std::string> write_network(const NetworkSettings& n) override {
    std::lock_guard lock(s_->mu);
    s_->reading.network = n;
    return std::nullopt;
  }
  std::optional<std::string> shutdown_output_after(int delay_s) override {
    std::lock_guard lock(s_->mu);
    s_->output_off_delay = delay_s;
    return std::nullopt;
  }

 private:
  std::shared_ptr<Shared> s_;
};

// A UPS on mains, full, 10 W load.
inline UpsReading online_reading() {
  UpsReading r;
  r.identity = {"IEI Integration Corp.", "AUPS2-A20", "1.0", "AUPS2", "FAKE1"};
  r.status.mains_present = true;
  r.status.output_on = true;
  r.status.charge_pct = 100;
  r.status.output_power_w = 10;
  r.status.battery_voltage = 8.2;
  r.status.battery_current = 0;
  r.status.runtime_s = 7200;
  r.status.flags.set(StatusFlag::OL);
  r.settings = UpsSettings{};
  r.network = NetworkSettings{};
  r.connected = true;
  r.stale = false;
  return r;
}

}  // namespace aups::test
