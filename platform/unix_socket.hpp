#pragma once
// Unix stream sockets: a listening socket for the agent, a connecting one for clients, and the
// peer's credentials (SO_PEERCRED) so the agent knows who is asking.
#include <optional>
#include <string>
#include <sys/types.h>

namespace aups::platform {

struct PeerCredentials {
  pid_t pid = -1;
  uid_t uid = static_cast<uid_t>(-1);
  gid_t gid = static_cast<gid_t>(-1);
};

// Binds and listens on path (replacing a stale socket file), non-blocking, close-on-exec,
// file mode `mode`. Returns the fd, or -1 with *error set.
int listen_unix(const std::string& path, unsigned mode, std::string* error);
// Accepts one pending connection, non-blocking; -1 when none is pending (or on error).
int accept_unix(int listen_fd);
// Connects to path within timeout_s; the returned fd is blocking. -1 with *error set.
int connect_unix(const std::string& path, double timeout_s, std::string* error);

std::optional<PeerCredentials> peer_credentials(int fd);
// Whether uid is a member (primary or supplementary) of the named group.
bool uid_in_group(uid_t uid, gid_t primary_gid, const std::string& group_name);
// A readable name for audit lines: "root", "uid 1000 (kiosk)".
std::string user_name(uid_t uid);

bool set_nonblocking(int fd, bool on);

}  // namespace aups::platform
