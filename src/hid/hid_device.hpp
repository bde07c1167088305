#pragma once
// HidDevice: one open HID interface as the host sees it, whatever carries it (hidapi on a
// hidraw node, or the simulator's Unix socket). Reports are byte vectors exactly as on the
// wire: byte 0 is the report ID when the device numbers its reports, as report_codec expects.
// Errors are values; nothing here throws.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

namespace aups::hid {

struct HidError {
  enum class Kind {
    Disconnected,  // the device went away: close and reopen later
    Io,            // a request failed, the link may still be fine
    Protocol,      // the other end sent something malformed
    NotFound,      // no such device (open)
    Unsupported,   // this transport cannot do that
  };
  Kind kind = Kind::Io;
  std::string message;
};

template <class T>
using HidResult = std::variant<T, HidError>;

using Report = std::vector<std::uint8_t>;

// What the host knows about a device before reading any report.
struct HidInfo {
  std::string path;          // "/dev/hidraw3", "sim:///run/aups/sim.sock"
  std::uint16_t vendor_id = 0;
  std::uint16_t product_id = 0;
  std::string manufacturer;  // USB string descriptors (may be empty when the transport hides them)
  std::string product;
  std::string serial;
  std::uint16_t usage_page = 0;  // of the top-level collection, when known
  std::uint16_t usage = 0;
};

class HidDevice {
 public:
  virtual ~HidDevice() = default;
  virtual const HidInfo& info() const = 0;
  virtual HidResult<std::vector<std::uint8_t>> descriptor() = 0;
  // Waits at most timeout_s for one Input report. An empty report means the wait timed out.
  virtual HidResult<Report> read_input(double timeout_s) = 0;
  // report_id 0: the device has no report IDs. wire_size: bytes to ask for (incl. the ID byte).
  virtual HidResult<Report> get_feature(std::uint8_t report_id, std::size_t wire_size) = 0;
  virtual std::optional<HidError> set_feature(std::span<const std::uint8_t> report) = 0;
  virtual void close() = 0;
};

inline const HidError* error_of(const auto& result) { return std::get_if<HidError>(&result); }

}  // namespace aups::hid
