#pragma once
// The USB HID report descriptor the simulated AUPS2-A20 serves. IEI does not publish the
// device's USB protocol, so this is aups's design: standard Power Device (0x84) and Battery
// System (0x85) usages wherever one exists, and vendor page 0xFF00 for the rest
// (docs/hid-vendor-page.md documents every report).
#include <cstdint>
#include <vector>

namespace aups::sim {

// Report IDs (docs/hid-vendor-page.md).
namespace aups2_report {
inline constexpr std::uint8_t kStringIndexes = 0x01;  // F: iManufacturer, iProduct, iSerialNumber, iName
inline constexpr std::uint8_t kSummary = 0x02;        // I+F: charge, runtimes, PresentStatus bits
inline constexpr std::uint8_t kMeasurements = 0x03;   // I+F: battery V/A/T, input V, output V/W/%
inline constexpr std::uint8_t kAlarms = 0x04;         // I+F: protection trips, sleep request (vendor)
inline constexpr std::uint8_t kBattery = 0x05;        // F: capacities, cycles, limits
inline constexpr std::uint8_t kBuzzer = 0x06;         // F: AudibleAlarmControl
inline constexpr std::uint8_t kOutputControl = 0x07;  // F: DelayBeforeShutdown
inline constexpr std::uint8_t kSettings = 0x10;       // F: vendor switches + off delay
inline constexpr std::uint8_t kHostname = 0x11;       // F: vendor, 64 bytes
inline constexpr std::uint8_t kNetwork = 0x12;        // F: vendor DHCP + 4 IPv4 addresses
inline constexpr std::uint8_t kMfrString = 0x20;      // F: vendor string reports
inline constexpr std::uint8_t kModelString = 0x21;
inline constexpr std::uint8_t kFirmwareString = 0x22;
inline constexpr std::uint8_t kNameString = 0x23;
inline constexpr std::uint8_t kSerialString = 0x24;
}  // namespace aups2_report

inline constexpr std::uint16_t kAups2VendorId = 0x1209;   // pid.codes; the real IDs are not published
inline constexpr std::uint16_t kAups2ProductId = 0xA020;
inline constexpr std::uint16_t kAups2VendorPage = 0xFF00;
inline constexpr std::size_t kAups2HostnameBytes = 64;

const std::vector<std::uint8_t>& aups2_report_descriptor();

}  // namespace aups::sim
