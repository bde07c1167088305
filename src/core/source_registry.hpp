#pragma once
// URI scheme -> UpsSource factory ("hid", "sim", later "snmp"), so the agent and `aupsctl probe`
// open any source from a URI without knowing the modules behind it. Header-only; modules
// register their schemes (e.g. hid::register_hid_source_schemes()) before use.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "core/clock.hpp"
#include "core/ups_source.hpp"

namespace aups {

using SourceOrError = std::variant<std::unique_ptr<UpsSource>, std::string>;
// The Clock outlives the source.
using SourceFactory = std::function<SourceOrError(const std::string& uri, const Clock& clock)>;

inline std::map<std::string, SourceFactory>& source_schemes() {
  static std::map<std::string, SourceFactory> schemes;
  return schemes;
}
inline void register_source_scheme(const std::string& scheme, SourceFactory factory) {
  source_schemes()[scheme] = std::move(factory);
}

// Builds the source for `uri` (not yet opened). Error when the scheme is unknown.
inline SourceOrError make_source(const std::string& uri, const Clock& clock) {
  auto colon = uri.find("://");
  if (colon == std::string::npos) return "not a URI (scheme://...): " + uri;
  std::string scheme = uri.substr(0, colon);
  auto it = source_schemes().find(scheme);
  if (it == source_schemes().end()) {
    std::string known;
    for (auto& [name, _] : source_schemes()) known += (known.empty() ? "" : ", ") + name + "://";
    return "unknown source scheme '" + scheme + "' (known: " + known + ")";
  }
  return it->second(uri, clock);
}

}  // namespace aups
