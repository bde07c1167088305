#pragma once
// How the agent gets its UPS: a factory from the configured device URI. Production uses
// open_ups_source (the hid/snmp modules' scheme factory); tests inject fakes.
#include <functional>
#include <memory>
#include <string>

#include "core/ups_source.hpp"

namespace aups::agent {

using SourceFactory = std::function<std::unique_ptr<UpsSource>(const std::string& uri, std::string* error)>;

// hid://auto, hid:///dev/hidrawN, sim://PATH, snmp://... ; nullptr with *error when the URI is
// not understood (a device that is merely absent still gives a source whose open() fails).
std::unique_ptr<UpsSource> open_ups_source(const std::string& uri, std::string* error);

}  // namespace aups::agent
