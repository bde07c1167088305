#include "agent/auth.hpp"

#include <algorithm>
#include <cmath>
#include <sodium.h>

namespace aups::agent {

std::optional<std::string> hash_pin(const std::string& pin, bool fast) {
  if (sodium_init() < 0) return std::nullopt;
  char out[crypto_pwhash_STRBYTES];
  const auto ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  const auto mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str(out, pin.data(), pin.size(), ops, mem) != 0) return std::nullopt;
  return std::string(out);
}

PinGuard::PinGuard(const Clock& clock, std::string pin_hash, double first_lockout_s, double max_lockout_s)
    : clock_(clock), hash_(std::move(pin_hash)), first_lockout_s_(first_lockout_s), max_lockout_s_(max_lockout_s) {
  if (sodium_init() < 0) hash_.clear();  // no crypto: refuse every PIN rather than crash
}

int PinGuard::failures(long uid) const {
  auto it = records_.find(uid);
  return it == records_.end() ? 0 : it->second.failures;
}

PinGuard::Verdict PinGuard::check(const std::string& pin, long uid) {
  if (!configured()) return {false, "no kiosk PIN is configured", 0};
  const double now = clock_.now_s();
  Record& rec = records_[uid];
  if (now < rec.locked_until) {
    const double left = rec.locked_until - now;
    return {false, "too many wrong PINs: locked out, try again in " + std::to_string(static_cast<int>(std::ceil(left))) + " s",
            left};
  }
  if (pin.size() <= 256 && crypto_pwhash_str_verify(hash_.c_str(), pin.data(), pin.size()) == 0) {
    records_.erase(uid);
    return {true, "", 0};
  }
  ++rec.failures;
  const double lockout = std::min(max_lockout_s_, first_lockout_s_ * std::pow(2.0, std::min(rec.failures - 1, 30)));
  rec.locked_until = now + lockout;
  return {false, "wrong PIN (locked out for " + std::to_string(static_cast<int>(std::ceil(lockout))) + " s)", lockout};
}

std::optional<std::string> privileged_peer(const std::optional<platform::PeerCredentials>& peer,
                                           const std::string& admin_group) {
  if (!peer) return std::nullopt;
  if (peer->uid == 0) return "root";
  if (!admin_group.empty() && platform::uid_in_group(peer->uid, peer->gid, admin_group))
    return platform::user_name(peer->uid) + " via " + admin_group;
  return std::nullopt;
}

Authorization authorize(const std::optional<platform::PeerCredentials>& peer, const std::string& admin_group,
                        const std::string& pin, PinGuard& guard) {
  if (auto who = privileged_peer(peer, admin_group)) return {true, *who, ""};
  const std::string name = peer ? platform::user_name(peer->uid) : "unknown peer";
  if (pin.empty())
    return {false, name, "permission denied: changing settings needs root, the " + admin_group + " group or the kiosk PIN"};
  auto v = guard.check(pin, peer ? static_cast<long>(peer->uid) : -1L);
  if (v.ok) return {true, name + " via PIN", ""};
  return {false, name, v.error};
}

}  // namespace aups::agent
