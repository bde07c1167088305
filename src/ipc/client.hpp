#pragma once
// Talking to aupsd (docs/ipc.md) from aupsctl and the overlay.
//
//   ipc::Client c;
//   if (auto connected = c.connect(ipc::default_socket_path(), 2.0); !connected) { ... }
//   ipc::CallResult r = c.request({{"cmd", "status"}}, 2.0);
//   if (r) use(r.reply["snapshot"]); else show(r.message());
//
//   ipc::Subscription sub(path, {.on_snapshot = ..., .on_event = ..., .on_connection = ...});
//   // callbacks run on the subscription's own thread; it reconnects by itself until destroyed.
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "ipc/protocol.hpp"

namespace aups::ipc {

struct CallResult {
  nlohmann::json reply;  // the agent's whole reply object (null on a transport error)
  std::string error;     // transport error (cannot connect, timeout, closed); empty otherwise
  // True when the agent answered {"ok": true}.
  explicit operator bool() const;
  // What went wrong, in words: the transport error or the agent's "error" field.
  std::string message() const;
};

// One connection, one request at a time. Not thread-safe; use one Client per thread.
class Client {
 public:
  Client() = default;
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  Client(Client&& other) noexcept;
  Client& operator=(Client&& other) noexcept;

  // Returns success when connected, or an error (ending "(is aupsd running?)").
  Status connect(const std::string& socket_path, double timeout_s);
  bool connected() const { return fd_ >= 0; }
  void close();

  // Sends req (an "id" is added when absent) and waits at most timeout_s for its reply.
  // Pushed lines that arrive meanwhile are skipped. A timeout or broken link closes the client.
  CallResult request(nlohmann::json req, double timeout_s);

  // Waits at most timeout_s for the next line (a reply or a push). nullopt on timeout/close;
  // *closed tells them apart.
  std::optional<nlohmann::json> read_line(double timeout_s, bool* closed = nullptr);
  bool send(const nlohmann::json& j);

 private:
  int fd_ = -1;
  LineBuffer in_{kMaxReplyLine};
  long next_id_ = 1;
};

// Connect, request, close: for one-shot commands.
CallResult call(const std::string& socket_path, nlohmann::json req, double timeout_s = 5.0);

// A live feed: subscribes and delivers pushed snapshots and events to callbacks on its own
// thread; reconnects (with backoff up to max_backoff_s) whenever the agent goes away.
class Subscription {
 public:
  struct Handlers {
    std::function<void(const nlohmann::json& snapshot)> on_snapshot;  // first one = the subscribe reply
    std::function<void(const nlohmann::json& event)> on_event;
    std::function<void(bool connected, const std::string& why)> on_connection;
  };
  Subscription(std::string socket_path, Handlers handlers, double max_backoff_s = 5.0);
  ~Subscription();  // stops and joins; no callback runs after it returns
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  bool connected() const { return connected_.load(); }

 private:
  void run();
  bool wait_or_stop(double seconds);

  std::string path_;
  Handlers handlers_;
  double max_backoff_s_;
  int stop_pipe_[2] = {-1, -1};
  std::atomic<bool> connected_{false};
  std::thread thread_;
};

}  // namespace aups::ipc
