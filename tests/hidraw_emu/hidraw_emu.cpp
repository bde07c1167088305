// TEST-ONLY LD_PRELOAD library: presents an emulated hidraw node so the real, unmodified
// libhidapi-hidraw can be driven end to end on a kernel without uhid. Opening the node path
// ($AUPS_HIDRAW_EMU_PATH, default /dev/hidraw-aups-emu) connects to the simulator's HID socket
// ($AUPS_HIDRAW_EMU_SOCKET); the hidraw calls hidapi 0.13 makes on a node are translated:
//   open/open64/openat  -> connect (ENOENT while the simulator is "unplugged")
//   ioctl HIDIOCGRDESCSIZE/HIDIOCGRDESC/HIDIOCGRAWINFO/HIDIOCGRAWNAME/HIDIOCGRAWPHYS
//         HIDIOCGFEATURE/HIDIOCSFEATURE -> Info/Descriptor/GetFeature/SetFeature frames
//   poll/ppoll/read     -> Input frames (POLLHUP and ENODEV once the simulator hangs up)
//   write               -> ENOSYS (the AUPS2-A20 has no Output reports)
//   close               -> hang up
// Bypassed: udev (hid_enumerate and hid_get_device_info never see the node; open by path).
// Never linked into a production binary (tests/hidraw_emu/CMakeLists.txt).
#include <dlfcn.h>
#include <fcntl.h>
#include <linux/hidraw.h>
#include <linux/input.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <time.h>

#include "hid/hid_wire.hpp"

namespace {

namespace wire = aups::hid::wire;
using Bytes = std::vector<std::uint8_t>;

template <class F>
F real(const char* name) {
  static_assert(sizeof(F) == sizeof(void*));
  void* p = dlsym(RTLD_NEXT, name);
  F f;
  std::memcpy(&f, &p, sizeof f);
  return f;
}
auto real_open() { static auto f = real<int (*)(const char*, int, ...)>("open"); return f; }
auto real_openat() { static auto f = real<int (*)(int, const char*, int, ...)>("openat"); return f; }
auto real_close() { static auto f = real<int (*)(int)>("close"); return f; }
auto real_read() { static auto f = real<ssize_t (*)(int, void*, size_t)>("read"); return f; }
auto real_write() { static auto f = real<ssize_t (*)(int, const void*, size_t)>("write"); return f; }
auto real_poll() { static auto f = real<int (*)(pollfd*, nfds_t, int)>("poll"); return f; }
auto real_ioctl() { static auto f = real<int (*)(int, unsigned long, ...)>("ioctl"); return f; }

struct Node {
  bool nonblocking = false;
  bool hup = false;
  wire::FrameReader reader;
  std::deque<Bytes> inputs;
  std::deque<wire::Frame> replies;
};

std::recursive_mutex g_mu;
std::map<int, Node>& nodes() {
  static std::map<int, Node> m;
  return m;
}

std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}
bool is_emu_path(const char* path) { return path && env_or("AUPS_HIDRAW_EMU_PATH", "/dev/hidraw-aups-emu") == path; }

Node* node(int fd) {
  auto it = nodes().find(fd);
  return it == nodes().end() ? nullptr : &it->second;
}

int emu_open(int flags) {
  std::string sock = env_or("AUPS_HIDRAW_EMU_SOCKET", "");
  sockaddr_un addr{};
  if (sock.empty() || sock.size() >= sizeof addr.sun_path) return errno = ENOENT, -1;
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, sock.c_str(), sock.size() + 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    real_close()(fd);
    return errno = ENOENT, -1;  // no simulator listening: the node is gone
  }
  std::lock_guard lk(g_mu);
  nodes()[fd].nonblocking = flags & O_NONBLOCK;
  return fd;
}

// Reads what the socket has (waiting at most timeout_ms); false once the peer hung up.
bool pump(int fd, Node& n, int timeout_ms) {
  if (n.hup) return false;
  pollfd p{fd, POLLIN, 0};
  int r = real_poll()(&p, 1, timeout_ms);
  if (r <= 0) return r == 0 || errno == EINTR;
  std::uint8_t buf[4096];
  ssize_t got = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
  if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) return n.hup = true, false;
  if (got > 0) n.reader.feed(std::span(buf, static_cast<std::size_t>(got)));
  while (auto f = n.reader.next()) {
    if (f->type == wire::Type::Input) n.inputs.push_back(std::move(f->payload));
    else n.replies.push_back(std::move(*f));
  }
  if (n.reader.bad()) n.hup = true;
  return !n.hup;
}

// One request/answer exchange; nullptr with errno set when the link is gone or it failed.
bool request(int fd, Node& n, wire::Type type, std::span<const std::uint8_t> payload, wire::Frame& out) {
  if (n.hup) return errno = ENODEV, false;
  auto bytes = wire::encode(type, payload);
  if (::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(bytes.size())) {
    n.hup = true;
    return errno = ENODEV, false;
  }
  for (int waited = 0; n.replies.empty(); waited += 50) {
    if (!pump(fd, n, 50) || waited > 2000) return errno = n.hup ? ENODEV : ETIMEDOUT, false;
  }
  out = std::move(n.replies.front());
  n.replies.pop_front();
  if (out.type == wire::Type::Error) return errno = EPIPE, false;  // the device STALLed
  return true;
}

int emu_ioctl(int fd, Node& n, unsigned long req, void* arg) {
  wire::Frame f;
  unsigned nr = _IOC_NR(req), len = _IOC_SIZE(req);
  if (_IOC_TYPE(req) != 'H') return errno = ENOTTY, -1;
  if (req == HIDIOCGRDESCSIZE || req == HIDIOCGRDESC) {
    if (!request(fd, n, wire::Type::GetDescriptor, {}, f)) return -1;
    if (req == HIDIOCGRDESCSIZE) {
      *static_cast<int*>(arg) = static_cast<int>(f.payload.size());
      return 0;
    }
    auto* d = static_cast<hidraw_report_descriptor*>(arg);
    if (d->size > HID_MAX_DESCRIPTOR_SIZE) return errno = EINVAL, -1;
    std::memcpy(d->value, f.payload.data(), std::min<std::size_t>(d->size, f.payload.size()));
    return 0;
  }
  if (req == HIDIOCGRAWINFO || nr == _IOC_NR(HIDIOCGRAWNAME(0)) || nr == _IOC_NR(HIDIOCGRAWPHYS(0))) {
    if (!request(fd, n, wire::Type::GetInfo, {}, f) || f.payload.size() < 4) return -1;
    if (req == HIDIOCGRAWINFO) {
      auto* info = static_cast<hidraw_devinfo*>(arg);
      info->bustype = BUS_USB;
      info->vendor = static_cast<__s16>(f.payload[0] | f.payload[1] << 8);
      info->product = static_cast<__s16>(f.payload[2] | f.payload[3] << 8);
      return 0;
    }
    std::string text = "aups-hidraw-emu";
    if (nr == _IOC_NR(HIDIOCGRAWNAME(0))) {  // "manufacturer product", as the kernel builds it
      std::string mfr(reinterpret_cast<const char*>(f.payload.data() + 4));
      std::string prod(reinterpret_cast<const char*>(f.payload.data() + 4 + mfr.size() + 1));
      text = mfr + " " + prod;
    }
    std::size_t k = std::min<std::size_t>(len ? len - 1 : 0, text.size());
    std::memcpy(arg, text.data(), k);
    if (len) static_cast<char*>(arg)[k] = 0;
    return static_cast<int>(k + 1);
  }
  if (nr == _IOC_NR(HIDIOCGFEATURE(0))) {
    auto* buf = static_cast<std::uint8_t*>(arg);
    std::uint8_t q[3] = {buf[0], static_cast<std::uint8_t>(len), static_cast<std::uint8_t>(len >> 8)};
    if (!request(fd, n, wire::Type::GetFeature, q, f)) return -1;
    std::size_t k = std::min<std::size_t>(len, f.payload.size());
    std::memcpy(buf, f.payload.data(), k);
    return static_cast<int>(k);
  }
  if (nr == _IOC_NR(HIDIOCSFEATURE(0))) {
    if (!request(fd, n, wire::Type::SetFeature, std::span(static_cast<std::uint8_t*>(arg), len), f)) return -1;
    return static_cast<int>(len);
  }
  return errno = EINVAL, -1;
}

ssize_t emu_read(int fd, Node& n, void* buf, size_t len) {
  while (n.inputs.empty()) {
    if (n.hup) return errno = ENODEV, -1;
    if (n.nonblocking) {
      pump(fd, n, 0);
      if (n.inputs.empty()) return n.hup ? (errno = ENODEV, -1) : (errno = EAGAIN, -1);
      break;
    }
    pump(fd, n, 100);
  }
  Bytes r = std::move(n.inputs.front());
  n.inputs.pop_front();
  std::size_t k = std::min(len, r.size());
  std::memcpy(buf, r.data(), k);
  return static_cast<ssize_t>(k);
}

bool needs_mode(int flags) { return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE; }

double mono_ms() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int emu_poll(pollfd* fds, nfds_t count, int timeout_ms) {
  double deadline = mono_ms() + timeout_ms;
  for (;;) {
    int ready = 0;
    {
      std::lock_guard lk(g_mu);
      for (nfds_t i = 0; i < count; ++i) {
        Node* n = node(fds[i].fd);
        if (!n) continue;
        pump(fds[i].fd, *n, 0);
        fds[i].revents = static_cast<short>((n->inputs.empty() ? 0 : POLLIN) | (n->hup ? POLLHUP | POLLERR : 0));
        ready += fds[i].revents != 0;
      }
    }
    // Other fds, and the emulated ones' sockets for fresh bytes, through the real poll.
    int left = timeout_ms < 0 ? 100 : static_cast<int>(std::max(0.0, deadline - mono_ms()));
    int r = real_poll()(fds, count, ready ? 0 : std::min(left, 100));
    if (r < 0) return r;
    std::lock_guard lk(g_mu);
    ready = 0;
    for (nfds_t i = 0; i < count; ++i) {
      if (Node* n = node(fds[i].fd)) {
        if (fds[i].revents) pump(fds[i].fd, *n, 0);
        fds[i].revents = static_cast<short>((n->inputs.empty() ? 0 : POLLIN) | (n->hup ? POLLHUP | POLLERR : 0));
      }
      ready += fds[i].revents != 0;
    }
    if (ready || (timeout_ms >= 0 && mono_ms() >= deadline)) return ready;
  }
}

}  // namespace

extern "C" {

int open(const char* path, int flags, ...) {
  if (is_emu_path(path)) return emu_open(flags);
  va_list ap;
  va_start(ap, flags);
  mode_t mode = needs_mode(flags) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return real_open()(path, flags, mode);
}
int open64(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = needs_mode(flags) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return open(path, flags, mode);
}
int openat(int dirfd, const char* path, int flags, ...) {
  if (is_emu_path(path)) return emu_open(flags);
  va_list ap;
  va_start(ap, flags);
  mode_t mode = needs_mode(flags) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return real_openat()(dirfd, path, flags, mode);
}
int openat64(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = needs_mode(flags) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return openat(dirfd, path, flags, mode);
}

int close(int fd) {
  {
    std::lock_guard lk(g_mu);
    nodes().erase(fd);
  }
  return real_close()(fd);
}

ssize_t read(int fd, void* buf, size_t len) {
  {
    std::lock_guard lk(g_mu);
    if (Node* n = node(fd)) return emu_read(fd, *n, buf, len);
  }
  return real_read()(fd, buf, len);
}

ssize_t write(int fd, const void* buf, size_t len) {
  {
    std::lock_guard lk(g_mu);
    if (node(fd)) return errno = ENOSYS, -1;
  }
  return real_write()(fd, buf, len);
}

int ioctl(int fd, unsigned long req, ...) {
  va_list ap;
  va_start(ap, req);
  void* arg = va_arg(ap, void*);
  va_end(ap);
  {
    std::lock_guard lk(g_mu);
    if (Node* n = node(fd)) return emu_ioctl(fd, *n, req, arg);
  }
  return real_ioctl()(fd, req, arg);
}

int poll(pollfd* fds, nfds_t count, int timeout_ms) {
  bool any = false;
  {
    std::lock_guard lk(g_mu);
    for (nfds_t i = 0; i < count && !any; ++i) any = node(fds[i].fd) != nullptr;
  }
  return any ? emu_poll(fds, count, timeout_ms) : real_poll()(fds, count, timeout_ms);
}

int ppoll(pollfd* fds, nfds_t count, const timespec* t, const sigset_t*) {
  int ms = t ? static_cast<int>(t->tv_sec * 1000 + t->tv_nsec / 1000000) : -1;
  return poll(fds, count, ms);  // the signal mask is not honoured: nothing here relies on it
}

}  // extern "C"
