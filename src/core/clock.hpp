#pragma once
// Injected time. Everything that waits or measures takes a Clock, so a 40-minute outage runs
// in a test in milliseconds (ManualClock) and in production in real time (SteadyClock).
#include <atomic>
#include <chrono>

namespace aups {

using Seconds = std::chrono::duration<double>;

class Clock {
 public:
  virtual ~Clock() = default;
  // Monotonic seconds since an arbitrary epoch.
  virtual double now_s() const = 0;
};

class SteadyClock final : public Clock {
 public:
  double now_s() const override {
    return std::chrono::duration_cast<Seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
  }
};

// Time moves only when told to.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(double start_s = 0.0) : t_(start_s) {}
  double now_s() const override { return t_.load(std::memory_order_acquire); }
  void advance(double dt_s) { t_.store(t_.load() + dt_s, std::memory_order_release); }
  void set(double t_s) { t_.store(t_s, std::memory_order_release); }

 private:
  std::atomic<double> t_;
};

// Wall-clock Unix time, for timestamps people read (events, history).
double unix_time_s();

}  // namespace aups
