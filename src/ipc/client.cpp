#include "ipc/client.hpp"

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "platform/unix_socket.hpp"

namespace aups::ipc {
using nlohmann::json;

namespace {
double now_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

CallResult::operator bool() const {
  return error.empty() && reply.is_object() && reply.value("ok", false);
}

std::string CallResult::message() const {
  if (!error.empty()) return error;
  if (reply.is_object() && reply.contains("error") && reply["error"].is_string())
    return reply["error"].get<std::string>();
  return {};
}

Client::~Client() { close(); }
Client::Client(Client&& o) noexcept : fd_(o.fd_), in_(std::move(o.in_)), next_id_(o.next_id_) { o.fd_ = -1; }
Client& Client::operator=(Client&& o) noexcept {
  if (this != &o) {
    close();
    fd_ = o.fd_;
    in_ = std::move(o.in_);
    next_id_ = o.next_id_;
    o.fd_ = -1;
  }
  return *this;
}

Status Client::connect(const std::string& path, double timeout_s) {
  close();
  auto connected = platform::connect_unix(path, timeout_s);
  if (!connected) return Error{connected.error().message + " (is aupsd running?)"};
  fd_ = *connected;
  in_ = LineBuffer{kMaxReplyLine};
  return {};
}

void Client::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool Client::send(const json& j) {
  if (fd_ < 0) return false;
  std::string line = to_line(j);
  std::size_t off = 0;
  while (off < line.size()) {
    ssize_t n = ::send(fd_, line.data() + off, line.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // the fd stays open: a refusal the server sent may still be read
    off += static_cast<std::size_t>(n);
  }
  return true;
}

std::optional<json> Client::read_line(double timeout_s, bool* closed) {
  if (closed) *closed = false;
  const double deadline = now_s() + timeout_s;
  std::string line;
  for (;;) {
    if (fd_ < 0) {
      if (closed) *closed = true;
      return std::nullopt;
    }
    switch (in_.next(line)) {
      case LineBuffer::Next::Line: {
        json j = json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object()) continue;  // not ours to judge; skip
        return j;
      }
      case LineBuffer::Next::TooLong:
        close();
        if (closed) *closed = true;
        return std::nullopt;
      case LineBuffer::Next::NeedMore: break;
    }
    double left = deadline - now_s();
    if (left <= 0) return std::nullopt;
    pollfd p{fd_, POLLIN, 0};
    int rc = ::poll(&p, 1, static_cast<int>(left * 1000) + 1);
    if (rc < 0 && errno == EINTR) continue;
    if (rc == 0) continue;  // re-checks the deadline
    char buf[16384];
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) {
      close();
      if (closed) *closed = true;
      return std::nullopt;
    }
    in_.feed(std::string_view(buf, static_cast<std::size_t>(n)));
  }
}

CallResult Client::request(json req, double timeout_s) {
  CallResult r;
  if (!req.is_object()) {
    r.error = "request must be a JSON object";
    return r;
  }
  if (!req.contains("id")) req["id"] = next_id_++;
  const bool sent = fd_ >= 0 && send(req);
  if (fd_ < 0) {
    r.error = "not connected to aupsd";
    return r;
  }
  // Unsent, only the server's refusal (if any) is left to read.
  const double deadline = now_s() + (sent ? timeout_s : std::min(timeout_s, 0.5));
  for (;;) {
    bool closed = false;
    auto line = read_line(deadline - now_s(), &closed);
    if (!line) {
      r.error = closed || !sent ? "aupsd closed the connection" : "no reply from aupsd within the timeout";
      close();
      return r;
    }
    if (line->contains("push")) continue;
    if (line->value("id", json()).is_null() && !line->value("ok", true)) {
      // Not a reply but the server refusing the connection ("too many clients ..."): say why.
      r.error = "aupsd refused: " + line->value("error", std::string("no reason given"));
      close();
      return r;
    }
    if (line->value("id", json()) != req["id"]) continue;
    r.reply = std::move(*line);
    return r;
  }
}

CallResult call(const std::string& socket_path, json req, double timeout_s) {
  Client c;
  if (auto connected = c.connect(socket_path, timeout_s); !connected)
    return CallResult{nullptr, connected.error().message};
  return c.request(std::move(req), timeout_s);
}

Subscription::Subscription(std::string socket_path, Handlers handlers, double max_backoff_s)
    : path_(std::move(socket_path)), handlers_(std::move(handlers)), max_backoff_s_(max_backoff_s) {
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) stop_pipe_[0] = stop_pipe_[1] = -1;
  thread_ = std::thread([this] { run(); });
}

Subscription::~Subscription() {
  if (stop_pipe_[1] >= 0) {
    char c = 1;
    [[maybe_unused]] ssize_t n = ::write(stop_pipe_[1], &c, 1);
  }
  if (thread_.joinable()) thread_.join();
  for (int fd : stop_pipe_)
    if (fd >= 0) ::close(fd);
}

bool Subscription::wait_or_stop(double seconds) {
  pollfd p{stop_pipe_[0], POLLIN, 0};
  return ::poll(&p, 1, static_cast<int>(seconds * 1000)) > 0;  // true = stop requested
}

void Subscription::run() {
  double backoff = 0.1;
  std::string last_why;
  for (;;) {
    Client c;
    auto connected = c.connect(path_, 2.0);
    std::optional<std::string> err;  // why this round did not subscribe
    CallResult r;
    if (!connected) {
      err = connected.error().message;
    } else {
      r = c.request({{"cmd", "subscribe"}}, 5.0);
      if (!r) err = r.message();
    }
    if (err) {
      if (connected_.exchange(false) || *err != last_why)
        if (handlers_.on_connection) handlers_.on_connection(false, *err);
      last_why = *err;
      if (wait_or_stop(backoff)) return;
      backoff = std::min(backoff * 2, max_backoff_s_);
      continue;
    }
    backoff = 0.1;
    last_why.clear();
    connected_ = true;
    if (handlers_.on_connection) handlers_.on_connection(true, "");
    if (handlers_.on_snapshot && r.reply.contains("snapshot")) handlers_.on_snapshot(r.reply["snapshot"]);
    for (;;) {
      bool closed = false;
      auto line = c.read_line(0.2, &closed);  // returns as soon as a line arrives
      if (wait_or_stop(0)) return;
      if (closed) break;
      if (!line) continue;
      const std::string push = line->value("push", "");
      if (push == "snapshot" && handlers_.on_snapshot) handlers_.on_snapshot((*line)["snapshot"]);
      else if (push == "event" && handlers_.on_event) handlers_.on_event((*line)["event"]);
    }
    connected_ = false;
    last_why = "aupsd closed the connection";
    if (handlers_.on_connection) handlers_.on_connection(false, last_why);
    if (wait_or_stop(backoff)) return;
  }
}

}  // namespace aups::ipc
