#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <thread>

#include "agent/store.hpp"
#include "agent/store_writer.hpp"
#include "temp_dir.hpp"

using namespace aups::agent;
namespace fs = std::filesystem;

TEST_CASE("Events, audit and keys round-trip, newest last", "[store]") {
  aups::test::TempDir dir;
  std::string error;
  auto store = Store::open(dir.path, &error);
  REQUIRE(store);
  for (int i = 0; i < 5; ++i) REQUIRE_FALSE(store->add_event(Event{1000.0 + i, "k" + std::to_string(i), "info", "m", {{"i", i}}}));
  auto last3 = store->events(3);
  REQUIRE(last3.size() == 3);
  CHECK(last3.front().kind == "k2");
  CHECK(last3.back().kind == "k4");
  CHECK(last3.back().data["i"] == 4);
  CHECK(store->events(100, 1003).size() == 2);
  REQUIRE_FALSE(store->add_audit(AuditEntry{5, "root", "settings", {{"a", 1}}, {{"a", 2}}}));
  auto audit = store->audit(10);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].new_value["a"] == 2);
  REQUIRE_FALSE(store->put("x", {{"v", 1.5}}));
  CHECK((*store->get("x"))["v"] == 1.5);
  CHECK_FALSE(store->get("missing"));
}

TEST_CASE("Samples fold into minutes and hours - old ones are dropped", "[store]") {
  aups::test::TempDir dir;
  std::string error;
  auto store = Store::open(dir.path, &error);
  REQUIRE(store);
  const double t0 = 1'700'000'000 / 3600 * 3600;  // on an hour boundary
  for (int s = 0; s < 2 * 3600; s += 10)
    store->add_sample(Sample{t0 + s, 100.0 - s / 100.0, 10.0, 3600.0, s < 3600});
  REQUIRE_FALSE(store->downsample(t0 + 2 * 3600));
  auto minutes = store->history(t0, t0 + 7200, Resolution::Minutes);
  CHECK(minutes.size() == 120);
  CHECK(*minutes[0].charge_pct == Approx(100.0 - 25 / 100.0));  // mean of 0..50 s
  auto hours = store->history(t0, t0 + 7200, Resolution::Hours);
  REQUIRE(hours.size() == 2);
  CHECK(hours[0].mains);
  CHECK_FALSE(hours[1].mains);
  // A day later the seconds are gone, the minutes stay.
  REQUIRE_FALSE(store->downsample(t0 + 2 * 86400));
  CHECK(store->history(t0, t0 + 7200, Resolution::Seconds).empty());
  CHECK(store->history(t0, t0 + 7200, Resolution::Minutes).size() == 120);
  CHECK(auto_resolution(600) == Resolution::Seconds);
  CHECK(auto_resolution(7 * 86400) == Resolution::Minutes);
  CHECK(auto_resolution(90 * 86400) == Resolution::Hours);
}

TEST_CASE("A corrupt database is set aside and a fresh one started", "[store]") {
  aups::test::TempDir dir;
  {
    std::ofstream bad(dir / "aups.db", std::ios::binary);
    bad << std::string(8192, '\x5a');
  }
  std::string error, note;
  auto store = Store::open(dir.path, &error, &note);
  REQUIRE(store);
  CHECK(note.find("set aside") != std::string::npos);
  int aside = 0;
  for (auto& e : fs::directory_iterator(dir.path)) aside += e.path().filename().string().find("aups.db.corrupt-") == 0;
  CHECK(aside == 1);
  CHECK_FALSE(store->add_event(Event{1, "agent_started", "info", "fresh", {}}));
  CHECK(store->events(10).size() == 1);
}

TEST_CASE("An unusable store directory is an error, and the writer then drops writes without blocking", "[store]") {
  std::string error;
  auto store = Store::open("/proc/aups-no-such-dir", &error);
  CHECK_FALSE(store);
  CHECK(error.find("cannot open") != std::string::npos);
  StoreWriter writer(nullptr, [](const std::string&) {});
  writer.add_event(Event{1, "x", "info", "", {}});
  CHECK(writer.flush(1));
}

TEST_CASE("The writer reports a failing store once and keeps going", "[store]") {
  aups::test::TempDir dir;
  std::string error;
  auto store = Store::open(dir.path, &error);
  REQUIRE(store);
  std::vector<std::string> errors;
  {
    StoreWriter writer(store.get(), [&](const std::string& e) { errors.push_back(e); });
    writer.add_event(Event{1, "ok", "info", "", {}});
    REQUIRE(writer.flush());
    fs::permissions(dir.path, fs::perms::owner_all);  // keep the dir, break the file:
    { std::ofstream(dir / "aups.db", std::ios::trunc) << "garbage"; }
    for (int i = 0; i < 5; ++i) writer.add_event(Event{2.0 + i, "lost?", "info", "", {}});
    REQUIRE(writer.flush());
  }
  CHECK(errors.size() <= 1);  // at most once per failure streak, never a crash
}

TEST_CASE("Events written while the disk is full are kept and written once space returns", "[store]") {
  // A real full disk: a small tmpfs (the tests run as root, as CI does).
  aups::test::TempDir dir;
  const std::string mnt = dir / "small";
  fs::create_directory(mnt);
  REQUIRE(std::system(("mount -t tmpfs -o size=1m tmpfs " + mnt).c_str()) == 0);
  struct Unmount {
    std::string path;
    ~Unmount() { [[maybe_unused]] int rc = std::system(("umount " + path).c_str()); }
  } unmount{mnt};
  std::string error;
  auto store = Store::open(mnt, &error);
  REQUIRE(store);
  std::vector<std::string> errors;
  {
    StoreWriter writer(store.get(), [&](const std::string& e) { errors.push_back(e); });
    REQUIRE(writer.add_event_and_wait(Event{1, "before", "info", "", {}}, 5));
    {  // fill the disk
      std::ofstream filler(mnt + "/filler", std::ios::binary);
      std::string block(64 * 1024, 'x');
      for (int i = 0; i < 64 && filler; ++i) filler << block;
    }
    const std::string big(200 * 1024, 'e');  // larger than what is left: must fail to write
    for (int i = 0; i < 3; ++i) CHECK_FALSE(writer.add_event_and_wait(Event{2.0 + i, "while_full", "info", big, {}}, 5));
    CHECK(writer.pending_retries() == 3);
    CHECK_FALSE(errors.empty());
    fs::remove(mnt + "/filler");  // space returns
    for (int i = 0; i < 100 && writer.pending_retries() > 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(writer.pending_retries() == 0);
    REQUIRE(writer.add_event_and_wait(Event{9, "after", "info", "", {}}, 5));
  }
  std::vector<std::string> kinds;
  for (const Event& e : store->events(100, 0)) kinds.push_back(e.kind);
  CHECK(kinds == std::vector<std::string>{"before", "while_full", "while_full", "while_full", "after"});
}
