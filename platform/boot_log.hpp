#pragma once
// What the system log knows about earlier boots, to measure how long an OS shutdown took:
// the agent stores (boot id, time the shutdown started); at the next boot the last journal
// entry of that boot says when the OS was (nearly) down. Needs a persistent journal.
#include <optional>
#include <string>

namespace aups::platform {

// This boot's id (/proc/sys/kernel/random/boot_id), "" when unknown.
std::string current_boot_id();
// Unix time of the last journal entry of the boot `boot_id`; nullopt when the journal does not
// have it (volatile journal, rotated away, no access).
std::optional<double> last_journal_time(const std::string& boot_id);

}  // namespace aups::platform
