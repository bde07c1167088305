#include "snmp/snmp_profile.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include <toml++/toml.h>

#include "platform/atomic_file.hpp"
#include "snmp/ups_mib.hpp"

namespace aups::snmp {

std::variant<SnmpProfile, std::string> parse_snmp_profile(const std::string& toml_text) {
  toml::table t;
  try {
    t = toml::parse(toml_text);
  } catch (const toml::parse_error& e) {
    return std::string("TOML: ") + std::string(e.description());
  }
  SnmpProfile p;
  auto name = t["name"].value<std::string>();
  if (!name || name->empty()) return std::string("'name' missing");
  p.name = *name;
  p.description = t["description"].value_or(std::string());
  auto prefix = t["match"]["sys_object_id"].value<std::string>();
  if (!prefix || !valid_oid(*prefix)) return std::string("'match.sys_object_id' missing or not an OID");
  p.sys_object_id_prefix = *prefix;
  if (auto* scale = t["scale"].as_table()) {
    for (auto& [key, node] : *scale) {
      std::string object(key.str());
      if (!mib_object(object)) return "scale." + object + ": not a UPS-MIB object this client reads";
      auto factor = node.value<double>();
      if (!factor || !(*factor > 0)) return "scale." + object + ": must be a positive number";
      p.scale[object] = *factor;
    }
  }
  return p;
}

std::vector<SnmpProfile> load_snmp_profiles(const std::string& dir, std::vector<std::string>* notes) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto& e : fs::directory_iterator(dir, ec)) {
    std::string fname = e.path().filename().string();
    if (fname.rfind("snmp-", 0) == 0 && e.path().extension() == ".toml") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<SnmpProfile> out;
  for (auto& f : files) {
    std::string error;
    const auto text = platform::read_file(f.string(), &error);
    auto p = text ? parse_snmp_profile(*text) : std::variant<SnmpProfile, std::string>(error);
    if (auto* profile = std::get_if<SnmpProfile>(&p)) out.push_back(std::move(*profile));
    else if (notes) notes->push_back("profile " + f.filename().string() + " ignored: " + std::get<std::string>(p));
  }
  return out;
}

std::string default_profile_dir() {
  if (const char* env = std::getenv("AUPS_ASSETS_DIR"); env && *env) return std::string(env) + "/profiles";
  return std::string(AUPS_ASSETS_DIR) + "/profiles";
}

const SnmpProfile* match_profile(const std::vector<SnmpProfile>& profiles, const SnmpVarbinds& vars) {
  auto it = vars.find(std::string(kSysObjectId));
  if (it == vars.end() || it->second.type != SnmpType::ObjectId) return nullptr;
  for (auto& p : profiles)
    if (it->second.text == p.sys_object_id_prefix || oid_under(it->second.text, p.sys_object_id_prefix))
      return &p;
  return nullptr;
}

}  // namespace aups::snmp
