#pragma once
// The agent's side of docs/ipc.md: one poll() thread serves every client. It enforces the
// limits (request line size, clients, per-client output queue) and hands parsed requests to
// a handler; replies can also come later, from another thread (reply()), and pushes go to all
// subscribers (publish()). Nothing here blocks on a slow client: a client whose unread
// output exceeds the limit is dropped.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "ipc/protocol.hpp"
#include "platform/unix_socket.hpp"

namespace aups::ipc {

struct ClientInfo {
  std::uint64_t id = 0;
  std::optional<platform::PeerCredentials> peer;
};

struct ServerLimits {
  std::size_t max_clients = 64;
  std::size_t max_line = kMaxRequestLine;
  std::size_t max_output = 4 * 1024 * 1024;  // bytes queued for one client beyond its full socket buffer
  std::size_t max_clients_per_uid = 8;  // root is exempt: one local user cannot hold every slot
  double idle_timeout_s = 60;           // a client that is no subscriber and sends nothing is closed
};

class Server {
 public:
  // Returns the reply, or nullopt when the handler will answer later with reply().
  // A successful reply to "subscribe" makes the client a subscriber.
  using Handler = std::function<std::optional<nlohmann::json>(const Request&, const ClientInfo&)>;

  explicit Server(Handler handler, ServerLimits limits = {});
  ~Server();  // stops the thread, closes every client and removes the socket file

  // Listens on path (see platform::listen_unix). Returns success, or an error saying why not.
  Status listen(const std::string& path, unsigned mode = 0666);
  void start();
  void stop();

  // Thread-safe. Queue a line for one client / every subscriber.
  void reply(std::uint64_t client_id, const nlohmann::json& line);
  void publish(const nlohmann::json& line);

  std::size_t clients() const { return client_count_.load(); }
  std::uint64_t dropped_clients() const { return dropped_.load(); }

 private:
  struct Conn {
    int fd = -1;
    ClientInfo info;
    LineBuffer in;
    std::string out;
    bool subscriber = false;
    bool closing = false;  // close once `out` is flushed
    double last_heard_s = 0;
  };
  std::string refusal(const std::optional<platform::PeerCredentials>& peer) const;
  void close_idle(double now);
  void run();
  void accept_all();
  void read_from(Conn& c);
  void write_to(Conn& c);
  void queue(Conn& c, const std::string& line);
  void drain_outbox();
  void wake();

  Handler handler_;
  ServerLimits limits_;
  std::string path_;
  int listen_fd_ = -1, wake_fd_ = -1;
  std::map<std::uint64_t, Conn> conns_;
  std::uint64_t next_id_ = 1;
  std::mutex outbox_mu_;
  std::vector<std::pair<std::uint64_t, std::string>> outbox_;  // id 0 = every subscriber
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> client_count_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::thread thread_;
};

}  // namespace aups::ipc
