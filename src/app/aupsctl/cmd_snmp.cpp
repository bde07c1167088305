// aupsctl snmp decode FILE.snmprec [--json]: a recorded UPS-MIB walk decoded into NUT variables,
// so a real device's recording can be checked without the device.
// (The UPS-MIB export through snmpd is aupsd's, `[snmp] agentx = true`: aupsd owns the UPS.)
#include <iostream>
#include <memory>

#include "app/aupsctl/command.hpp"
#include "snmp/snmp_source.hpp"
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
});

}  // namespace
}  // namespace aups::ctl
