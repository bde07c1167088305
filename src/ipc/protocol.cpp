#include "ipc/protocol.hpp"

#include <cstdlib>

namespace aups::ipc {
using nlohmann::json;

std::string default_socket_path() {
  const char* env = std::getenv("AUPS_SOCKET");
  return env && *env ? env : kDefaultSocketPath;
}

LineBuffer::Next LineBuffer::next(std::string& line) {
  auto nl = buf_.find('\n', pos_);
  if (nl == std::string::npos) {
    if (buffered() > max_) return Next::TooLong;
    if (pos_ > 0 && pos_ == buf_.size()) buf_.clear(), pos_ = 0;
    else if (pos_ > 4096) buf_.erase(0, pos_), pos_ = 0;
    return Next::NeedMore;
  }
  if (nl - pos_ > max_) return Next::TooLong;
  line.assign(buf_, pos_, nl - pos_);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  pos_ = nl + 1;
  return Next::Line;
}

Result<Request> parse_request(std::string_view line, json* id) {
  *id = nullptr;
  json j = json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Error{"request is not valid JSON"};
  if (!j.is_object()) return Error{"request must be a JSON object"};
  if (auto it = j.find("id"); it != j.end()) *id = *it;
  auto cmd = j.find("cmd");
  if (cmd == j.end() || !cmd->is_string()) return Error{"request needs a \"cmd\" string"};
  return Request{*id, cmd->get<std::string>(), std::move(j)};
}

json ok_reply(const json& id, json fields) {
  json r = std::move(fields);
  if (!r.is_object()) r = json::object();
  if (!id.is_null()) r["id"] = id;
  r["ok"] = true;
  return r;
}

json error_reply(const json& id, std::string_view message) {
  json r = json::object();
  if (!id.is_null()) r["id"] = id;
  r["ok"] = false;
  r["error"] = std::string(message);
  return r;
}

std::string to_line(const json& j) {
  std::string s = j.dump(-1, ' ', false, json::error_handler_t::replace);
  s += '\n';
  return s;
}

}  // namespace aups::ipc
