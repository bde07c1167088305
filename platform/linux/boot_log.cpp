#include "platform/boot_log.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <systemd/sd-journal.h>

namespace aups::platform {

std::string current_boot_id() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  id.erase(std::remove(id.begin(), id.end(), '-'), id.end());  // the journal's _BOOT_ID has no dashes
  return id;
}

std::optional<double> last_journal_time(const std::string& boot_id) {
  if (boot_id.empty() || boot_id.size() > 64) return std::nullopt;
  sd_journal* j = nullptr;
  if (sd_journal_open(&j, SD_JOURNAL_LOCAL_ONLY | SD_JOURNAL_SYSTEM) < 0) return std::nullopt;
  std::optional<double> result;
  const std::string match = "_BOOT_ID=" + boot_id;
  std::uint64_t usec = 0;
  if (sd_journal_add_match(j, match.c_str(), 0) >= 0 && sd_journal_seek_tail(j) >= 0 &&
      sd_journal_previous(j) > 0 && sd_journal_get_realtime_usec(j, &usec) >= 0)
    result = static_cast<double>(usec) / 1e6;
  sd_journal_close(j);
  return result;
}

}  // namespace aups::platform
