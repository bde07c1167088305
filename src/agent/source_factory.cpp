#include "agent/source_factory.hpp"

namespace aups::agent {

std::unique_ptr<UpsSource> open_ups_source(const std::string& uri, std::string* error) {
  // TODO(integration): delegate to the hid/snmp scheme factory once it exists.
  *error = "no UPS source for " + uri + " in this build";
  return nullptr;
}

}  // namespace aups::agent
