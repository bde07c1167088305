#include "agent/agentx_export.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <vector>

#include "snmp/ups_mib_export.hpp"

namespace aups::agent {

std::variant<std::unique_ptr<AgentxExport>, std::string> AgentxExport::start(const std::string& agentx_socket,
                                                                             const Clock& clock) {
  auto made = snmp::UpsMibExporter::start(agentx_socket);
  if (auto* err = std::get_if<std::string>(&made)) return *err;
  return std::unique_ptr<AgentxExport>(
      new AgentxExport(std::move(std::get<std::unique_ptr<snmp::UpsMibExporter>>(made)), clock));
}

AgentxExport::AgentxExport(std::unique_ptr<snmp::UpsMibExporter> exporter, const Clock& clock)
    : exporter_(std::move(exporter)), clock_(clock), started_s_(clock.now_s()) {
  if (::pipe2(wake_, O_NONBLOCK | O_CLOEXEC) != 0) wake_[0] = wake_[1] = -1;  // then it polls every 0.5 s
  exporter_->update(UpsReading{}, 0);  // nothing read yet: communications lost, not zeros
  thread_ = std::thread([this] { run(); });
}

AgentxExport::~AgentxExport() {
  stop_ = true;
  if (wake_[1] >= 0) (void)!::write(wake_[1], "x", 1);
  if (thread_.joinable()) thread_.join();
  exporter_.reset();  // net-snmp teardown after the thread stopped using it
  for (int fd : wake_)
    if (fd >= 0) ::close(fd);
}

void AgentxExport::update(const UpsReading& r) {
  {
    std::lock_guard lock(mu_);
    latest_ = r;
    latest_t_ = clock_.now_s();
  }
  if (wake_[1] >= 0) (void)!::write(wake_[1], "x", 1);  // a full pipe already means "wake up"
}

void AgentxExport::run() {
  while (!stop_) {
    std::optional<UpsReading> r;
    double age = 0;
    {
      std::lock_guard lock(mu_);
      r.swap(latest_);
      age = clock_.now_s() - latest_t_;
    }
    if (r) {
      if (!r->connected) r->stale = true;
      exporter_->update(*r, clock_.now_s() - started_s_);
      last_ = std::move(*r);
    } else if (last_ && age > kSilentAfterS && !last_->stale) {
      last_->stale = true;  // the device thread went quiet: say so rather than show old values
      exporter_->update(*last_, clock_.now_s() - started_s_);
    }
    std::vector<pollfd> fds;
    if (wake_[0] >= 0) fds.push_back({wake_[0], POLLIN, 0});
    for (int fd : exporter_->fds()) fds.push_back({fd, POLLIN, 0});
    const double wait = exporter_->next_timeout_s();
    const int ms = wait < 0 || wait > 0.5 ? 500 : static_cast<int>(wait * 1000);
    ::poll(fds.data(), fds.size(), ms);
    if (wake_[0] >= 0 && (fds[0].revents & POLLIN)) {
      char buf[64];
      while (::read(wake_[0], buf, sizeof buf) > 0) {}
    }
    exporter_->service();
  }
}

}  // namespace aups::agent
