// libFuzzer target: any bytes as what a local client writes to aupsd's socket. The first byte
// picks the chunk size the bytes arrive in (as read() would split them); LineBuffer frames
// them, parse_request parses each line, and every reply line the server would write is one
// valid JSON line that echoes the request's id.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ipc/protocol.hpp"

namespace {
constexpr std::size_t kMaxLine = 512;  // small, so the fuzzer reaches the too-long path

void check_reply(const nlohmann::json& reply, const nlohmann::json& id) {
  const std::string line = aups::ipc::to_line(reply);
  if (line.empty() || line.back() != '\n' || line.find('\n') != line.size() - 1) __builtin_trap();
  auto back = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (back.is_discarded() || !back.is_object() || !back.contains("ok")) __builtin_trap();
  if (!id.is_null() && !back.contains("id")) __builtin_trap();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aups::ipc;
  if (size == 0) return 0;
  const std::size_t chunk = 1 + data[0] % 64;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  LineBuffer in(kMaxLine);
  std::size_t fed = 0;
  while (fed < bytes.size()) {
    const std::size_t n = std::min(chunk, bytes.size() - fed);
    in.feed(bytes.substr(fed, n));
    fed += n;
    std::string line;
    for (;;) {
      auto next = in.next(line);
      if (next == LineBuffer::Next::NeedMore) break;
      if (next == LineBuffer::Next::TooLong) {  // the server replies and closes
        check_reply(error_reply(nullptr, "request line too long"), nullptr);
        return 0;
      }
      if (line.size() > kMaxLine || line.find('\n') != std::string::npos) __builtin_trap();
      nlohmann::json id;
      auto req = parse_request(line, &id);
      if (!req) {
        if (req.error().message.empty()) __builtin_trap();
        check_reply(error_reply(id, req.error().message), id);
        continue;
      }
      if (!req->body.is_object() || req->id != id) __builtin_trap();
      check_reply(ok_reply(req->id, {{"cmd", req->cmd}, {"echo", req->body}}), req->id);
      check_reply(error_reply(req->id, "unknown cmd \"" + req->cmd + "\""), req->id);
    }
  }
  if (in.buffered() > kMaxLine + chunk) __builtin_trap();
  return 0;
}
