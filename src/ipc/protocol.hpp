#pragma once
// The aupsd wire protocol (docs/ipc.md): newline-delimited JSON over a Unix stream socket.
// Framing and request parsing are pure so they are tested without sockets.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace aups::ipc {

inline constexpr std::size_t kMaxRequestLine = 64 * 1024;          // what the agent accepts
inline constexpr std::size_t kMaxReplyLine = 16 * 1024 * 1024;     // what clients accept
inline constexpr const char* kDefaultSocketPath = "/run/aups/aupsd.sock";

// The socket path: $AUPS_SOCKET when set, else the default.
std::string default_socket_path();

// Splits a byte stream into lines. A line longer than the limit is an error: the
// connection cannot be resynchronised safely, so the caller replies and closes.
class LineBuffer {
 public:
  explicit LineBuffer(std::size_t max_line) : max_(max_line) {}
  enum class Next { Line, NeedMore, TooLong };
  void feed(std::string_view bytes) { buf_.append(bytes); }
  // Takes the next complete line (without the newline; a trailing '\r' is dropped).
  Next next(std::string& line);
  std::size_t buffered() const { return buf_.size() - pos_; }

 private:
  std::size_t max_;
  std::string buf_;
  std::size_t pos_ = 0;
};

struct Request {
  nlohmann::json id;  // null when absent
  std::string cmd;
  nlohmann::json body;  // the whole object
};

// Parses one request line; an error's message is reply-ready text. *id is set whenever the line
// was an object with an "id", so errors can echo it.
Result<Request> parse_request(std::string_view line, nlohmann::json* id);

nlohmann::json ok_reply(const nlohmann::json& id, nlohmann::json fields = nlohmann::json::object());
nlohmann::json error_reply(const nlohmann::json& id, std::string_view message);
// One wire line: compact JSON + '\n'. Invalid UTF-8 is replaced, never thrown.
std::string to_line(const nlohmann::json& j);

}  // namespace aups::ipc
