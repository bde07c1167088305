// HID URIs and the URI scheme -> source registry.
#include <catch2/catch.hpp>

#include "core/source_registry.hpp"
#include "hid/hid_source.hpp"
#include "hid/hid_uri.hpp"

using namespace aups;
using hid::HidUri;

TEST_CASE("uri: the four HID URI forms parse, anything else is an error that says what is accepted") {
  auto ok = [](const char* text) { auto r = hid::parse_hid_uri(text); REQUIRE(r.index() == 0); return std::get<0>(r); };
  CHECK(ok("hid://auto").kind == HidUri::Kind::Auto);
  HidUri p = ok("hid:///dev/hidraw3");
  CHECK(p.kind == HidUri::Kind::Path);
  CHECK(p.path == "/dev/hidraw3");
  HidUri v = ok("hid://051d:0002");
  CHECK(v.kind == HidUri::Kind::VidPid);
  CHECK(v.vendor_id == 0x051d);
  CHECK(v.product_id == 0x0002);
  HidUri s = ok("sim:///run/aups/sim.sock");
  CHECK(s.kind == HidUri::Kind::Sim);
  CHECK(s.path == "/run/aups/sim.sock");
  for (const char* bad : {"hid://", "hid://12345:1", "hid://zz:01", "hid://051d", "sim://", "usb://auto", "auto"}) {
    INFO(bad);
    auto r = hid::parse_hid_uri(bad);
    REQUIRE(r.index() == 1);
    CHECK_FALSE(std::get<1>(r).empty());
  }
}

TEST_CASE("uri: sources are made by scheme; an unknown scheme names the known ones") {
  hid::register_hid_source_schemes();
  SteadyClock clock;
  auto sim = make_source("sim:///nonexistent/aups.sock", clock);
  REQUIRE(sim.index() == 0);
  auto& src = *std::get<0>(sim);
  CHECK(src.transport() == "sim-hid");
  CHECK(src.simulated());
  auto err = src.open();  // nobody there: an error value, not a hang or a throw
  REQUIRE(err);
  CHECK(err->find("/nonexistent/aups.sock") != std::string::npos);
  CHECK_FALSE(src.reading().connected);
  CHECK(src.reading().stale);

  auto unknown = make_source("gopher://ups", clock);
  REQUIRE(unknown.index() == 1);
  CHECK(std::get<1>(unknown).find("sim://") != std::string::npos);
  CHECK(make_source("not a uri", clock).index() == 1);
  auto hid = make_source("hid:///dev/hidraw-that-does-not-exist", clock);
  REQUIRE(hid.index() == 0);
  CHECK(std::get<0>(hid)->open());
}
