#include "platform/power.hpp"

#include <cstring>
#include <systemd/sd-bus.h>

namespace aups::platform {
namespace {

const char* method(PowerAction a) {
  switch (a) {
    case PowerAction::PowerOff: return "PowerOff";
    case PowerAction::HybridSleep: return "HybridSleep";
    case PowerAction::Suspend: return "Suspend";
  }
  return "PowerOff";
}

constexpr const char* kDest = "org.freedesktop.login1";
constexpr const char* kPath = "/org/freedesktop/login1";
constexpr const char* kIface = "org.freedesktop.login1.Manager";

}  // namespace

const char* power_action_name(PowerAction a) {
  switch (a) {
    case PowerAction::PowerOff: return "poweroff";
    case PowerAction::HybridSleep: return "hybrid-sleep";
    case PowerAction::Suspend: return "suspend";
  }
  return "poweroff";
}

bool logind_can(PowerAction a) {
  sd_bus* bus = nullptr;
  if (sd_bus_open_system(&bus) < 0) return false;
  sd_bus_error err = SD_BUS_ERROR_NULL;
  sd_bus_message* reply = nullptr;
  const std::string can = std::string("Can") + method(a);
  bool yes = false;
  if (sd_bus_call_method(bus, kDest, kPath, kIface, can.c_str(), &err, &reply, "") >= 0) {
    const char* answer = nullptr;
    if (sd_bus_message_read(reply, "s", &answer) >= 0 && answer) yes = std::strcmp(answer, "yes") == 0;
  }
  sd_bus_error_free(&err);
  sd_bus_message_unref(reply);
  sd_bus_flush_close_unref(bus);
  return yes;
}

Status logind_request(PowerAction a) {
  sd_bus* bus = nullptr;
  int r = sd_bus_open_system(&bus);
  if (r < 0) return Error{std::string("cannot reach the system bus: ") + std::strerror(-r)};
  sd_bus_error err = SD_BUS_ERROR_NULL;
  r = sd_bus_call_method(bus, kDest, kPath, kIface, method(a), &err, nullptr, "b", 0);
  Status result;
  if (r < 0)
    result = Error{std::string("logind ") + method(a) + " failed: " + (err.message ? err.message : std::strerror(-r))};
  sd_bus_error_free(&err);
  sd_bus_flush_close_unref(bus);
  return result;
}

}  // namespace aups::platform
