#pragma once
// Write a whole file so that a crash at any moment leaves either the old or the new content:
// write a temporary beside it, fsync, rename over, fsync the directory.
#include <optional>
#include <string>
#include <string_view>

namespace aups::platform {

// Returns an error message, or nullopt on success.
std::optional<std::string> write_file_atomically(const std::string& path, std::string_view content);
std::optional<std::string> read_file(const std::string& path, std::string* error = nullptr);

}  // namespace aups::platform
