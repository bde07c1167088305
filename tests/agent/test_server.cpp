// The IPC server against hostile clients: garbage, oversized lines, too many connections,
// a client that never reads. The server must answer clearly and keep serving others.
#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include "ipc/client.hpp"
#include "ipc/server.hpp"
#include "platform/unix_socket.hpp"
#include "temp_dir.hpp"

using namespace aups;
using nlohmann::json;

namespace {

struct EchoServer {
  test::TempDir dir;
  std::string path = dir / "s.sock";
  ipc::Server server;
  explicit EchoServer(ipc::ServerLimits limits = {})
      : server([](const ipc::Request& r, const ipc::ClientInfo& c) -> std::optional<json> {
          if (r.cmd == "whoami") return ipc::ok_reply(r.id, {{"uid", c.peer ? (int)c.peer->uid : -1}});
          return ipc::ok_reply(r.id, {{"cmd", r.cmd}});
        }, limits) {
    REQUIRE(server.listen(path).ok());
    server.start();
  }
};

std::string read_some(int fd, int tries = 200) {
  std::string out;
  char buf[4096];
  for (int i = 0; i < tries; ++i) {
    ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
    if (n > 0) out.append(buf, n);
    if (n == 0) break;
    if (!out.empty() && out.back() == '\n') break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return out;
}

}  // namespace

TEST_CASE("A request gets its reply with the same id - peer credentials are known", "[ipc]") {
  EchoServer s;
  auto r = ipc::call(s.path, {{"cmd", "whoami"}, {"id", 42}}, 2);
  REQUIRE(r);
  CHECK(r.reply["id"] == 42);
  CHECK(r.reply["uid"] == static_cast<int>(::getuid()));
}

TEST_CASE("Garbage gets a clear error and the connection keeps working", "[ipc]") {
  EchoServer s;
  ipc::Client c;
  REQUIRE(c.connect(s.path, 2).ok());
  int fd = platform::connect_unix(s.path, 2).value();
  REQUIRE(fd >= 0);
  std::string garbage = "\x01\x02 not json\n{\"no\":\"cmd\"}\n";
  REQUIRE(::send(fd, garbage.data(), garbage.size(), 0) == (ssize_t)garbage.size());
  std::string got = read_some(fd);
  CHECK(got.find("not valid JSON") != std::string::npos);
  std::string ok = "{\"cmd\":\"status\",\"id\":1}\n";
  ::send(fd, ok.data(), ok.size(), 0);
  got = read_some(fd);
  CHECK(got.find("\"ok\":true") != std::string::npos);
  ::close(fd);
  CHECK(c.request({{"cmd", "status"}}, 2));
}

TEST_CASE("An oversized request line is refused and that client closed - others are served", "[ipc]") {
  EchoServer s;
  int fd = platform::connect_unix(s.path, 2).value();
  REQUIRE(fd >= 0);
  std::string big(ipc::kMaxRequestLine + 100, 'a');
  ::send(fd, big.data(), big.size(), MSG_NOSIGNAL);
  std::string got = read_some(fd);
  CHECK(got.find("longer than 65536 bytes") != std::string::npos);
  ::close(fd);
  CHECK(ipc::call(s.path, {{"cmd", "status"}}, 2));
}

TEST_CASE("Connections beyond the cap are refused politely", "[ipc]") {
  EchoServer s(ipc::ServerLimits{4});
  std::vector<ipc::Client> held(4);
  for (auto& c : held) {
    REQUIRE(c.connect(s.path, 2).ok());
    REQUIRE(c.request({{"cmd", "status"}}, 2));  // accepted and registered
  }
  int extra = platform::connect_unix(s.path, 2).value();
  REQUIRE(extra >= 0);
  std::string got = read_some(extra);
  CHECK(got.find("too many clients") != std::string::npos);
  ::close(extra);
  held.pop_back();  // a slot frees up
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(ipc::call(s.path, {{"cmd", "status"}}, 2));
}

TEST_CASE("Hundreds of connections at once: the cap holds, the extra ones are told why", "[ipc]") {
  EchoServer s;  // default cap: 64
  std::vector<int> fds;
  for (int i = 0; i < 500; ++i) {
    int fd = platform::connect_unix(s.path, 2).value();
    if (fd >= 0) fds.push_back(fd);
  }
  // Every connection is accepted or refused by now (refusals are written before close).
  for (int i = 0; i < 100 && s.server.clients() < 64; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  int refused = 0, silent = 0;
  for (int fd : fds) {
    std::string got = read_some(fd, 4);
    refused += got.find("too many clients") != std::string::npos;
    silent += got.empty();
  }
  INFO("silent " << silent);
  CHECK(refused == static_cast<int>(fds.size()) - 64);
  CHECK(s.server.clients() == 64);
  for (int fd : fds) ::close(fd);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(ipc::call(s.path, {{"cmd", "status"}}, 2));
}

TEST_CASE("A subscriber that never reads is dropped, others keep getting pushes", "[ipc]") {
  EchoServer s(ipc::ServerLimits{64, ipc::kMaxRequestLine, 64 * 1024});
  int lazy = platform::connect_unix(s.path, 2).value();
  int bufsize = 4096;
  ::setsockopt(lazy, SOL_SOCKET, SO_RCVBUF, &bufsize, sizeof bufsize);
  std::string sub = "{\"cmd\":\"subscribe\"}\n";
  ::send(lazy, sub.data(), sub.size(), 0);

  std::atomic<int> pushes{0};
  ipc::Subscription live(s.path, {.on_snapshot = {}, .on_event = [&](const json&) { ++pushes; }, .on_connection = {}});
  for (int i = 0; i < 100 && !live.connected(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(live.connected());
  const json event = {{"push", "event"}, {"event", {{"kind", "x"}, {"pad", std::string(2000, 'p')}}}};
  int published = 0;
  for (; published < 2000 && s.server.dropped_clients() == 0; ++published) {
    s.server.publish(event);
    if (published % 10 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(s.server.dropped_clients() == 1);
  for (int i = 0; i < 50; ++i, ++published) s.server.publish(event);  // the live one still gets everything
  for (int i = 0; i < 500 && pushes < published; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  CHECK(pushes == published);
  CHECK(s.server.dropped_clients() == 1);  // the burst alone must not drop a reader
  CHECK(live.connected());
  CHECK(ipc::call(s.path, {{"cmd", "status"}}, 2));
  ::close(lazy);
}

TEST_CASE("A Subscription reconnects when the server comes back", "[ipc]") {
  test::TempDir dir;
  const std::string path = dir / "r.sock";
  std::atomic<int> snapshots{0}, downs{0};
  auto handler = [](const ipc::Request& r, const ipc::ClientInfo&) -> std::optional<json> {
    return ipc::ok_reply(r.id, {{"snapshot", {{"n", 1}}}});
  };
  ipc::Subscription sub(path, {.on_snapshot = [&](const json&) { ++snapshots; },
                               .on_event = {},
                               .on_connection = [&](bool up, const std::string&) { if (!up) ++downs; }},
                        0.2);
  for (int round = 1; round <= 2; ++round) {
    ipc::Server server(handler);
    REQUIRE(server.listen(path).ok());
    server.start();
    for (int i = 0; i < 300 && snapshots < round; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(snapshots == round);
  }
  CHECK(downs >= 1);
}
