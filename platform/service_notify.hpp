#pragma once
// Telling systemd how the service is doing (Type=notify): ready, status text, watchdog pings.
// All calls are no-ops when not started by systemd.
#include <string>

namespace aups::platform {

void notify_ready(const std::string& status);
void notify_reloading();
void notify_stopping();
void notify_watchdog();
// The watchdog interval systemd expects pings within (WatchdogSec), 0 when none.
double watchdog_interval_s();

}  // namespace aups::platform
