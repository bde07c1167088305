#pragma once
// One net-snmp single-session (snmp_sess_*, thread-safe) to one agent: walks subtrees with
// GETBULK (v2c) or GETNEXT (v1) into SnmpVarbinds. No retry policy here; SnmpUpsSource has it.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "snmp/snmp_uri.hpp"
#include "snmp/snmp_value.hpp"

struct snmp_pdu;  // net-snmp

namespace aups::snmp {

class SnmpSession {
 public:
  // timeout_s per request, retries per request (net-snmp resends); max_repetitions for GETBULK.
  SnmpSession(SnmpTarget target, double timeout_s, int retries, int max_repetitions = 32);
  ~SnmpSession();
  SnmpSession(const SnmpSession&) = delete;
  SnmpSession& operator=(const SnmpSession&) = delete;

  std::optional<std::string> open();  // an error names the peer
  // Adds every variable under subtree to out. Returns an error (timeout, refused, bad answer);
  // what was read before the error stays in out.
  std::optional<std::string> walk(std::string_view subtree, SnmpVarbinds& out);
  // One SET of an INTEGER (used by tests to prove the device refuses writes).
  std::optional<std::string> set_integer(std::string_view oid, long value);
  // Per-request timeout from now on (a caller with a deadline shortens it).
  void set_timeout(double timeout_s);
  const SnmpTarget& target() const { return target_; }

 private:
  std::optional<std::string> request(::snmp_pdu* pdu, ::snmp_pdu** response);
  SnmpTarget target_;
  double timeout_s_;
  int retries_;
  int max_repetitions_;
  void* handle_ = nullptr;
};

}  // namespace aups::snmp
