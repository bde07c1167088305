#pragma once
// Unix stream sockets: a listening socket for the agent, a connecting one for clients, and the
// peer's credentials (SO_PEERCRED) so the agent knows who is asking.
#include <optional>
#include <string>
#include <sys/types.h>

#include "core/result.hpp"

namespace aups::platform {

struct PeerCredentials {
  pid_t pid = -1;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
};

// Binds and listens on path with file mode `mode`, replacing a stale socket file (one nobody
// listens on). Returns the listening fd (non-blocking, close-on-exec; the caller closes it), or an
// error: path too long, another process already listens there, or the failing call with errno's text.
Result<int> listen_unix(const std::string& path, unsigned mode);
// Accepts one pending connection. Returns its fd (non-blocking, close-on-exec), or -1 when none
// is pending or accept failed (errno says which); never blocks.
int accept_unix(int listen_fd);
// Connects to path, waiting at most timeout_s while the listener's backlog is full. Returns the
// connected fd (blocking, close-on-exec; the caller closes it), or an error naming the path and
// errno's text (ENOENT: nobody listens; ETIMEDOUT: the wait ran out).
Result<int> connect_unix(const std::string& path, double timeout_s);

// The connected peer's pid/uid/gid (SO_PEERCRED), or nullopt when the kernel does not say.
std::optional<PeerCredentials> peer_credentials(int fd);
// Whether uid is a member (primary or supplementary) of the named group; false for an unknown group.
bool uid_in_group(uid_t uid, gid_t primary_gid, const std::string& group_name);
// A readable name for audit lines: "root", "uid 1000 (kiosk)".
std::string user_name(uid_t uid);

// Sets or clears O_NONBLOCK. Returns false when fcntl failed (errno says why).
bool set_nonblocking(int fd, bool on);

}  // namespace aups::platform
