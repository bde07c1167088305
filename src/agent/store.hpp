#pragma once
// The agent's memory: events, samples (1 Hz for a day, per minute for a month, per hour for a
// year), the settings audit, and small key/values (learned battery parameters, shutdown start).
// SQLite in WAL mode. A database that cannot be opened or fails its check is set aside
// (renamed *.corrupt-<unix time>) and a fresh one started. Every call returns errors as text;
// nothing here ever throws. Thread-safe (one connection behind a mutex); callers on the
// critical path use StoreWriter (store_writer.hpp) instead, which never blocks.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "agent/event.hpp"

struct sqlite3;

namespace aups::agent {

struct Sample {
  double t = 0;  // Unix seconds
  std::optional<double> charge_pct, load_w, runtime_s;
  bool mains = true;
};

struct AuditEntry {
  double t = 0;
  std::string who, what;
  nlohmann::json old_value, new_value;
};

enum class Resolution { Seconds, Minutes, Hours };
std::optional<Resolution> parse_resolution(const std::string& text);  // "s", "min", "h"
// The finest resolution that still holds data for a span starting `age_s` ago.
Resolution auto_resolution(double age_s);

class Store {
 public:
  // Opens (creating) dir/aups.db. A corrupt file is renamed and replaced; *note then says so.
  static std::unique_ptr<Store> open(const std::string& dir, std::string* error, std::string* note = nullptr);
  ~Store();

  std::optional<std::string> add_event(const Event& e);
  std::optional<std::string> add_sample(const Sample& s);
  std::optional<std::string> add_audit(const AuditEntry& a);
  std::optional<std::string> put(const std::string& key, const nlohmann::json& value);

  // Newest `limit` events with t >= since, oldest first.
  std::vector<Event> events(int limit, double since = 0) const;
  std::vector<Sample> history(double since, double until, Resolution res) const;
  std::vector<AuditEntry> audit(int limit) const;
  std::optional<nlohmann::json> get(const std::string& key) const;

  // Folds seconds into minutes and minutes into hours up to `now`, drops what is too old.
  std::optional<std::string> downsample(double now);

  const std::string& path() const { return path_; }

 private:
  Store(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  std::optional<std::string> exec(const char* sql);
  sqlite3* db_;
  std::string path_;
  mutable std::mutex mu_;
};

}  // namespace aups::agent
