#include "platform/service_notify.hpp"

#include <cstdint>
#include <systemd/sd-daemon.h>

namespace aups::platform {

void notify_ready(const std::string& status) { sd_notify(0, ("READY=1\nSTATUS=" + status).c_str()); }
void notify_reloading() { sd_notify(0, "RELOADING=1"); }
void notify_stopping() { sd_notify(0, "STOPPING=1"); }
void notify_watchdog() { sd_notify(0, "WATCHDOG=1"); }

double watchdog_interval_s() {
  std::uint64_t usec = 0;
  return sd_watchdog_enabled(0, &usec) > 0 ? static_cast<double>(usec) / 1e6 : 0.0;
}

}  // namespace aups::platform
