// TEST-ONLY driver: runs a HidSource (the real libhidapi-hidraw underneath) on commands from
// stdin, one JSON answer line per command on stdout. test_hid_transport starts it with the
// hidraw emulation preloaded. Commands:
//   open URI | poll SECONDS | reading | set JSON | net JSON | kill SECONDS | quit
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/nut_json.hpp"
#include "hid/hid_source.hpp"

using nlohmann::json;
using namespace aups;

namespace {
json reading_json(const UpsSource& src, const Clock& clock) {
  UpsReading r = src.reading();
  json j;
  j["identity"] = to_nut_json(r.identity);
  j["status"] = to_nut_json(r.status);
  if (r.settings) j["settings"] = to_nut_json(*r.settings);
  if (r.network) j["network"] = to_nut_json(*r.network);
  j["connected"] = r.connected;
  j["stale"] = r.stale;
  j["age_s"] = clock.now_s() - r.updated_s;
  return j;
}
json result(const std::optional<std::string>& err) {
  return err ? json{{"ok", false}, {"error", *err}} : json{{"ok", true}};
}
}  // namespace

int main() {
  SteadyClock clock;
  hid::HidSourceOptions opt;
  opt.backoff_min_s = 0.05;
  opt.backoff_max_s = 0.2;
  std::unique_ptr<hid::HidSource> src;
  for (std::string line; std::getline(std::cin, line);) {
    std::istringstream in(line);
    std::string cmd, arg;
    in >> cmd;
    std::getline(in >> std::ws, arg);
    json out;
    try {
      if (cmd == "quit") break;
      if (cmd == "open") {
        auto made = hid::make_hid_source(arg, clock, opt);
        if (auto* e = std::get_if<std::string>(&made)) out = result(*e);
        else {
          src = std::move(std::get<0>(made));
          out = result(src->open());
        }
      } else if (!src) {
        out = result("not opened");
      } else if (cmd == "poll") {
        PollResult r = src->poll(std::stod(arg));
        out = reading_json(*src, clock);
        out["result"] = r == PollResult::Updated ? "updated" : r == PollResult::Timeout ? "timeout" : "disconnected";
      } else if (cmd == "reading") {
        out = reading_json(*src, clock);
      } else if (cmd == "set" || cmd == "net") {
        UpsReading r = src->reading();
        if (cmd == "set") {
          auto s = apply_settings_json(r.settings.value_or(UpsSettings{}), json::parse(arg));
          out = s ? result(src->write_settings(*s)) : result(s.error().message);
        } else {
          auto n = apply_network_json(r.network.value_or(NetworkSettings{}), json::parse(arg));
          out = n ? result(src->write_network(*n)) : result(n.error().message);
        }
      } else if (cmd == "kill") {
        out = result(src->shutdown_output_after(std::stoi(arg)));
      } else {
        out = result("unknown command " + cmd);
      }
    } catch (const std::exception& e) {
      out = result(std::string("driver: ") + e.what());
    }
    std::cout << out.dump() << std::endl;
  }
  return 0;
}
