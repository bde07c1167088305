#pragma once
// An RFC 1628 UPS over the network as an aups::UpsSource: walks the UPS-MIB groups every
// poll interval, maps them with decode_ups_mib, and on failure keeps the last data (marked
// stale, with its age from updated_s) and backs off. The device is read-only: settings writes
// and output shutdown are refused with a clear error.
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/ups_source.hpp"
#include "snmp/snmp_profile.hpp"
#include "snmp/snmp_uri.hpp"
#include "snmp/ups_mib.hpp"

namespace aups::snmp {

class SnmpSession;

struct SnmpSourceOptions {
  double poll_interval_s = 5;   // how often the UPS-MIB is read
  double timeout_s = 1.0;       // per request
  int retries = 1;              // resends per request
  double stale_after_s = 15;    // data older than this is stale
  double max_backoff_s = 60;    // failed reads retry after interval x 2^n, capped here
};

class SnmpUpsSource final : public UpsSource {
 public:
  SnmpUpsSource(SnmpTarget target, const Clock& clock, SnmpSourceOptions options = {},
                std::vector<SnmpProfile> profiles = load_snmp_profiles(default_profile_dir()));
  ~SnmpUpsSource() override;

  std::string uri() const override { return target_.uri(); }
  std::string transport() const override { return "snmp"; }
  bool simulated() const override { return false; }

  std::optional<std::string> open() override;  // connects and reads once
  // Reads when due; a read's requests time out within timeout_s (at least 50 ms).
  PollResult poll(double timeout_s) override;
  UpsReading reading() const override;

  std::optional<std::string> write_settings(const UpsSettings& s) override;
  std::optional<std::string> write_network(const NetworkSettings& n) override;
  std::optional<std::string> shutdown_output_after(int delay_s) override;

  // The last error, if any.
  std::optional<std::string> last_error() const;

 private:
  std::optional<std::string> read_now();
  void fail(const std::string& err, double now);  // keeps old data, schedules the back-off
  SnmpTarget target_;
  const Clock& clock_;
  SnmpSourceOptions options_;
  std::vector<SnmpProfile> profiles_;
  std::unique_ptr<SnmpSession> session_;
  mutable std::mutex mutex_;  // guards the fields below
  UpsReading reading_;
  std::optional<std::string> error_;
  double next_read_s_ = 0;
  int failures_ = 0;
};

// snmp://COMMUNITY@HOST[:PORT][?version=1] with default options and profiles; an error names
// what is wrong with the URI.
std::variant<std::unique_ptr<SnmpUpsSource>, std::string> make_snmp_source(const std::string& uri, const Clock& clock);
// Adds "snmp" to core/source_registry.hpp (idempotent).
void register_snmp_source_scheme();

}  // namespace aups::snmp
