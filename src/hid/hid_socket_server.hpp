#pragma once
// Serves a HidPeripheral on a Unix stream socket with the framed protocol of hid_wire.hpp
// (docs/hid-transport.md). Non-blocking: the owner polls fds() and calls service(); it pushes
// Input reports with push_input(). unplug()/replug() emulate pulling the USB cable.
// Not thread-safe; the owner serialises calls (and guards the peripheral's state).
#include <memory>
#include <string>
#include <vector>

#include "hid/hid_peripheral.hpp"
#include "hid/hid_wire.hpp"

namespace aups::hid {

class HidSocketServer {
 public:
  // Binds `path` (an existing socket file there is replaced). Throws std::runtime_error.
  HidSocketServer(std::string path, HidPeripheral& device);
  ~HidSocketServer();
  HidSocketServer(const HidSocketServer&) = delete;
  HidSocketServer& operator=(const HidSocketServer&) = delete;

  std::vector<int> fds() const;
  void service();                    // accept, answer requests; never blocks
  void push_input(const Report& r);  // to every client
  // Pushes the peripheral's changed Input reports (call after each simulation step).
  void push_changed_inputs();

  void unplug();  // clients see a hang-up, new connections are refused (the socket file goes)
  void replug();
  bool plugged() const { return listen_fd_ >= 0; }
  std::size_t client_count() const { return clients_.size(); }
  const std::string& path() const { return path_; }

 private:
  struct Client {
    int fd;
    wire::FrameReader reader;
  };
  void listen_now();
  void answer(Client& c, const wire::Frame& f);
  bool send_to(Client& c, const std::vector<std::uint8_t>& bytes);
  void drop_closed();

  std::string path_;
  HidPeripheral& device_;
  int listen_fd_ = -1;
  std::vector<std::unique_ptr<Client>> clients_;
};

}  // namespace aups::hid
