#include "hid/sim_socket_device.hpp"
#include "platform/unix_socket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace aups::hid {
namespace {

using wire::Type;
constexpr double kRequestTimeoutS = 2.0;  // a firmware answers control requests well within this

double mono_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::string take_cstr(const std::vector<std::uint8_t>& p, std::size_t& pos) {
  std::string s;
  while (pos < p.size() && p[pos] != 0) s.push_back(static_cast<char>(p[pos++]));
  ++pos;
  return s;
}

}  // namespace

HidResult<std::unique_ptr<HidDevice>> SimSocketDevice::open(const std::string& socket_path) {
  auto connected = platform::connect_unix(socket_path, 1.0);
  if (!connected)
    return HidError{HidError::Kind::NotFound, "no simulator at " + socket_path + ": " + connected.error().message};
  std::unique_ptr<SimSocketDevice> dev(new SimSocketDevice(*connected));
  auto r = dev->request(Type::GetInfo, {});
  if (auto* e = error_of(r)) return *e;
  auto& p = std::get<wire::Frame>(r).payload;
  if (p.size() < 4) return HidError{HidError::Kind::Protocol, "short Info frame"};
  dev->info_.path = "sim://" + socket_path;
  dev->info_.vendor_id = static_cast<std::uint16_t>(p[0] | p[1] << 8);
  dev->info_.product_id = static_cast<std::uint16_t>(p[2] | p[3] << 8);
  std::size_t pos = 4;
  dev->info_.manufacturer = take_cstr(p, pos);
  dev->info_.product = take_cstr(p, pos);
  dev->info_.serial = take_cstr(p, pos);
  return std::unique_ptr<HidDevice>(std::move(dev));
}

SimSocketDevice::~SimSocketDevice() { close(); }

void SimSocketDevice::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

HidError SimSocketDevice::gone(const std::string& why) {
  close();
  err_ = HidError{HidError::Kind::Disconnected, "simulator link lost: " + why};
  return *err_;
}

bool SimSocketDevice::pump(double timeout_s) {
  if (fd_ < 0) {
    if (!err_) err_ = HidError{HidError::Kind::Disconnected, "device closed"};
    return false;
  }
  pollfd p{fd_, POLLIN, 0};
  int ms = timeout_s <= 0 ? 0 : static_cast<int>(timeout_s * 1000 + 0.999);
  int n = ::poll(&p, 1, ms);
  if (n < 0 && errno != EINTR) return gone(std::strerror(errno)), false;
  if (n <= 0) return true;
  std::uint8_t buf[4096];
  ssize_t got = ::recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
  if (got == 0) return gone("hung up"), false;
  if (got < 0) return (errno == EAGAIN || errno == EINTR) ? true : (gone(std::strerror(errno)), false);
  reader_.feed(std::span(buf, static_cast<std::size_t>(got)));
  while (auto f = reader_.next()) {
    if (f->type == Type::Input) inputs_.push_back(std::move(f->payload));
    else replies_.push_back(std::move(*f));
  }
  if (reader_.bad()) return gone("malformed frame"), false;
  return true;
}

HidResult<wire::Frame> SimSocketDevice::request(Type type, std::span<const std::uint8_t> payload) {
  if (fd_ < 0) return err_.value_or(HidError{HidError::Kind::Disconnected, "device closed"});
  auto bytes = wire::encode(type, payload);
  for (std::size_t off = 0; off < bytes.size();) {
    ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return gone(std::strerror(errno));
    off += static_cast<std::size_t>(n);
  }
  double deadline = mono_s() + kRequestTimeoutS;
  while (replies_.empty()) {
    double left = deadline - mono_s();
    if (left <= 0) return gone("no answer within 2 s");
    if (!pump(left)) return *err_;
  }
  wire::Frame f = std::move(replies_.front());
  replies_.pop_front();
  if (f.type == Type::Error) return HidError{HidError::Kind::Io, wire::text_of(f)};
  return f;
}

HidResult<std::vector<std::uint8_t>> SimSocketDevice::descriptor() {
  auto r = request(Type::GetDescriptor, {});
  if (auto* e = error_of(r)) return *e;
  auto& f = std::get<wire::Frame>(r);
  if (f.type != Type::Descriptor) return HidError{HidError::Kind::Protocol, "expected a Descriptor frame"};
  return std::move(f.payload);
}

HidResult<Report> SimSocketDevice::read_input(double timeout_s) {
  double deadline = mono_s() + timeout_s;
  while (inputs_.empty()) {
    double left = deadline - mono_s();
    if (!pump(left > 0 ? left : 0)) return *err_;
    if (left <= 0) break;
  }
  if (inputs_.empty()) return Report{};
  Report r = std::move(inputs_.front());
  inputs_.pop_front();
  return r;
}

HidResult<Report> SimSocketDevice::get_feature(std::uint8_t report_id, std::size_t wire_size) {
  std::uint8_t req[3] = {report_id, static_cast<std::uint8_t>(wire_size), static_cast<std::uint8_t>(wire_size >> 8)};
  auto r = request(Type::GetFeature, req);
  if (auto* e = error_of(r)) return *e;
  auto& f = std::get<wire::Frame>(r);
  if (f.type != Type::Feature) return HidError{HidError::Kind::Protocol, "expected a Feature frame"};
  return std::move(f.payload);
}

std::optional<HidError> SimSocketDevice::set_feature(std::span<const std::uint8_t> report) {
  auto r = request(Type::SetFeature, report);
  if (auto* e = error_of(r)) return *e;
  if (std::get<wire::Frame>(r).type != Type::SetDone) return HidError{HidError::Kind::Protocol, "expected SetDone"};
  return std::nullopt;
}

}  // namespace aups::hid
