#pragma once
// Shared by the aupsctl commands that talk to aupsd: the --socket option and one request.
#include <iostream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "app/aupsctl/command.hpp"
#include "ipc/client.hpp"

namespace aups::ctl {

inline void add_socket_option(CLI::App* cmd, std::shared_ptr<std::string> socket) {
  *socket = ipc::default_socket_path();
  cmd->add_option("--socket", *socket, "aupsd's socket (default $AUPS_SOCKET or /run/aups/aupsd.sock)");
}

// Sends one request; prints the error and sets exit code 1 when it fails.
inline std::optional<nlohmann::json> ask_agent(const std::string& socket, nlohmann::json req, const char* what) {
  ipc::CallResult r = ipc::call(socket, std::move(req), 10.0);
  if (!r) {
    std::cerr << "aupsctl " << what << ": " << r.message() << "\n";
    set_exit_code(1);
    return std::nullopt;
  }
  return r.reply;
}

inline std::string text_of(const nlohmann::json& v) {
  if (v.is_null()) return "-";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_float()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
    return buf;
  }
  return v.dump();
}

}  // namespace aups::ctl
