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

void StoreWriter::push(Job job, bool droppable) {
  if (!store_) return;
  {
    std::lock_guard lock(mu_);
    if (queue_.size() >= max_queue_) {
      // Make room by dropping the oldest droppable write; keep events, audit and keys.
      auto it = std::find_if(queue_.begin(), queue_.end(), [](auto& j) { return j.second; });
      if (it == queue_.end() && droppable) return;
      if (it != queue_.end()) queue_.erase(it);
    }
    queue_.emplace_back(std::move(job), droppable);
  }
  cv_.notify_one();
}

void StoreWriter::add_event(Event e) {
  push([e = std::move(e)](Store& s) { return s.add_event(e); }, false);
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

void StoreWriter::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || !queue_.empty(); });
    if (queue_.empty()) {
      if (stop_) return;
      continue;
    }
    Job job = std::move(queue_.front().first);
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    auto err = job(*store_);
    lock.lock();
    busy_ = false;
    const bool report = err && !failing_;
    failing_ = err.has_value();
    if (queue_.empty()) idle_cv_.notify_all();
    if (report && on_error_) {
      lock.unlock();
      on_error_(*err);
      lock.lock();
    }
  }
}

}  // namespace aups::agent
