#include "agent/source_factory.hpp"

#include "core/source_registry.hpp"
#include "hid/hid_source.hpp"
#include "snmp/snmp_source.hpp"

namespace aups::agent {

std::unique_ptr<UpsSource> open_ups_source(const std::string& uri, std::string* error) {
  static SteadyClock clock;  // outlives every source
  hid::register_hid_source_schemes();
  snmp::register_snmp_source_scheme();
  auto made = make_source(uri, clock);
  if (auto* err = std::get_if<std::string>(&made)) {
    *error = *err;
    return nullptr;
  }
  return std::move(std::get<std::unique_ptr<UpsSource>>(made));
}

}  // namespace aups::agent
