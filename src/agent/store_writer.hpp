#pragma once
// Writes to the Store on its own thread so the planner and actions never wait on the disk.
// The queue is bounded: when the store is slow or failing, samples are dropped first, and
// errors are reported (once per failure streak) through on_error, never thrown. Events, audit
// entries and keys that fail (a full disk) are kept and written, in order, once the store
// accepts writes again.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <cstdint>
#include <thread>

#include "agent/store.hpp"

namespace aups::agent {

class StoreWriter {
 public:
  using ErrorSink = std::function<void(const std::string&)>;
  // store may be null (no store could be opened): writes are then dropped silently.
  StoreWriter(Store* store, ErrorSink on_error, std::size_t max_queue = 10000);
  ~StoreWriter();  // writes what is queued, then stops

  void add_event(Event e);
  // Queues the event and waits (at most timeout_s) until it is committed: an event is durable
  // before it is announced. True when written. Never waits when called from the writer itself.
  bool add_event_and_wait(Event e, double timeout_s);
  void add_sample(Sample s);
  void add_audit(AuditEntry a);
  void put(std::string key, nlohmann::json value);
  void downsample(double now);
  // Waits (at most timeout_s) until everything queued so far is written.
  bool flush(double timeout_s = 5.0);
  std::size_t pending_retries() const;  // failed writes kept for the store's recovery

 private:
  using Job = std::function<std::optional<std::string>(Store&)>;
  struct Entry {
    Job job;
    bool droppable;  // samples, downsampling: dropped on failure or when the queue is full
    std::uint64_t seq;
  };
  std::uint64_t push(Job job, bool droppable);
  void run();
  void retry_failed(std::unique_lock<std::mutex>& lock);

  Store* store_;
  ErrorSink on_error_;
  std::size_t max_queue_;
  mutable std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  std::deque<Entry> queue_;
  std::deque<Job> failed_;  // kept writes, oldest first
  bool busy_ = false, stop_ = false, failing_ = false;
  std::uint64_t next_seq_ = 1, done_seq_ = 0;
  std::thread thread_;
};

}  // namespace aups::agent
