#pragma once
// A UPS as the agent sees it: something that produces model updates and accepts settings.
// Implemented by the HID source (hidapi or the simulator's socket) and the SNMP source.
// No I/O here; implementations live in hid/ and snmp/.
#include <optional>
#include <string>

#include "core/model.hpp"
#include "core/settings.hpp"

namespace aups {

struct UpsReading {
  UpsIdentity identity;
  UpsStatus status;
  std::optional<UpsSettings> settings;         // absent when the device cannot report them
  std::optional<NetworkSettings> network;
  double updated_s = 0;                        // Clock time of the last fresh data
  bool connected = false;                      // link up now
  // Data older than the source's dead-time, or from before a disconnect, is stale.
  bool stale = true;
};

enum class PollResult { Timeout, Updated, Disconnected };

class UpsSource {
 public:
  virtual ~UpsSource() = default;
  virtual std::string uri() const = 0;        // "hid://auto", "sim:///run/aups/sim.sock", "snmp://public@host"
  virtual std::string transport() const = 0;  // "hidapi", "sim-hid", "snmp"
  virtual bool simulated() const = 0;         // true for the simulator: the UI labels it

  // Connects (or reconnects). Returns an error message, or nullopt when connected.
  virtual std::optional<std::string> open() = 0;
  // Waits at most timeout_s for news from the device; never blocks longer.
  virtual PollResult poll(double timeout_s) = 0;
  // The latest reading, with its freshness.
  virtual UpsReading reading() const = 0;

  // Writes settings, reads them back and verifies. Returns an error naming what failed;
  // on failure the device keeps (and reading() shows) its old values.
  virtual std::optional<std::string> write_settings(const UpsSettings& s) = 0;
  virtual std::optional<std::string> write_network(const NetworkSettings& n) = 0;
  // Tells the UPS to switch its output off after delay_s (kill-power late in OS shutdown).
  virtual std::optional<std::string> shutdown_output_after(int delay_s) = 0;
};

}  // namespace aups
