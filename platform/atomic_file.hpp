#pragma once
// Write a whole file so that a crash at any moment leaves either the old or the new content:
// write a temporary beside it, fsync, rename over, fsync the directory.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace aups::platform {

// Replaces path's content. Returns success once the new content and the rename are on disk, an
// error (naming the file and errno's text) otherwise; on error the old content is untouched.
Status write_file_atomically(const std::string& path, std::string_view content);

// Every file we read is small (configs, descriptors, walks, profiles); this bounds the rest.
inline constexpr std::size_t kMaxReadFile = 16 * 1024 * 1024;
// Reads a whole file. A directory, something that is not a file, pipe or device, and more than
// max_bytes (/dev/zero, a runaway log) are errors, never a hang. An empty file is returned as
// such: what empty means is the caller's to say (most callers: an error).
std::optional<std::string> read_file(const std::string& path, std::string* error = nullptr,
                                     std::size_t max_bytes = kMaxReadFile);

}  // namespace aups::platform
