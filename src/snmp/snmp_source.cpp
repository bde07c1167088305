#include "snmp/snmp_source.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/source_registry.hpp"
#include "snmp/snmp_session.hpp"

namespace aups::snmp {

namespace {
constexpr const char* kReadOnly = "the SNMP UPS-MIB agent is read-only (RFC 1628 via community read access): ";
}

SnmpUpsSource::SnmpUpsSource(SnmpTarget target, const Clock& clock, SnmpSourceOptions options,
                             std::vector<SnmpProfile> profiles)
    : target_(std::move(target)), clock_(clock), options_(options), profiles_(std::move(profiles)) {}

SnmpUpsSource::~SnmpUpsSource() = default;

std::optional<std::string> SnmpUpsSource::open() {
  if (!session_) {
    session_ = std::make_unique<SnmpSession>(target_, options_.timeout_s, options_.retries);
    if (auto err = session_->open()) {  // e.g. a host name that does not resolve
      session_.reset();
      fail(*err, clock_.now_s());
      return err;
    }
  }
  return read_now();
}

// One full read of the UPS-MIB groups. Success replaces the reading; failure keeps the old
// data (it turns stale by age) and schedules the next try with exponential back-off.
std::optional<std::string> SnmpUpsSource::read_now() {
  SnmpVarbinds vars;
  std::optional<std::string> err;
  for (std::string_view subtree : kReadSubtrees) {
    err = session_->walk(subtree, vars);
    if (err) break;
  }
  bool has_ups_mib = std::any_of(vars.begin(), vars.end(),
                                 [](auto& kv) { return oid_under(kv.first, kUpsMib); });
  if (!err && !has_ups_mib) err = "agent at " + target_.peer() + " has no UPS-MIB (1.3.6.1.2.1.33)";
  UpsMibReading decoded;
  if (!err) decoded = decode_ups_mib(vars, match_profile(profiles_, vars));
  // Absent is not false: a reading that cannot tell mains must not read as "on battery".
  if (!err && !decoded.mains_known)
    err = "agent at " + target_.peer() +
          " serves neither upsOutputSource nor the input voltage: on mains or on battery is unknown";
  double now = clock_.now_s();
  if (err) {
    fail(*err, now);
    return err;
  }
  std::lock_guard lock(mutex_);
  failures_ = 0;
  next_read_s_ = now + options_.poll_interval_s;
  reading_.identity = decoded.identity;
  reading_.status = decoded.status;
  // Nominal figures the UPS-MIB carries only as extra variables: the battery model's inputs.
  auto number = [&](const char* name) -> std::optional<double> {
    auto it = decoded.extra.find(name);
    return it != decoded.extra.end() && it->is_number() ? std::optional(it->get<double>()) : std::nullopt;
  };
  reading_.status.realpower_nominal_w = number("ups.realpower.nominal");
  reading_.status.battery_voltage_nominal = number("battery.voltage.nominal");
  reading_.updated_s = now;
  reading_.connected = true;
  error_.reset();
  return std::nullopt;
}

void SnmpUpsSource::fail(const std::string& err, double now) {
  std::lock_guard lock(mutex_);
  ++failures_;
  double backoff = options_.poll_interval_s * std::pow(2.0, std::min(failures_ - 1, 16));
  next_read_s_ = now + std::min(backoff, options_.max_backoff_s);
  reading_.connected = false;
  error_ = err;
}

PollResult SnmpUpsSource::poll(double timeout_s) {
  double now = clock_.now_s();
  double wait;
  {
    std::lock_guard lock(mutex_);
    wait = next_read_s_ - now;
  }
  if (wait > 0) {
    // Not due yet: sleep (real time) at most timeout_s; a ManualClock caller polls with 0.
    std::this_thread::sleep_for(std::chrono::duration<double>(std::min(wait, std::max(timeout_s, 0.0))));
    if (clock_.now_s() < next_read_s_) return PollResult::Timeout;
  }
  bool was_connected;
  {
    std::lock_guard lock(mutex_);
    was_connected = reading_.connected;
  }
  if (!session_) return open() ? (was_connected ? PollResult::Disconnected : PollResult::Timeout) : PollResult::Updated;
  // A dead device costs timeout x (retries + 1): keep that within the caller's bound.
  double per_try = std::max(timeout_s, 0.05) / (options_.retries + 1);
  session_->set_timeout(std::min(options_.timeout_s, per_try));
  if (read_now()) return was_connected ? PollResult::Disconnected : PollResult::Timeout;
  return PollResult::Updated;
}

UpsReading SnmpUpsSource::reading() const {
  std::lock_guard lock(mutex_);
  UpsReading r = reading_;
  r.stale = !r.connected || clock_.now_s() - r.updated_s > options_.stale_after_s || r.updated_s == 0;
  return r;
}

std::optional<std::string> SnmpUpsSource::last_error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

std::optional<std::string> SnmpUpsSource::write_settings(const UpsSettings&) {
  return std::string(kReadOnly) + "change settings with the vendor tool or over USB";
}
std::optional<std::string> SnmpUpsSource::write_network(const NetworkSettings&) {
  return std::string(kReadOnly) + "change network settings with the vendor tool or over USB";
}
std::optional<std::string> SnmpUpsSource::shutdown_output_after(int) {
  return std::string(kReadOnly) + "the output cannot be switched off over SNMP";
}

std::variant<std::unique_ptr<SnmpUpsSource>, std::string> make_snmp_source(const std::string& uri, const Clock& clock) {
  auto target = parse_snmp_uri(uri);
  if (auto* err = std::get_if<std::string>(&target)) return "bad SNMP URI '" + uri + "': " + *err;
  return std::make_unique<SnmpUpsSource>(std::get<SnmpTarget>(target), clock);
}

void register_snmp_source_scheme() {
  register_source_scheme("snmp", [](const std::string& uri, const Clock& clock) -> SourceOrError {
    auto r = make_snmp_source(uri, clock);
    if (auto* e = std::get_if<std::string>(&r)) return *e;
    return std::unique_ptr<UpsSource>(std::move(std::get<std::unique_ptr<SnmpUpsSource>>(r)));
  });
}

}  // namespace aups::snmp
