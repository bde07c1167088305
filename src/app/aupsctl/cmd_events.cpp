// aupsctl events [--limit N] [--since T] [--json] and aupsctl history [...]: the agent's memory.
#include <cstdio>
#include <ctime>

#include "core/text.hpp"
#include "app/aupsctl/agent_call.hpp"

namespace aups::ctl {
namespace {
using nlohmann::json;

std::string local_time(double t) { return local_time_text(t, "%Y-%m-%d %H:%M:%S"); }

RegisterCommand reg([](CLI::App& root) {
  struct Opts {
    std::shared_ptr<std::string> socket = std::make_shared<std::string>();
    int limit = 100;
    double since = 0, until = 0;
    std::string resolution = "auto";
    bool json = false;
  };
  auto eo = std::make_shared<Opts>();
  auto* events = root.add_subcommand("events", "Recent agent events (mains lost, shutdown started, settings changed, ...)");
  add_socket_option(events, eo->socket);
  events->add_option("--limit", eo->limit, "at most this many, newest last")->check(CLI::Range(1, 100000));
  events->add_option("--since", eo->since, "only events at or after this Unix time");
  events->add_flag("--json", eo->json, "print the events array as JSON");
  events->callback([eo] {
    json req = {{"cmd", "events"}, {"limit", eo->limit}};
    if (eo->since > 0) req["since"] = eo->since;
    auto r = ask_agent(*eo->socket, req, "events");
    if (!r) return;
    if (eo->json) return (void)std::printf("%s\n", (*r)["events"].dump(1).c_str());
    for (auto& e : (*r)["events"])
      std::printf("%s  %-8s %-20s %s\n", local_time(e.value("t", 0.0)).c_str(), text_of(e["severity"]).c_str(),
                  text_of(e["kind"]).c_str(), text_of(e["message"]).c_str());
  });

  auto ho = std::make_shared<Opts>();
  auto* history = root.add_subcommand("history", "Charge, load and runtime samples from the store");
  add_socket_option(history, ho->socket);
  history->add_option("--since", ho->since, "Unix time (default: an hour ago)");
  history->add_option("--until", ho->until, "Unix time (default: now)");
  history->add_option("--resolution", ho->resolution, "s, min, h or auto")->check(CLI::IsMember({"s", "min", "h", "auto"}));
  history->add_flag("--json", ho->json, "print the samples array as JSON");
  history->callback([ho] {
    json req = {{"cmd", "history"}, {"resolution", ho->resolution}};
    if (ho->since > 0) req["since"] = ho->since;
    if (ho->until > 0) req["until"] = ho->until;
    auto r = ask_agent(*ho->socket, req, "history");
    if (!r) return;
    if (ho->json) return (void)std::printf("%s\n", (*r)["samples"].dump(1).c_str());
    std::printf("%-19s  %7s  %7s  %9s  %s\n", "time", "charge%", "load W", "runtime s", "mains");
    for (auto& s : (*r)["samples"])
      std::printf("%s  %7s  %7s  %9s  %s\n", local_time(s.value("t", 0.0)).c_str(), text_of(s["charge"]).c_str(),
                  text_of(s["load_w"]).c_str(), text_of(s["runtime_s"]).c_str(), s.value("mains", false) ? "yes" : "no");
  });
});

}  // namespace
}  // namespace aups::ctl
