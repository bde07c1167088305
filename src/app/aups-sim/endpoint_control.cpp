// --control PATH: a Unix stream socket taking operator commands, one line each (docs/sim-control.md):
// "mains off", "mains on", "input V", "load W", "scenario". The loop steps as soon as a command
// arrives, so the change is visible (and pushed by the device endpoints) at once; each command
// is answered "ok <CLOCK_MONOTONIC s> <simulator s>" after that step, or "error <why>".
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "platform/unix_socket.hpp"
#include "app/aups-sim/endpoint.hpp"
#include "sim/control.hpp"
#include "sim/scenario.hpp"
#include "sim/simulator.hpp"

namespace aups::sim {
namespace {

std::string g_control_path;
constexpr std::size_t kMaxLine = 256;  // longer lines are not commands: the client is dropped

double monotonic_s() {
  timespec ts{};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

class ControlEndpoint final : public Endpoint {
 public:
  ControlEndpoint(ScenarioRunner& runner, const std::string& path) : runner_(runner), path_(path) {
    auto listening = platform::listen_unix(path, 0600);
    if (!listening) throw std::runtime_error("cannot listen on " + path + ": " + listening.error().message);
    listen_fd_ = *listening;
  }
  ~ControlEndpoint() override {
    for (auto& c : clients_) ::close(c.fd);
    ::close(listen_fd_);
    ::unlink(path_.c_str());
  }

  std::vector<int> fds() const override {
    std::vector<int> out{listen_fd_};
    for (auto& c : clients_) out.push_back(c.fd);
    return out;
  }

  void service(Simulator&) override {
    for (int fd; (fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;)
      clients_.push_back(Client{fd, {}, 0});
    for (auto& c : clients_) read_commands(c);
    std::erase_if(clients_, [](const Client& c) { return c.fd < 0; });
  }

  bool wants_step() const override {
    for (auto& c : clients_)
      if (c.pending > 0) return true;
    return false;
  }

  // The step that applied the commands is done: answer them with its time.
  void on_step(Simulator& sim) override {
    char ok[80];
    std::snprintf(ok, sizeof ok, "ok %.6f %.3f\n", monotonic_s(), sim.time_s());
    for (auto& c : clients_)
      for (; c.pending > 0; --c.pending) reply(c, ok);
    std::erase_if(clients_, [](const Client& c) { return c.fd < 0; });
  }

 private:
  struct Client {
    int fd;
    std::string buffer;
    int pending;  // applied, not yet answered (answered after the next step)
  };

  void read_commands(Client& c) {
    char buf[512];
    ssize_t n;
    while ((n = ::recv(c.fd, buf, sizeof buf, 0)) > 0) c.buffer.append(buf, static_cast<std::size_t>(n));
    for (std::size_t eol; c.fd >= 0 && (eol = c.buffer.find('\n')) != std::string::npos;) {
      std::string line = c.buffer.substr(0, eol);
      c.buffer.erase(0, eol + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      if (auto applied = apply_control(runner_, line); !applied) reply(c, "error " + applied.error().message + "\n");
      else ++c.pending;
    }
    const bool hung_up = n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR);
    if ((hung_up && c.pending == 0) || c.buffer.size() > kMaxLine) drop(c);
  }

  void reply(Client& c, const std::string& text) {
    if (c.fd < 0) return;
    // Replies are short; a client that does not read them is dropped rather than waited for.
    if (::send(c.fd, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT) != static_cast<ssize_t>(text.size()))
      drop(c);
  }

  void drop(Client& c) {
    if (c.fd >= 0) ::close(c.fd);
    c.fd = -1;
    c.pending = 0;
  }

  ScenarioRunner& runner_;
  std::string path_;
  int listen_fd_ = -1;
  std::vector<Client> clients_;
};

RegisterEndpoint reg({
    "control",
    [](CLI::App& app) {
      app.add_option("--control", g_control_path,
                     "take operator commands on this Unix socket: 'mains off|on', 'input V', 'load W', "
                     "'scenario' (docs/sim-control.md)");
    },
    [](ScenarioRunner& runner) -> std::unique_ptr<Endpoint> {
      if (g_control_path.empty()) return nullptr;
      auto ep = std::make_unique<ControlEndpoint>(runner, g_control_path);
      std::cerr << "aups-sim: operator control on " << g_control_path << "\n";
      return ep;
    },
});

}  // namespace
}  // namespace aups::sim
