#include <catch2/catch.hpp>

#include "ipc/protocol.hpp"

using namespace aups::ipc;
using nlohmann::json;

TEST_CASE("LineBuffer splits lines, drops CR, keeps partial lines", "[ipc]") {
  LineBuffer b(100);
  std::string line;
  b.feed("{\"cmd\":\"status\"}\r\n{\"cmd\":");
  REQUIRE(b.next(line) == LineBuffer::Next::Line);
  CHECK(line == "{\"cmd\":\"status\"}");
  CHECK(b.next(line) == LineBuffer::Next::NeedMore);
  b.feed("\"plan\"}\n");
  REQUIRE(b.next(line) == LineBuffer::Next::Line);
  CHECK(line == "{\"cmd\":\"plan\"}");
  CHECK(b.buffered() == 0);
}

TEST_CASE("LineBuffer refuses a line over the limit, with or without its newline", "[ipc]") {
  std::string line;
  LineBuffer unterminated(kMaxRequestLine);
  unterminated.feed(std::string(kMaxRequestLine + 1, 'x'));
  CHECK(unterminated.next(line) == LineBuffer::Next::TooLong);

  LineBuffer terminated(kMaxRequestLine);
  terminated.feed(std::string(kMaxRequestLine + 1, 'x') + "\n");
  CHECK(terminated.next(line) == LineBuffer::Next::TooLong);

  LineBuffer exact(kMaxRequestLine);
  exact.feed(std::string(kMaxRequestLine, 'x') + "\n");
  CHECK(exact.next(line) == LineBuffer::Next::Line);
}

TEST_CASE("parse_request explains what is wrong and echoes the id", "[ipc]") {
  json id;
  auto not_json = parse_request("not json {", &id);
  CHECK_FALSE(not_json);
  CHECK(not_json.error().message == "request is not valid JSON");
  auto not_object = parse_request("[1,2]", &id);
  CHECK_FALSE(not_object);
  CHECK(not_object.error().message == "request must be a JSON object");
  auto no_cmd = parse_request(R"({"id":7,"cmd":3})", &id);
  CHECK_FALSE(no_cmd);
  CHECK(no_cmd.error().message.find("cmd") != std::string::npos);
  CHECK(id == 7);
  auto req = parse_request(R"({"id":"a","cmd":"events","limit":5})", &id);
  REQUIRE(req);
  CHECK(req->cmd == "events");
  CHECK(req->id == "a");
  CHECK(req->body["limit"] == 5);
}

TEST_CASE("Replies carry ok, id and error - lines are single-line and survive bad UTF-8", "[ipc]") {
  json ok = ok_reply(3, {{"x", 1}});
  CHECK(ok["ok"] == true);
  CHECK(ok["id"] == 3);
  json err = error_reply(nullptr, "nope");
  CHECK(err["ok"] == false);
  CHECK_FALSE(err.contains("id"));
  std::string line = to_line(json{{"s", std::string("bad \xff utf8\nnewline")}});
  CHECK(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
}
