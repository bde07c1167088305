#pragma once
// Names of HID usages as NUT's usbhid-ups prints them (Power Device page 0x84, Battery System
// page 0x85, and the few Generic Desktop / Consumer usages UPSes use). The names are a data
// table (usage_names.cpp); a usage NUT has no name for prints as 8 lowercase hex digits.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aups::hid {

// usage = page << 16 | id.
std::optional<std::string_view> usage_name(std::uint32_t usage);
std::string usage_to_string(std::uint32_t usage);  // name, or "ffff0030"
// Reverse: a name from the table or 8 hex digits. nullopt for anything else.
std::optional<std::uint32_t> usage_from_string(std::string_view text);

// A collection of vendor-defined type 0x80 + n adds the node "[n]" after its usage (NUT's way).
std::string usage_path_to_string(std::span<const std::uint32_t> usages,
                                 std::span<const std::uint8_t> collection_types);

}  // namespace aups::hid
