#pragma once
// Write a whole file so that a crash at any moment leaves either the old or the new content:
// write a temporary beside it, fsync, rename over, fsync the directory.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace aups::platform {

// Replaces path's content. Returns success once the new content and the rename are on disk, an
// error (naming the file and errno's text) otherwise; on error the old content is untouched.
Status write_file_atomically(const std::string& path, std::string_view content);
std::optional<std::string> read_file(const std::string& path, std::string* error = nullptr);

}  // namespace aups::platform
