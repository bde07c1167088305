#include "agent/store_writer.hpp"

#include <algorithm>
#include <chrono>

namespace aups::agent {

StoreWriter::StoreWriter(Store* store, ErrorSink on_error, std::size_t max_queue)
    : store_(store), on_error_(std::move(on_error)), max_queue_(max_queue), thread_([this] { run(); }) {}

StoreWriter::~StoreWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

namespace {
constexpr double kRetryS = 2;  // how often kept writes are tried again while the store fails
}

std::uint64_t StoreWriter::push(Job job, bool droppable) {
  if (!store_) return 0;
  std::uint64_t seq;
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= max_queue_) {
      // Make room by dropping the oldest droppable write; keep events, audit and keys.
      auto it = std::find_if(queue_.begin(), queue_.end(), [](auto& j) { return j.droppable; });
      if (it == queue_.end() && droppable) {
        return 0;
      }
      if (it != queue_.end()) queue_.erase(it);
    }
    seq = next_seq_++;
    queue_.push_back({std::move(job), droppable, seq});
  }
  cv_.notify_one();
  return seq;
}

void StoreWriter::add_event(Event e) {
  push([e = std::move(e)](Store& s) { return s.add_event(e); }, false);
}

bool StoreWriter::add_event_and_wait(Event e, double timeout_s) {
  const std::uint64_t seq = push([e = std::move(e)](Store& s) { return s.add_event(e); }, false);
  if (seq == 0 || std::this_thread::get_id() == thread_.get_id()) return false;
  std::unique_lock lock(mu_);
  idle_cv_.wait_for(lock, std::chrono::duration<double>(timeout_s), [&] { return done_seq_ >= seq; });
  return done_seq_ >= seq && !failing_;
}
void StoreWriter::add_sample(Sample smp) {
  push([smp](Store& s) { return s.add_sample(smp); }, true);
}
void StoreWriter::add_audit(AuditEntry a) {
  push([a = std::move(a)](Store& s) { return s.add_audit(a); }, false);
}
void StoreWriter::put(std::string key, nlohmann::json value) {
  push([k = std::move(key), v = std::move(value)](Store& s) { return s.put(k, v); }, false);
}

void StoreWriter::downsample(double now) {
  push([now](Store& s) { return s.downsample(now); }, true);
}

bool StoreWriter::flush(double timeout_s) {
  std::unique_lock lock(mu_);
  return idle_cv_.wait_for(lock, std::chrono::duration<double>(timeout_s),
                           [this] { return queue_.empty() && !busy_; });
}

std::size_t StoreWriter::pending_retries() const {
  std::lock_guard lock(mu_);
  return failed_.size();
}

// Writes the kept jobs in order while the store takes them; stops at the first failure.
void StoreWriter::retry_failed(std::unique_lock<std::mutex>& lock) {
  while (!failed_.empty()) {
    Job job = failed_.front();
    busy_ = true;
    lock.unlock();
    auto err = job(*store_);
    lock.lock();
    busy_ = false;
    if (err) return;
    failed_.pop_front();
  }
  failing_ = false;
}

void StoreWriter::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    if (failed_.empty()) cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    else cv_.wait_for(lock, std::chrono::duration<double>(kRetryS), [this] { return stop_ || !queue_.empty(); });
    if (!failed_.empty()) retry_failed(lock);
    if (queue_.empty()) {
      if (stop_) return;
      continue;
    }
    Entry entry = std::move(queue_.front());
    queue_.pop_front();
    // Keep the order: while earlier writes wait for a retry, later ones join them.
    const bool behind = !failed_.empty();
    busy_ = true;
    lock.unlock();
    std::optional<std::string> err;
    if (behind) err = "earlier writes are waiting for the store";
    else err = entry.job(*store_);
    lock.lock();
    busy_ = false;
    done_seq_ = entry.seq;
    if (err && !entry.droppable && failed_.size() < max_queue_) failed_.push_back(std::move(entry.job));
    const bool report = err && !failing_;
    failing_ = err.has_value();
    idle_cv_.notify_all();
    if (report && on_error_) {
      lock.unlock();
      on_error_(*err);
      lock.lock();
    }
  }
}

}  // namespace aups::agent
