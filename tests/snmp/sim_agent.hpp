#pragma once
// aups-sim serving UPS-MIB on a free loopback port, for the client and interop tests.
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "snmp/snmp_session.hpp"

namespace aups::test {

class SimAgent {
 public:
  explicit SimAgent(std::vector<std::string> extra_args = {}, std::string community = "public", int port = 0)
      : port_(port ? port : free_port()), community_(community) {
    std::vector<std::string> argv = {bin("aups-sim"), "--snmp-port", std::to_string(port_),
                                     "--snmp-community", community_};
    argv.insert(argv.end(), extra_args.begin(), extra_args.end());
    child_ = std::make_unique<Child>(argv, dir_.file("aups-sim.log"));
    ready_ = wait_until([&] {
      snmp::SnmpTarget t{community_, "127.0.0.1", port_, snmp::SnmpVersion::V2c};
      snmp::SnmpSession s(t, 0.2, 0);
      snmp::SnmpVarbinds v;
      return !s.open() && !s.walk("1.3.6.1.2.1.33.1.1", v) && !v.empty();
    }, 8.0);
  }
  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string uri(const std::string& community) const {
    return "snmp://" + community + "@127.0.0.1:" + std::to_string(port_);
  }
  std::string uri() const { return uri(community_); }
  std::string log() const { return child_->log(); }
  void stop() { child_->stop(); }

 private:
  TempDir dir_;
  int port_;
  std::string community_;
  std::unique_ptr<Child> child_;
  bool ready_ = false;
};

}  // namespace aups::test
