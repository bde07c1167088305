#include <catch2/catch.hpp>

#include "agent/auth.hpp"

using namespace aups;
using namespace aups::agent;

TEST_CASE("The PIN is checked against its hash - wrong PINs lock out for a doubling time", "[auth]") {
  ManualClock clock(100);
  auto hash = hash_pin("4711", /*fast=*/true);
  REQUIRE(hash);
  CHECK(hash->find("4711") == std::string::npos);
  PinGuard guard(clock, *hash, 1.0, 3600.0);

  CHECK(guard.check("4711").ok);
  auto wrong = guard.check("0000");
  CHECK_FALSE(wrong.ok);
  CHECK(wrong.retry_in_s == Approx(1));
  // Locked out: even the right PIN is refused until the time passes.
  auto locked = guard.check("4711");
  CHECK_FALSE(locked.ok);
  CHECK(locked.error.find("locked out") != std::string::npos);
  clock.advance(1.01);
  CHECK(guard.check("0001").retry_in_s == Approx(2));
  clock.advance(2.01);
  CHECK(guard.check("0002").retry_in_s == Approx(4));
  clock.advance(4.01);
  CHECK(guard.check("4711").ok);
  CHECK(guard.failures() == 0);
}

TEST_CASE("A thousand wrong PINs: refused every time, lockout capped, nothing crashes", "[auth]") {
  ManualClock clock(0);
  PinGuard guard(clock, *hash_pin("123456", true), 1.0, 600.0);
  int refused = 0;
  double last_lockout = 0;
  for (int i = 0; i < 1000; ++i) {
    auto v = guard.check(std::to_string(i));
    refused += !v.ok;
    if (v.retry_in_s > 0) last_lockout = v.retry_in_s;
    if (i % 10 == 0) clock.advance(700);  // an attacker waiting out some lockouts
  }
  CHECK(refused == 1000);
  CHECK(last_lockout <= 600);
  CHECK(guard.check(std::string(100000, '9')).ok == false);  // absurd input: refused, no crash
}

TEST_CASE("authorize: root and the admin group pass, others need the PIN", "[auth]") {
  ManualClock clock(0);
  PinGuard guard(clock, *hash_pin("2468", true));
  platform::PeerCredentials root{1, 0, 0}, nobody{2, 65534, 65534};
  CHECK(authorize(root, "aups-admin", "", guard).allowed);
  auto refused = authorize(nobody, "aups-admin", "", guard);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.error.find("aups-admin") != std::string::npos);
  auto with_pin = authorize(nobody, "aups-admin", "2468", guard);
  CHECK(with_pin.allowed);
  CHECK(with_pin.who.find("via PIN") != std::string::npos);
  CHECK_FALSE(authorize(std::nullopt, "aups-admin", "", guard).allowed);
  // The group check works for a real group (root's own primary group here).
  CHECK(authorize(platform::PeerCredentials{3, 65534, 0}, "root", "", guard).allowed);

  // settings.get's "privileged": the same decision without a PIN.
  CHECK(privileged_peer(root, "aups-admin") == "root");
  CHECK(privileged_peer(platform::PeerCredentials{3, 65534, 0}, "root").value_or("").find("via root") != std::string::npos);
  CHECK_FALSE(privileged_peer(nobody, "aups-admin"));
  CHECK_FALSE(privileged_peer(nobody, ""));
  CHECK_FALSE(privileged_peer(std::nullopt, "aups-admin"));

  PinGuard none(clock, "");
  auto v = authorize(nobody, "aups-admin", "2468", none);
  CHECK_FALSE(v.allowed);
  CHECK(v.error.find("no kiosk PIN") != std::string::npos);
}
