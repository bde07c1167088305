#pragma once
// Who may change things: root, members of the admin group (by SO_PEERCRED), or anyone with
// the kiosk PIN. The PIN is stored only as a libsodium crypto_pwhash_str hash; wrong PINs
// lock that user (uid) out for a time that doubles with each failure (capped), so guessing a
// 4-6 digit PIN takes years instead of seconds - and one user's guesses never lock out the
// operator at the kiosk.
#include <map>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "platform/unix_socket.hpp"

namespace aups::agent {

// Hashes a PIN for the config (`aupsd --hash-pin`). `fast` uses the minimum cost (tests only).
std::optional<std::string> hash_pin(const std::string& pin, bool fast = false);

class PinGuard {
 public:
  PinGuard(const Clock& clock, std::string pin_hash, double first_lockout_s = 1.0, double max_lockout_s = 3600.0);
  bool configured() const { return !hash_.empty(); }
  void set_hash(std::string pin_hash) { hash_ = std::move(pin_hash); }

  struct Verdict {
    bool ok = false;
    std::string error;        // why not, for the client
    double retry_in_s = 0;    // > 0 while locked out
  };
  // Checks a PIN from user `uid` (-1: unknown peer). During that user's lockout the PIN is
  // not even checked (and the lockout stays).
  Verdict check(const std::string& pin, long uid = -1);
  int failures(long uid = -1) const;

 private:
  struct Record {
    int failures = 0;
    double locked_until = 0;
  };
  const Clock& clock_;
  std::string hash_;
  double first_lockout_s_, max_lockout_s_;
  std::map<long, Record> records_;  // per uid; bounded by the users of this machine
};

struct Authorization {
  bool allowed = false;
  std::string who;    // for the audit: "root", "uid 1000 (kiosk) via aups-admin", "uid 65534 (nobody) via PIN"
  std::string error;  // when refused
};

// Who the peer is trusted as by its credentials alone (root, the admin group), or nullopt when
// it needs the PIN. authorize() starts from this; settings.get reports it as "privileged".
std::optional<std::string> privileged_peer(const std::optional<platform::PeerCredentials>& peer,
                                           const std::string& admin_group);

// Decides whether the peer may change settings. pin is empty when the request carried none.
Authorization authorize(const std::optional<platform::PeerCredentials>& peer, const std::string& admin_group,
                        const std::string& pin, PinGuard& guard);

}  // namespace aups::agent
