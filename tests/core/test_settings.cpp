#include <catch2/catch.hpp>

#include "core/nut_json.hpp"
#include "core/settings.hpp"

using namespace aups;

TEST_CASE("settings defaults are the manual's") {
  UpsSettings s;
  CHECK(s.buzzer);                          // 4.4.3.1
  CHECK(s.lan);                             // 4.4.3.2
  CHECK(s.dc_output);                       // 4.4.3.3
  CHECK(s.dc_output_always_on_with_input);  // 4.4.3.4
  CHECK(s.sleep_at_5pct);
  CHECK(s.shutdown_at_2pct);
  CHECK(NetworkSettings{}.dhcp);            // 4.4.4.1
  CHECK(check_settings(s).ok());
  CHECK(check_network(NetworkSettings{}).ok());
}

TEST_CASE("IPv4 parsing is strict") {
  CHECK(parse_ipv4("192.168.1.20"));
  CHECK(parse_ipv4("0.0.0.0"));
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d",
                          "1.2.3.4 ", " 1.2.3.4", "1.2.3.-4", "1234.1.1.1"})
    CHECK_FALSE(parse_ipv4(bad));
}

TEST_CASE("host names follow RFC 1123") {
  CHECK(valid_hostname("AUPS2"));
  CHECK(valid_hostname("kiosk-12.lobby"));
  for (const char* bad : {"", "-a", "a-", "a..b", "a_b", "with space", "ü"})
    CHECK_FALSE(valid_hostname(bad));
  CHECK_FALSE(valid_hostname(std::string(64, 'a')));
}

TEST_CASE("static network settings are validated with a message naming the field") {
  NetworkSettings n;
  n.dhcp = false;
  n.ip = "192.168.1.20";
  n.netmask = "255.255.255.0";
  n.gateway = "192.168.1.1";
  n.dns = "192.168.1.1";
  CHECK(check_network(n).ok());

  auto field_of = [](NetworkSettings x) { auto e = check_network(x); return e ? std::string{} : e.error().field; };
  auto m = n; m.netmask = "255.0.255.0"; CHECK(field_of(m) == "netmask");
  m = n; m.ip = "192.168.1.0"; CHECK(field_of(m) == "ip");
  m = n; m.ip = "192.168.1.255"; CHECK(field_of(m) == "ip");
  m = n; m.ip = "127.0.0.1"; CHECK(field_of(m) == "ip");
  m = n; m.gateway = "10.0.0.1"; CHECK(field_of(m) == "gateway");
  m = n; m.dns = "8.8.8"; CHECK(field_of(m) == "dns");
  m = n; m.hostname = "bad_name"; CHECK(field_of(m) == "hostname");
  // DHCP on does not make a bad static address storable: it is used the day DHCP goes off.
  m = n; m.ip = "garbage"; m.dhcp = true; CHECK(field_of(m) == "ip");
  m = n; m.netmask = "255.0.255.0"; m.dhcp = true; CHECK(field_of(m) == "netmask");
  m = n; m.dhcp = true; CHECK(field_of(m).empty());
  m = NetworkSettings{}; CHECK(field_of(m).empty());  // DHCP with no static address at all
  m.dns = "8.8.8"; CHECK(field_of(m) == "dns");
}

TEST_CASE("settings JSON round-trips and rejects wrong input without changing anything") {
  UpsSettings s;
  s.buzzer = false;
  s.dc_output_off_delay_s = 120;
  auto j = to_nut_json(s);
  CHECK(j["ups.beeper.status"] == "disabled");
  auto back = apply_settings_json(UpsSettings{}, j);
  REQUIRE(back.ok());
  CHECK(*back == s);

  auto e1 = apply_settings_json(s, {{"ups.delay.shutdown", 99999}});
  REQUIRE_FALSE(e1.ok());
  CHECK(e1.error().field == "ups.delay.shutdown");
  auto e2 = apply_settings_json(s, {{"aups.lan.enabled", "yes"}});
  REQUIRE_FALSE(e2.ok());
  auto e3 = apply_settings_json(s, {{"no.such.key", true}});
  REQUIRE_FALSE(e3.ok());
  CHECK(e3.error().message.find("no.such.key") != std::string::npos);
  CHECK_FALSE(apply_settings_json(s, nlohmann::json::array()).ok());

  auto n = apply_network_json(NetworkSettings{}, {{"aups.net.dhcp", false}, {"aups.net.ip", "1.2.3"}});
  REQUIRE_FALSE(n.ok());
  CHECK(n.error().field == "ip");
}
