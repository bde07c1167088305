#include "platform/unix_socket.hpp"

#include <cerrno>
#include <chrono>
#include <thread>
#include <cstring>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

namespace aups::platform {
namespace {

Status fill_address(const std::string& path, sockaddr_un& addr) {
  addr = {};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(addr.sun_path)) return Error{"socket path too long or empty: " + path};
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  return {};
}

// A non-blocking, close-on-exec stream socket with its address filled in.
Result<int> new_unix_socket(const std::string& path, sockaddr_un& addr) {
  if (auto filled = fill_address(path, addr); !filled) return filled.error();
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return Error{std::string("socket: ") + std::strerror(errno)};
  return fd;
}

std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

bool set_nonblocking(int fd, bool on) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) return false;
  flags = on ? (flags | O_NONBLOCK) : (flags & ~O_NONBLOCK);
  return ::fcntl(fd, F_SETFL, flags) == 0;
}

Result<int> listen_unix(const std::string& path, unsigned mode) {
  sockaddr_un addr;
  auto made = new_unix_socket(path, addr);
  if (!made) return made;
  int fd = *made;
  // A socket file left by a crashed agent: remove it only if nobody listens there.
  struct stat st;
  if (::lstat(path.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) {
    if (auto probe = connect_unix(path, 0.2)) {
      ::close(*probe);
      ::close(fd);
      return Error{"another process already listens on " + path};
    }
    ::unlink(path.c_str());
  }
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Error error{errno_text("bind " + path)};
    ::close(fd);
    return error;
  }
  ::chmod(path.c_str(), mode);
  if (::listen(fd, 128) != 0) {
    Error error{errno_text("listen " + path)};
    ::close(fd);
    return error;
  }
  return fd;
}

int accept_unix(int listen_fd) {
  for (;;) {
    int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0 && errno == EINTR) continue;
    return fd;
  }
}

Result<int> connect_unix(const std::string& path, double timeout_s) {
  sockaddr_un addr;
  auto made = new_unix_socket(path, addr);
  if (!made) return made;
  int fd = *made;
  // On a Unix socket EAGAIN means the listener's backlog is full (not "in progress"): retry.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  int rc;
  while ((rc = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr)) != 0 && errno == EAGAIN &&
         std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  if (rc != 0 && errno == EINPROGRESS) {
    pollfd p{fd, POLLOUT, 0};
    rc = ::poll(&p, 1, static_cast<int>(timeout_s * 1000));
    int soerr = 0;
    socklen_t len = sizeof soerr;
    if (rc == 1 && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0) {
      rc = 0;
    } else {
      errno = rc == 0 ? ETIMEDOUT : (soerr ? soerr : errno);
      rc = -1;
    }
  }
  if (rc != 0) {
    Error error{errno_text("cannot connect to " + path)};
    ::close(fd);
    return error;
  }
  set_nonblocking(fd, false);
  return fd;
}

std::optional<PeerCredentials> peer_credentials(int fd) {
  ucred cred{};
  socklen_t len = sizeof cred;
  if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return std::nullopt;
  return PeerCredentials{cred.pid, cred.uid, cred.gid};
}

bool uid_in_group(uid_t uid, gid_t primary_gid, const std::string& group_name) {
  std::vector<char> buf(16384);
  group gr{};
  group* found = nullptr;
  if (::getgrnam_r(group_name.c_str(), &gr, buf.data(), buf.size(), &found) != 0 || !found) return false;
  if (found->gr_gid == primary_gid) return true;
  passwd pw{};
  passwd* user = nullptr;
  std::vector<char> pbuf(16384);
  if (::getpwuid_r(uid, &pw, pbuf.data(), pbuf.size(), &user) != 0 || !user) return false;
  if (user->pw_gid == found->gr_gid) return true;
  for (char** m = found->gr_mem; m && *m; ++m)
    if (std::strcmp(*m, user->pw_name) == 0) return true;
  return false;
}

std::string user_name(uid_t uid) {
  if (uid == 0) return "root";
  passwd pw{};
  passwd* user = nullptr;
  std::vector<char> buf(16384);
  std::string text = "uid " + std::to_string(uid);
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &user) == 0 && user)
    text += std::string(" (") + user->pw_name + ")";
  return text;
}

}  // namespace aups::platform
