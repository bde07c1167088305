#include "ipc/server.hpp"

#include <cerrno>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/clock.hpp"

namespace aups::ipc {
namespace {
double monotonic_s() { return SteadyClock().now_s(); }
}  // namespace

using nlohmann::json;

Server::Server(Handler handler, ServerLimits limits) : handler_(std::move(handler)), limits_(limits) {
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

Server::~Server() {
  stop();
  for (auto& [id, c] : conns_) ::close(c.fd);
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    ::unlink(path_.c_str());
  }
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

Status Server::listen(const std::string& path, unsigned mode) {
  auto listening = platform::listen_unix(path, mode);
  if (!listening) return listening.error();
  listen_fd_ = *listening;
  path_ = path;
  return {};
}

void Server::start() { thread_ = std::thread([this] { run(); }); }

void Server::stop() {
  stop_ = true;
  wake();
  if (thread_.joinable()) thread_.join();
}

void Server::wake() {
  std::uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
}

void Server::reply(std::uint64_t client_id, const json& line) {
  {
    std::lock_guard lock(outbox_mu_);
    outbox_.emplace_back(client_id, to_line(line));
  }
  wake();
}

void Server::publish(const json& line) { reply(0, line); }

void Server::queue(Conn& c, const std::string& line) {
  if (c.closing && c.out.empty()) return;
  // Only bytes the socket will not take count against the limit: a burst larger than the
  // limit (many pushes drained at once) must not drop a client that reads.
  if (c.out.size() + line.size() > limits_.max_output) write_to(c);
  if (c.closing && c.out.empty()) return;
  if (c.out.size() + line.size() > limits_.max_output) {
    // It does not read: drop it rather than hold memory or block the loop.
    ::shutdown(c.fd, SHUT_RDWR);
    c.out.clear();
    c.closing = true;
    ++dropped_;
    return;
  }
  c.out += line;
}

void Server::drain_outbox() {
  std::uint64_t counter;
  [[maybe_unused]] ssize_t n = ::read(wake_fd_, &counter, sizeof counter);
  std::vector<std::pair<std::uint64_t, std::string>> lines;
  {
    std::lock_guard lock(outbox_mu_);
    lines.swap(outbox_);
  }
  for (auto& [id, line] : lines) {
    if (id == 0) {
      for (auto& [cid, c] : conns_)
        if (c.subscriber && !c.closing) queue(c, line);
    } else if (auto it = conns_.find(id); it != conns_.end()) {
      queue(it->second, line);
    }
  }
}

void Server::accept_all() {
  for (;;) {
    int fd = platform::accept_unix(listen_fd_);
    if (fd < 0) return;
    auto peer = platform::peer_credentials(fd);
    if (std::string why = refusal(peer); !why.empty()) {
      // Refuse politely: one line saying why (the client shows it), then close.
      std::string line = to_line(error_reply(nullptr, why));
      [[maybe_unused]] ssize_t n = ::send(fd, line.data(), line.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      ::close(fd);
      continue;
    }
    Conn c{fd, ClientInfo{next_id_++, peer}, LineBuffer{limits_.max_line}, {}, false, false, monotonic_s()};
    conns_.emplace(c.info.id, std::move(c));
  }
}

std::string Server::refusal(const std::optional<platform::PeerCredentials>& peer) const {
  if (conns_.size() >= limits_.max_clients) return "too many clients connected to aupsd; try again later";
  if (!peer || peer->uid == 0) return "";
  std::size_t same = 0;
  for (auto& [id, c] : conns_) same += c.info.peer && c.info.peer->uid == peer->uid && !c.closing;
  if (same >= limits_.max_clients_per_uid)
    return "too many connections from uid " + std::to_string(peer->uid) + " (at most " +
           std::to_string(limits_.max_clients_per_uid) + " per user); close some and try again";
  return "";
}

void Server::close_idle(double now) {
  for (auto& [id, c] : conns_)
    if (!c.subscriber && !c.closing && now - c.last_heard_s > limits_.idle_timeout_s) {
      queue(c, to_line(error_reply(nullptr, "idle for " + std::to_string(static_cast<int>(limits_.idle_timeout_s)) +
                                                " s; closing the connection")));
      c.closing = true;
    }
}

void Server::read_from(Conn& c) {
  char buf[65536];
  ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
  if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
  if (n <= 0) {
    c.closing = true;
    c.out.clear();
    return;
  }
  c.last_heard_s = monotonic_s();
  c.in.feed(std::string_view(buf, static_cast<std::size_t>(n)));
  std::string line;
  for (;;) {
    auto next = c.in.next(line);
    if (next == LineBuffer::Next::NeedMore) return;
    if (next == LineBuffer::Next::TooLong) {
      queue(c, to_line(error_reply(nullptr, "request line longer than " + std::to_string(limits_.max_line) +
                                                " bytes; closing the connection")));
      c.closing = true;
      return;
    }
    if (line.empty()) continue;
    json id;
    auto req = parse_request(line, &id);
    if (!req) {
      queue(c, to_line(error_reply(id, req.error().message)));
      continue;
    }
    std::optional<json> r;
    try {
      r = handler_(*req, c.info);
    } catch (const std::exception& e) {
      r = error_reply(id, std::string("internal error: ") + e.what());
    }
    if (!r) continue;
    if (req->cmd == "subscribe" && r->value("ok", false)) c.subscriber = true;
    queue(c, to_line(*r));
    if (c.closing) return;
  }
}

void Server::write_to(Conn& c) {
  while (!c.out.empty()) {
    ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return;
    if (n <= 0) {
      c.out.clear();
      c.closing = true;
      return;
    }
    c.out.erase(0, static_cast<std::size_t>(n));
  }
}

void Server::run() {
  std::vector<pollfd> fds;
  std::vector<std::uint64_t> ids;
  while (!stop_) {
    fds.assign({{wake_fd_, POLLIN, 0}, {listen_fd_, POLLIN, 0}});
    ids.assign(2, 0);
    for (auto& [id, c] : conns_) {
      fds.push_back({c.fd, static_cast<short>((c.closing ? 0 : POLLIN) | (c.out.empty() ? 0 : POLLOUT)), 0});
      ids.push_back(id);
    }
    if (::poll(fds.data(), fds.size(), 1000) < 0 && errno != EINTR) break;
    if (fds[0].revents) drain_outbox();
    if (fds[1].revents & POLLIN) accept_all();
    for (std::size_t i = 2; i < fds.size(); ++i) {
      auto it = conns_.find(ids[i]);
      if (it == conns_.end()) continue;
      Conn& c = it->second;
      if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) read_from(c);
      if (!c.out.empty()) write_to(c);
    }
    close_idle(monotonic_s());
    for (auto it = conns_.begin(); it != conns_.end();) {
      if (it->second.closing && it->second.out.empty()) {
        ::close(it->second.fd);
        it = conns_.erase(it);
      } else {
        ++it;
      }
    }
    client_count_ = conns_.size();
  }
}

}  // namespace aups::ipc
