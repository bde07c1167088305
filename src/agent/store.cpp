#include "agent/store.hpp"

#include <cstdio>
#include <sqlite3.h>
#include <sys/stat.h>

#include "core/clock.hpp"

namespace aups::agent {
using nlohmann::json;

namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS events(t REAL, kind TEXT, severity TEXT, message TEXT, data TEXT);
CREATE INDEX IF NOT EXISTS events_t ON events(t);
CREATE TABLE IF NOT EXISTS samples_s(t INTEGER PRIMARY KEY, charge REAL, load_w REAL, runtime_s REAL, mains INTEGER);
CREATE TABLE IF NOT EXISTS samples_min(t INTEGER PRIMARY KEY, charge REAL, load_w REAL, runtime_s REAL, mains INTEGER);
CREATE TABLE IF NOT EXISTS samples_h(t INTEGER PRIMARY KEY, charge REAL, load_w REAL, runtime_s REAL, mains INTEGER);
CREATE TABLE IF NOT EXISTS audit(t REAL, who TEXT, what TEXT, old TEXT, new TEXT);
CREATE TABLE IF NOT EXISTS kv(key TEXT PRIMARY KEY, value TEXT);
)sql";

constexpr double kDay = 86400, kMonth = 31 * kDay, kYear = 366 * kDay;

// A prepared statement that finalizes itself.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  explicit operator bool() const { return s_ != nullptr; }
  Stmt& bind(int i, double v) { sqlite3_bind_double(s_, i, v); return *this; }
  Stmt& bind(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.c_str(), -1, SQLITE_TRANSIENT); return *this; }
  Stmt& bind(int i, const std::optional<double>& v) {
    v ? sqlite3_bind_double(s_, i, *v) : sqlite3_bind_null(s_, i);
    return *this;
  }
  int step() { return s_ ? sqlite3_step(s_) : SQLITE_ERROR; }
  double real(int c) const { return sqlite3_column_double(s_, c); }
  std::optional<double> opt(int c) const {
    if (sqlite3_column_type(s_, c) == SQLITE_NULL) return std::nullopt;
    return sqlite3_column_double(s_, c);
  }
  std::string text(int c) const {
    auto p = sqlite3_column_text(s_, c);
    return p ? reinterpret_cast<const char*>(p) : "";
  }

 private:
  sqlite3_stmt* s_ = nullptr;
};

json parse_or_null(const std::string& s) {
  json j = json::parse(s, nullptr, false);
  return j.is_discarded() ? json() : j;
}

std::optional<std::string> done(sqlite3* db, int rc) {
  if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK) return std::nullopt;
  return std::string("store: ") + sqlite3_errmsg(db);
}

// Opens and verifies; nullptr with *error when the file is unusable.
sqlite3* open_checked(const std::string& path, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    *error = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return nullptr;
  }
  sqlite3_busy_timeout(db, 2000);
  std::string check;
  {
    Stmt st(db, "PRAGMA quick_check");
    if (!st || st.step() != SQLITE_ROW) check = sqlite3_errmsg(db);
    else check = st.text(0);
  }
  if (check != "ok") {
    *error = "integrity check failed: " + check;
    sqlite3_close(db);
    return nullptr;
  }
  char* msg = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
    *error = msg ? msg : "cannot create schema";
    sqlite3_free(msg);
    sqlite3_close(db);
    return nullptr;
  }
  return db;
}

}  // namespace

std::optional<Resolution> parse_resolution(const std::string& text) {
  if (text == "s") return Resolution::Seconds;
  if (text == "min") return Resolution::Minutes;
  if (text == "h") return Resolution::Hours;
  return std::nullopt;
}

Resolution auto_resolution(double age_s) {
  return age_s <= kDay ? Resolution::Seconds : age_s <= kMonth ? Resolution::Minutes : Resolution::Hours;
}

std::unique_ptr<Store> Store::open(const std::string& dir, std::string* error, std::string* note) {
  ::mkdir(dir.c_str(), 0750);
  const std::string path = dir + "/aups.db";
  std::string why;
  sqlite3* db = open_checked(path, &why);
  if (!db) {
    // Set the bad file (and its WAL) aside for a post-mortem; start afresh.
    const std::string aside = path + ".corrupt-" + std::to_string(static_cast<long long>(unix_time_s()));
    if (std::rename(path.c_str(), aside.c_str()) == 0) {
      std::rename((path + "-wal").c_str(), (aside + "-wal").c_str());
      std::remove((path + "-shm").c_str());
      if (note) *note = "database " + path + " was unusable (" + why + "); set aside as " + aside;
      db = open_checked(path, &why);
    }
  }
  if (!db) {
    *error = "cannot open " + path + ": " + why;
    return nullptr;
  }
  return std::unique_ptr<Store>(new Store(db, path));
}

Store::~Store() { sqlite3_close(db_); }

std::optional<std::string> Store::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) == SQLITE_OK) return std::nullopt;
  std::string e = std::string("store: ") + (msg ? msg : "error");
  sqlite3_free(msg);
  return e;
}

std::optional<std::string> Store::add_event(const Event& e) {
  std::lock_guard lock(mu_);
  // An event may be the one that explains a shutdown: its commit reaches the disk (the WAL is
  // fsynced) before it is announced. Samples stay at NORMAL: losing the last second is harmless.
  sqlite3_exec(db_, "PRAGMA synchronous=FULL", nullptr, nullptr, nullptr);
  Stmt st(db_, "INSERT INTO events(t,kind,severity,message,data) VALUES(?,?,?,?,?)");
  st.bind(1, e.t).bind(2, e.kind).bind(3, e.severity).bind(4, e.message).bind(5, e.data.dump());
  auto err = done(db_, st.step());
  sqlite3_exec(db_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr);
  return err;
}

std::optional<std::string> Store::add_sample(const Sample& s) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "INSERT OR REPLACE INTO samples_s VALUES(?,?,?,?,?)");
  st.bind(1, static_cast<double>(static_cast<long long>(s.t))).bind(2, s.charge_pct).bind(3, s.load_w)
      .bind(4, s.runtime_s).bind(5, s.mains ? 1.0 : 0.0);
  return done(db_, st.step());
}

std::optional<std::string> Store::add_audit(const AuditEntry& a) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "INSERT INTO audit VALUES(?,?,?,?,?)");
  st.bind(1, a.t).bind(2, a.who).bind(3, a.what).bind(4, a.old_value.dump()).bind(5, a.new_value.dump());
  return done(db_, st.step());
}

std::optional<std::string> Store::put(const std::string& key, const json& value) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "INSERT OR REPLACE INTO kv VALUES(?,?)");
  st.bind(1, key).bind(2, value.dump());
  return done(db_, st.step());
}

std::optional<json> Store::get(const std::string& key) const {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT value FROM kv WHERE key=?");
  st.bind(1, key);
  if (st.step() != SQLITE_ROW) return std::nullopt;
  return parse_or_null(st.text(0));
}

std::vector<Event> Store::events(int limit, double since) const {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT * FROM (SELECT t,kind,severity,message,data,rowid FROM events WHERE t>=? "
               "ORDER BY t DESC, rowid DESC LIMIT ?) ORDER BY t, rowid");
  st.bind(1, since).bind(2, static_cast<double>(limit));
  std::vector<Event> out;
  while (st.step() == SQLITE_ROW)
    out.push_back(Event{st.real(0), st.text(1), st.text(2), st.text(3), parse_or_null(st.text(4))});
  return out;
}

std::vector<Sample> Store::history(double since, double until, Resolution res) const {
  std::lock_guard lock(mu_);
  const char* sql = res == Resolution::Seconds ? "SELECT * FROM samples_s WHERE t>=? AND t<=? ORDER BY t"
                    : res == Resolution::Minutes ? "SELECT * FROM samples_min WHERE t>=? AND t<=? ORDER BY t"
                                                 : "SELECT * FROM samples_h WHERE t>=? AND t<=? ORDER BY t";
  Stmt st(db_, sql);
  st.bind(1, since).bind(2, until);
  std::vector<Sample> out;
  while (st.step() == SQLITE_ROW) out.push_back(Sample{st.real(0), st.opt(1), st.opt(2), st.opt(3), st.real(4) > 0.5});
  return out;
}

std::vector<AuditEntry> Store::audit(int limit) const {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT * FROM (SELECT t,who,what,old,new,rowid FROM audit ORDER BY rowid DESC LIMIT ?) ORDER BY rowid");
  st.bind(1, static_cast<double>(limit));
  std::vector<AuditEntry> out;
  while (st.step() == SQLITE_ROW)
    out.push_back(AuditEntry{st.real(0), st.text(1), st.text(2), parse_or_null(st.text(3)), parse_or_null(st.text(4))});
  return out;
}

std::optional<std::string> Store::downsample(double now) {
  std::lock_guard lock(mu_);
  // Only whole buckets are folded (the current minute/hour is still filling).
  const long long minute = static_cast<long long>(now) / 60 * 60, hour = static_cast<long long>(now) / 3600 * 3600;
  const std::string sql =
      "BEGIN;"
      "INSERT OR REPLACE INTO samples_min SELECT t/60*60, avg(charge), avg(load_w), avg(runtime_s), min(mains) "
      "FROM samples_s WHERE t >= coalesce((SELECT max(t) FROM samples_min), 0) AND t < " + std::to_string(minute) +
      " GROUP BY t/60;"
      "INSERT OR REPLACE INTO samples_h SELECT t/3600*3600, avg(charge), avg(load_w), avg(runtime_s), min(mains) "
      "FROM samples_min WHERE t >= coalesce((SELECT max(t) FROM samples_h), 0) AND t < " + std::to_string(hour) +
      " GROUP BY t/3600;"
      "DELETE FROM samples_s WHERE t < " + std::to_string(static_cast<long long>(now - kDay)) + ";"
      "DELETE FROM samples_min WHERE t < " + std::to_string(static_cast<long long>(now - kMonth)) + ";"
      "DELETE FROM samples_h WHERE t < " + std::to_string(static_cast<long long>(now - kYear)) + ";"
      "DELETE FROM events WHERE t < " + std::to_string(static_cast<long long>(now - kYear)) + ";"
      "COMMIT;";
  auto err = exec(sql.c_str());
  if (err) exec("ROLLBACK");
  return err;
}

}  // namespace aups::agent
