// aupsctl snmp decode FILE.snmprec [--json]: a recorded UPS-MIB walk decoded into NUT variables,
// so a real device's recording can be checked without the device.
// aupsctl snmp agentx URI [--socket S]: the UPS behind URI as UPS-MIB in the host's snmpd.
#include <poll.h>

#include <csignal>
#include <iostream>
#include <memory>

#include "app/aupsctl/command.hpp"
#include "core/source_registry.hpp"
#include "snmp/snmp_source.hpp"
#include "snmp/ups_mib_export.hpp"
#include "snmp/snmprec.hpp"
#include "snmp/ups_mib.hpp"

namespace aups::ctl {
namespace {

// `aupsctl probe snmp://COMMUNITY@HOST[:PORT]` (and every other URI user) via the scheme registry.
const bool kSnmpScheme = (snmp::register_snmp_source_scheme(), true);

int decode(const std::string& path, bool json, const std::string& profile_dir) {
  auto parsed = snmp::load_snmprec(path);
  if (auto* err = std::get_if<snmp::SnmprecError>(&parsed)) {
    std::cerr << "aupsctl snmp decode: " << path << ": " << err->to_string() << "\n";
    return 2;
  }
  const auto& vars = std::get<snmp::SnmpVarbinds>(parsed);
  std::vector<std::string> profile_notes;
  auto profiles = snmp::load_snmp_profiles(profile_dir, &profile_notes);
  auto reading = snmp::decode_ups_mib(vars, snmp::match_profile(profiles, vars));
  reading.notes.insert(reading.notes.begin(), profile_notes.begin(), profile_notes.end());
  nlohmann::json out = snmp::to_json(reading);
  if (json) {
    std::cout << out.dump(1) << "\n";
    return 0;
  }
  for (auto& [key, value] : out["vars"].items())
    std::cout << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
  if (!reading.profile.empty()) std::cout << "# profile: " << reading.profile << "\n";
  for (auto& n : reading.notes) std::cout << "# note: " << n << "\n";
  return 0;
}

volatile std::sig_atomic_t g_stop = 0;

// Exports the UPS behind `uri` as UPS-MIB through snmpd (AgentX) until SIGINT/SIGTERM.
int agentx(const std::string& uri, const std::string& socket) {
  auto exporter = snmp::UpsMibExporter::start(socket);  // first: net-snmp's role is per process
  if (auto* err = std::get_if<std::string>(&exporter)) {
    std::cerr << "aupsctl snmp agentx: " << *err << "\n";
    return 1;
  }
  auto& out = *std::get<std::unique_ptr<snmp::UpsMibExporter>>(exporter);
  SteadyClock clock;
  auto made = make_source(uri, clock);
  if (auto* err = std::get_if<std::string>(&made)) {
    std::cerr << "aupsctl snmp agentx: " << *err << "\n";
    return 2;
  }
  auto& source = *std::get<std::unique_ptr<UpsSource>>(made);
  if (auto err = source.open()) std::cerr << "aupsctl snmp agentx: " << *err << " (retrying)\n";
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  const double start = clock.now_s();
  while (!g_stop) {
    source.poll(0);
    out.update(source.reading(), clock.now_s() - start);
    std::vector<pollfd> fds;
    for (int fd : out.fds()) fds.push_back({fd, POLLIN, 0});
    double wait = out.next_timeout_s();
    int ms = wait < 0 || wait > 0.2 ? 200 : static_cast<int>(wait * 1000);
    ::poll(fds.data(), fds.size(), ms);
    out.service();
  }
  return 0;
}

RegisterCommand reg([](CLI::App& root) {
  auto* snmp = root.add_subcommand("snmp", "SNMP UPS-MIB (RFC 1628) tools");
  snmp->require_subcommand(1);
  auto* dec = snmp->add_subcommand("decode", "Decode a recorded walk (snmpsim OID|type|value) into NUT variables");
  struct Opts { std::string file; bool json = false; std::string profiles = snmp::default_profile_dir(); };
  auto opts = std::make_shared<Opts>();
  dec->add_option("file", opts->file, "the .snmprec recording")->required();
  dec->add_flag("--json", opts->json, "print {\"vars\": {...}, \"notes\": [...]}");
  dec->add_option("--profiles", opts->profiles, "folder of snmp-*.toml quirk profiles");
  dec->callback([opts] { set_exit_code(decode(opts->file, opts->json, opts->profiles)); });

  auto* ax = snmp->add_subcommand("agentx", "Export a UPS (any source URI) as UPS-MIB through snmpd's AgentX socket");
  struct AxOpts { std::string uri; std::string socket; };
  auto ax_opts = std::make_shared<AxOpts>();
  ax->add_option("URI", ax_opts->uri, "the UPS: snmp://..., sim://PATH, hid://auto")->required();
  ax->add_option("--socket", ax_opts->socket, "snmpd's AgentX socket (default: net-snmp's, /var/agentx/master)");
  ax->callback([ax_opts] { set_exit_code(agentx(ax_opts->uri, ax_opts->socket)); });
});

}  // namespace
}  // namespace aups::ctl
