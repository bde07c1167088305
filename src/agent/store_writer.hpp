#pragma once
// Writes to the Store on its own thread so the planner and actions never wait on the disk.
// The queue is bounded: when the store is slow or failing, samples are dropped first, and
// errors are reported (once per failure streak) through on_error, never thrown.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
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
  void add_sample(Sample s);
  void add_audit(AuditEntry a);
  void put(std::string key, nlohmann::json value);
  void downsample(double now);
  // Waits (at most timeout_s) until everything queued so far is written.
  bool flush(double timeout_s = 5.0);

 private:
  using Job = std::function<std::optional<std::string>(Store&)>;
  void push(Job job, bool droppable);
  void run();

  Store* store_;
  ErrorSink on_error_;
  std::size_t max_queue_;
  std::mutex mu_;
  std::condition_variable cv_, idle_cv_;
  std::deque<std::pair<Job, bool>> queue_;
  bool busy_ = false, stop_ = false, failing_ = false;
  std::thread thread_;
};

}  // namespace aups::agent
