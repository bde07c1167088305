#pragma once
// Test fixture: a Simulator with its HID firmware served on a Unix socket by a background
// thread (as aups-sim's --hid-socket does). Tests change the simulator through with(), under
// the same lock the server thread takes.
#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>

#include "hid/hid_socket_server.hpp"
#include "sim/hid_firmware.hpp"
#include "sim/simulator.hpp"

namespace aups::test {

inline std::string temp_socket_path(const char* tag) {
  static std::atomic<int> n{0};
  return "/tmp/aups-" + std::string(tag) + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++) + ".sock";
}

inline sim::SimConfig test_config() {
  sim::SimConfig c;
  c.initial_charge_pct = 80;
  c.load_w = 25;
  c.input_voltage = 19;
  return c;
}

class SimHost {
 public:
  explicit SimHost(sim::SimConfig config = test_config(), const char* tag = "hid")
      : sim_(config), firmware_(sim_), server_(temp_socket_path(tag), firmware_) {
    thread_ = std::thread([this] { loop(); });
  }
  ~SimHost() {
    stop_ = true;
    thread_.join();
  }
  const std::string& path() const { return server_.path(); }

  template <class F>
  auto with(F f) {
    std::lock_guard lk(mu_);
    return f(sim_);
  }
  void step(double dt) { with([&](sim::Simulator& s) { s.step(dt); }); }
  void unplug() { std::lock_guard lk(mu_); server_.unplug(); }
  void replug() { std::lock_guard lk(mu_); server_.replug(); }
  std::size_t clients() { std::lock_guard lk(mu_); return server_.client_count(); }

 private:
  void loop() {
    while (!stop_) {
      std::vector<pollfd> p;
      {
        std::lock_guard lk(mu_);
        for (int fd : server_.fds()) p.push_back({fd, POLLIN, 0});
      }
      ::poll(p.data(), p.size(), 5);
      std::lock_guard lk(mu_);
      server_.service();
      server_.push_changed_inputs();
    }
  }

  std::mutex mu_;
  sim::Simulator sim_;
  sim::Aups2HidFirmware firmware_;
  hid::HidSocketServer server_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace aups::test
