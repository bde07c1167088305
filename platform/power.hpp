#pragma once
// Asking the OS to power off or sleep, through systemd-logind over D-Bus (sd-bus).
#include <optional>
#include <string>

#include "core/result.hpp"

namespace aups::platform {

enum class PowerAction { PowerOff, HybridSleep, Suspend };
const char* power_action_name(PowerAction a);  // "poweroff", "hybrid-sleep", "suspend"

// logind's Can*() answer is "yes" (not "na", "no" or "challenge"); false when logind is unreachable.
bool logind_can(PowerAction a);
// Calls logind's PowerOff/HybridSleep/Suspend (non-interactive). Returns success when logind
// accepted the request (the action then runs asynchronously), an error when the system bus is
// unreachable or logind refused (its D-Bus error message).
Status logind_request(PowerAction a);

}  // namespace aups::platform
