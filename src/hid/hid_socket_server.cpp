#include "hid/hid_socket_server.hpp"
#include "platform/unix_socket.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace aups::hid {
namespace {

using wire::Type;

std::vector<std::uint8_t> info_payload(const HidInfo& info) {
  std::vector<std::uint8_t> p{static_cast<std::uint8_t>(info.vendor_id), static_cast<std::uint8_t>(info.vendor_id >> 8),
                              static_cast<std::uint8_t>(info.product_id),
                              static_cast<std::uint8_t>(info.product_id >> 8)};
  for (const std::string* s : {&info.manufacturer, &info.product, &info.serial}) {
    p.insert(p.end(), s->begin(), s->end());
    p.push_back(0);
  }
  return p;
}

}  // namespace

HidSocketServer::HidSocketServer(std::string path, HidPeripheral& device)
    : path_(std::move(path)), device_(device) {
  if (path_.size() >= sizeof(sockaddr_un{}.sun_path))
    throw std::runtime_error("HID socket path too long: " + path_);
  listen_now();
}

HidSocketServer::~HidSocketServer() {
  unplug();
}

void HidSocketServer::listen_now() {
  auto listening = platform::listen_unix(path_, 0600);
  if (!listening) throw std::runtime_error("cannot listen on " + path_ + ": " + listening.error().message);
  listen_fd_ = *listening;
}

std::vector<int> HidSocketServer::fds() const {
  std::vector<int> out;
  if (listen_fd_ >= 0) out.push_back(listen_fd_);
  for (auto& c : clients_) out.push_back(c->fd);
  return out;
}

void HidSocketServer::service() {
  if (listen_fd_ >= 0) {
    for (int fd; (fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0;)
      clients_.push_back(std::make_unique<Client>(Client{fd, {}}));
  }
  for (auto& c : clients_) {
    std::uint8_t buf[4096];
    for (;;) {
      ssize_t n = ::recv(c->fd, buf, sizeof buf, 0);
      if (n > 0) {
        c->reader.feed(std::span(buf, static_cast<std::size_t>(n)));
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) {  // hung up or broken
        ::close(c->fd);
        c->fd = -1;
      }
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    while (c->fd >= 0) {
      auto frame = c->reader.next();
      if (!frame) break;
      answer(*c, *frame);
    }
    if (c->fd >= 0 && c->reader.bad()) {  // garbage length: this client is not speaking our protocol
      ::close(c->fd);
      c->fd = -1;
    }
  }
  drop_closed();
}

void HidSocketServer::answer(Client& c, const wire::Frame& f) {
  auto error = [&](const std::string& msg) { send_to(c, wire::encode(Type::Error, msg)); };
  switch (f.type) {
    case Type::GetInfo:
      send_to(c, wire::encode(Type::Info, info_payload(device_.info())));
      return;
    case Type::GetDescriptor:
      send_to(c, wire::encode(Type::Descriptor, device_.descriptor()));
      return;
    case Type::GetFeature: {
      if (f.payload.size() != 3) return error("GetFeature needs report id and length");
      std::size_t max_len = f.payload[1] | f.payload[2] << 8;
      auto r = device_.get_feature(f.payload[0]);
      if (auto* e = error_of(r)) return error(e->message);
      auto& report = std::get<Report>(r);
      if (report.size() > max_len) report.resize(max_len);  // as USB truncates to wLength
      send_to(c, wire::encode(Type::Feature, report));
      return;
    }
    case Type::SetFeature: {
      if (f.payload.empty()) return error("SetFeature without a report");
      if (auto e = device_.set_feature(f.payload)) return error(e->message);
      send_to(c, wire::encode(Type::SetDone));
      return;
    }
    case Type::GetString: {
      if (f.payload.size() != 1) return error("GetString needs one index byte");
      auto s = device_.string_at(f.payload[0]);
      if (!s) return error("no string at index " + std::to_string(f.payload[0]));
      send_to(c, wire::encode(Type::String, *s));
      return;
    }
    default:
      return error("unknown request type " + std::to_string(static_cast<int>(f.type)));
  }
}

bool HidSocketServer::send_to(Client& c, const std::vector<std::uint8_t>& bytes) {
  std::size_t off = 0;
  int stalls = 0;
  while (c.fd >= 0 && off < bytes.size()) {
    ssize_t n = ::send(c.fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n > 0) {
      off += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && errno == EAGAIN && ++stalls < 200) {
      ::usleep(500);  // a full socket buffer: give a slow reader up to 0.1 s, then drop it
    } else {
      ::close(c.fd);
      c.fd = -1;
    }
  }
  return c.fd >= 0;
}

void HidSocketServer::push_input(const Report& r) {
  auto frame = wire::encode(Type::Input, r);
  for (auto& c : clients_) send_to(*c, frame);
  drop_closed();
}

void HidSocketServer::push_changed_inputs() {
  auto changed = device_.take_changed_inputs();
  if (!plugged()) return;  // a firmware with no host attached sends nothing
  for (auto& r : changed) push_input(r);
}

void HidSocketServer::drop_closed() {
  std::erase_if(clients_, [](auto& c) { return c->fd < 0; });
}

void HidSocketServer::unplug() {
  for (auto& c : clients_) ::close(c->fd);
  clients_.clear();
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
    ::unlink(path_.c_str());
  }
}

void HidSocketServer::replug() {
  if (listen_fd_ < 0) listen_now();
}

}  // namespace aups::hid
