#include "hid/hid_profile.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <set>

#include <toml++/toml.h>

#include "core/model.hpp"
#include "core/status_flags.hpp"
#include "core/ups_vars.hpp"
#include "hid/usage_names.hpp"
#include "platform/atomic_file.hpp"

namespace aups::hid {
namespace {

struct Ctx {
  const std::string& file;
  int line(const toml::node& n) const { return static_cast<int>(n.source().begin.line); }
  [[noreturn]] void fail(const toml::node& n, const std::string& msg) const { throw ProfileError(file, line(n), msg); }
};

// A profile feeds the model fields of core/ups_vars.hpp; identity fallbacks are identity texts.
bool known_var(const std::string& name) {
  const UpsVar* v = find_ups_var(name);
  return v && feedable(*v);
}
bool identity_var(const std::string& name) {
  const UpsVar* v = find_ups_var(name);
  return v && belongs_to<UpsIdentity>(*v);
}

bool valid_path(std::string_view path) {
  if (path.empty()) return false;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t dot = path.find('.', start);
    std::string_view part = path.substr(start, dot == std::string_view::npos ? path.npos : dot - start);
    bool vendor_node = part.size() >= 3 && part.front() == '[' && part.back() == ']';
    if (!vendor_node && !usage_from_string(part)) return false;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return true;
}

void only_keys(const Ctx& c, const toml::table& t, std::initializer_list<std::string_view> allowed, const char* where) {
  for (auto& [k, v] : t)
    if (std::find(allowed.begin(), allowed.end(), k.str()) == allowed.end())
      c.fail(v, std::string("unknown key '") + std::string(k.str()) + "' in " + where);
}

template <class T>
std::optional<T> get(const Ctx& c, const toml::table& t, std::string_view key) {
  const toml::node* n = t.get(key);
  if (!n) return std::nullopt;
  if constexpr (std::is_same_v<T, std::string>) {
    if (auto v = n->value<std::string>()) return *v;
    c.fail(*n, std::string(key) + " must be a string");
  } else if constexpr (std::is_same_v<T, double>) {
    if (auto v = n->value<double>()) return *v;
    c.fail(*n, std::string(key) + " must be a number");
  } else if constexpr (std::is_same_v<T, bool>) {
    if (auto v = n->value<bool>()) return *v;
    c.fail(*n, std::string(key) + " must be true or false");
  } else {
    if (auto v = n->value<std::int64_t>()) {
      if (*v < std::numeric_limits<T>::min() || *v > std::numeric_limits<T>::max())
        c.fail(*n, std::string(key) + " is out of range");
      return static_cast<T>(*v);
    }
    c.fail(*n, std::string(key) + " must be an integer");
  }
}

std::string need_path(const Ctx& c, const toml::table& t) {
  auto p = get<std::string>(c, t, "path");
  if (!p) c.fail(t, "missing 'path'");
  if (!valid_path(*p)) c.fail(*t.get("path"), "unknown usage name in path '" + *p + "'");
  return *p;
}

ProfileMap parse_map(const Ctx& c, const toml::table& t) {
  only_keys(c, t, {"path", "var", "status", "protection", "action", "kind", "units", "scale", "offset", "when", "values"}, "[[map]]");
  ProfileMap m;
  m.line = c.line(t);
  m.path = need_path(c, t);
  auto var = get<std::string>(c, t, "var");
  auto status = get<std::string>(c, t, "status");
  auto prot = get<std::string>(c, t, "protection");
  auto action = get<std::string>(c, t, "action");
  if (int(var.has_value()) + status.has_value() + prot.has_value() + action.has_value() != 1)
    c.fail(t, "a [[map]] needs exactly one of var, status, protection, action");
  if (status) {
    if (!StatusFlags::parse(*status) || status->find(' ') != std::string::npos)
      c.fail(*t.get("status"), "unknown ups.status word '" + *status + "'");
    m.kind = MapKind::Status;
    m.status = *status;
  } else if (prot) {
    bool ok = std::any_of(std::begin(kAllProtections), std::end(kAllProtections),
                          [&](Protection p) { return *prot == protection_name(p); });
    if (!ok) c.fail(*t.get("protection"), "unknown protection '" + *prot + "'");
    m.kind = MapKind::Status;
    m.status = "protection:" + *prot;
  } else if (action) {
    if (*action != "shutdown_output_after") c.fail(*t.get("action"), "unknown action '" + *action + "'");
    m.kind = MapKind::Action;
    m.action = *action;
  } else {
    if (!known_var(*var)) c.fail(*t.get("var"), "unknown variable '" + *var + "'");
    m.var = *var;
    std::string kind = get<std::string>(c, t, "kind").value_or(t.get("values") ? "enum" : "number");
    static const std::pair<const char*, MapKind> kinds[] = {
        {"number", MapKind::Number}, {"bool", MapKind::Bool}, {"text", MapKind::Text}, {"ipv4", MapKind::Ipv4}, {"enum", MapKind::Enum}};
    auto k = std::find_if(std::begin(kinds), std::end(kinds), [&](auto& p) { return kind == p.first; });
    if (k == std::end(kinds)) c.fail(*t.get("kind"), "kind must be number, bool, text, ipv4 or enum");
    m.kind = k->second;
  }
  if (auto units = get<std::string>(c, t, "units")) {
    if (*units != "si" && *units != "raw") c.fail(*t.get("units"), "units must be \"si\" or \"raw\"");
    m.si_units = *units == "si";
  }
  m.scale = get<double>(c, t, "scale").value_or(1.0);
  m.offset = get<double>(c, t, "offset").value_or(0.0);
  if (m.scale == 0) c.fail(*t.get("scale"), "scale must not be 0");
  m.when = get<double>(c, t, "when");
  if (auto* vals = t.get("values")) {
    auto* vt = vals->as_table();
    if (!vt || m.kind != MapKind::Enum) c.fail(*vals, "values must be a table like { enabled = 2, disabled = 1 } on an enum");
    for (auto& [k, v] : *vt) {
      auto d = v.value<double>();
      if (!d) c.fail(v, "enum value must be a number");
      m.values.emplace_back(std::string(k.str()), *d);
    }
  }
  if (m.kind == MapKind::Enum && m.values.empty()) c.fail(t, "an enum needs values");
  return m;
}

}  // namespace

HidProfile parse_profile(std::string_view text, const std::string& file) {
  Ctx c{file};
  toml::table root;
  try {
    root = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw ProfileError(file, static_cast<int>(e.source().begin.line), std::string(e.description()));
  }
  only_keys(c, root, {"name", "description", "priority", "extends", "poll_interval_s", "match", "identity", "fix", "map"}, "the profile");
  HidProfile p;
  p.file = file;
  p.name = get<std::string>(c, root, "name").value_or("");
  if (p.name.empty()) throw ProfileError(file, 1, "missing 'name'");
  p.description = get<std::string>(c, root, "description").value_or("");
  p.priority = get<int>(c, root, "priority").value_or(0);
  p.extends = get<std::string>(c, root, "extends").value_or("");
  p.poll_interval_s = get<double>(c, root, "poll_interval_s").value_or(10.0);
  if (p.poll_interval_s <= 0) c.fail(*root.get("poll_interval_s"), "poll_interval_s must be positive");
  if (auto* m = root.get("match")) {
    auto* t = m->as_table();
    if (!t) c.fail(*m, "[match] must be a table");
    only_keys(c, *t, {"vendor_id", "product_id", "usage_page", "manufacturer", "product", "has_paths"}, "[match]");
    p.match.vendor_id = get<std::uint16_t>(c, *t, "vendor_id");
    p.match.product_id = get<std::uint16_t>(c, *t, "product_id");
    p.match.usage_page = get<std::uint16_t>(c, *t, "usage_page");
    p.match.manufacturer = get<std::string>(c, *t, "manufacturer");
    p.match.product = get<std::string>(c, *t, "product");
    if (auto* hp = t->get("has_paths")) {
      auto* arr = hp->as_array();
      if (!arr) c.fail(*hp, "has_paths must be an array of usage paths");
      for (auto& e : *arr) {
        auto s = e.value<std::string>();
        if (!s || !valid_path(*s)) c.fail(e, "has_paths entries must be usage paths");
        p.match.has_paths.push_back(*s);
      }
    }
  }
  if (auto* m = root.get("identity")) {
    auto* t = m->as_table();
    if (!t) c.fail(*m, "[identity] must be a table");
    for (auto& [k, v] : *t) {
      std::string key(k.str());
      if (!identity_var(key)) c.fail(v, "unknown identity variable '" + key + "'");
      auto s = v.value<std::string>();
      if (!s) c.fail(v, key + " must be a string");
      p.identity[key] = *s;
    }
  }
  auto tables = [&](const char* key, auto&& each) {
    if (auto* n = root.get(key)) {
      auto* arr = n->as_array();
      if (!arr) c.fail(*n, std::string("use [[") + key + "]] for " + key + " entries");
      for (auto& e : *arr) {
        auto* t = e.as_table();
        if (!t) c.fail(e, std::string(key) + " entries must be tables");
        each(*t);
      }
    }
  };
  tables("fix", [&](const toml::table& t) {
    only_keys(c, t, {"path", "logical_min", "logical_max"}, "[[fix]]");
    p.fixes.push_back({need_path(c, t), get<std::int64_t>(c, t, "logical_min"), get<std::int64_t>(c, t, "logical_max"), c.line(t)});
  });
  tables("map", [&](const toml::table& t) { p.maps.push_back(parse_map(c, t)); });
  return p;
}

HidProfile load_profile_file(const std::string& path) {
  std::string error;
  const auto text = platform::read_file(path, &error);
  if (!text) throw ProfileError(path, 0, error);
  return parse_profile(*text, path);
}

std::string default_profile_dir() {
  if (const char* env = std::getenv("AUPS_PROFILE_DIR"); env && *env) return env;
  return std::string(AUPS_ASSETS_DIR) + "/profiles";
}

std::vector<HidProfile> load_profiles(const std::string& dir_in) {
  std::string dir = dir_in.empty() ? default_profile_dir() : dir_in;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(dir, ec))
    if (e.path().extension() == ".toml" && e.path().filename().string().rfind("hid-", 0) == 0)
      files.push_back(e.path().string());  // the folder is shared with other sources' profiles
  if (ec) throw ProfileError(dir, 0, "cannot list profiles: " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<HidProfile> raw;
  for (auto& f : files) raw.push_back(load_profile_file(f));
  std::vector<HidProfile> out;
  for (const HidProfile& p : raw) {
    HidProfile merged = p;
    std::set<std::string> seen{p.name};
    for (const HidProfile* cur = &p; !cur->extends.empty();) {
      auto parent = std::find_if(raw.begin(), raw.end(), [&](auto& q) { return q.name == cur->extends; });
      if (parent == raw.end()) throw ProfileError(cur->file, 1, "extends unknown profile '" + cur->extends + "'");
      if (!seen.insert(parent->name).second) throw ProfileError(cur->file, 1, "profiles extend each other in a loop");
      merged.maps.insert(merged.maps.begin(), parent->maps.begin(), parent->maps.end());
      merged.fixes.insert(merged.fixes.begin(), parent->fixes.begin(), parent->fixes.end());
      for (auto& [k, v] : parent->identity) merged.identity.emplace(k, v);
      cur = &*parent;
    }
    out.push_back(std::move(merged));
  }
  return out;
}

bool profile_matches(const HidProfile& p, const HidInfo& info, const HidReportDescriptor& desc) {
  const ProfileMatch& m = p.match;
  if (m.vendor_id && *m.vendor_id != info.vendor_id) return false;
  if (m.product_id && *m.product_id != info.product_id) return false;
  if (m.manufacturer && info.manufacturer.find(*m.manufacturer) == std::string::npos) return false;
  if (m.product && info.product.find(*m.product) == std::string::npos) return false;
  if (m.usage_page) {
    bool has = std::any_of(desc.fields.begin(), desc.fields.end(), [&](const HidField& f) {
      return !f.usage_path.empty() && (f.usage_path.front() >> 16) == *m.usage_page;
    });
    if (!has && info.usage_page != *m.usage_page) return false;
  }
  for (auto& path : m.has_paths)
    if (!desc.find(path)) return false;
  return true;
}

const HidProfile* select_profile(const std::vector<HidProfile>& profiles, const HidInfo& info,
                                 const HidReportDescriptor& desc) {
  const HidProfile* best = nullptr;
  for (auto& p : profiles)
    if (profile_matches(p, info, desc) && (!best || p.priority > best->priority)) best = &p;
  return best;
}

void apply_fixes(const HidProfile& p, HidReportDescriptor& desc) {
  for (auto& fix : p.fixes)
    for (auto& f : desc.fields)
      if (f.path == fix.path) {
        if (fix.logical_min) f.logical_min = *fix.logical_min;
        if (fix.logical_max) f.logical_max = *fix.logical_max;
      }
}

}  // namespace aups::hid
