#include "snmp/snmp_session.hpp"

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "snmp/netsnmp_init.hpp"
#include "snmp/netsnmp_oid.hpp"

namespace aups::snmp {
namespace {

SnmpValue to_value(const netsnmp_variable_list* vb) {
  SnmpValue v;
  switch (vb->type) {
    case ASN_INTEGER: v = SnmpValue::integer(SnmpType::Integer, *vb->val.integer); break;
    case ASN_COUNTER: v = SnmpValue::integer(SnmpType::Counter32, static_cast<unsigned long>(*vb->val.integer) & 0xffffffffUL); break;
    case ASN_GAUGE: v = SnmpValue::integer(SnmpType::Gauge32, static_cast<unsigned long>(*vb->val.integer) & 0xffffffffUL); break;
    case ASN_TIMETICKS: v = SnmpValue::integer(SnmpType::TimeTicks, static_cast<unsigned long>(*vb->val.integer) & 0xffffffffUL); break;
    case ASN_COUNTER64: {
      std::uint64_t n = (std::uint64_t(vb->val.counter64->high) << 32) | vb->val.counter64->low;
      v.type = SnmpType::Counter64;
      if (n <= std::uint64_t(INT64_MAX)) v.number = static_cast<std::int64_t>(n);
      break;
    }
    case ASN_OCTET_STR:
      v = SnmpValue::string(std::string(reinterpret_cast<const char*>(vb->val.string), vb->val_len));
      break;
    case ASN_OPAQUE:
      v.type = SnmpType::Opaque;
      v.text.assign(reinterpret_cast<const char*>(vb->val.string), vb->val_len);
      break;
    case ASN_OBJECT_ID:
      v = SnmpValue::oid(oid_to_string(vb->val.objid, vb->val_len / sizeof(oid)));
      break;
    case ASN_IPADDRESS: {
      v.type = SnmpType::IpAddress;
      const unsigned char* b = vb->val.string;
      if (vb->val_len == 4)
        v.text = std::to_string(b[0]) + "." + std::to_string(b[1]) + "." + std::to_string(b[2]) + "." + std::to_string(b[3]);
      break;
    }
    case SNMP_NOSUCHOBJECT: v.type = SnmpType::NoSuchObject; break;
    case SNMP_NOSUCHINSTANCE: v.type = SnmpType::NoSuchInstance; break;
    case SNMP_ENDOFMIBVIEW: v.type = SnmpType::EndOfMibView; break;
    default: v.type = SnmpType::Null; break;
  }
  return v;
}

}  // namespace

SnmpSession::SnmpSession(SnmpTarget target, double timeout_s, int retries, int max_repetitions)
    : target_(std::move(target)), timeout_s_(timeout_s), retries_(retries), max_repetitions_(max_repetitions) {}

SnmpSession::~SnmpSession() {
  if (handle_) snmp_sess_close(handle_);
}

std::optional<std::string> SnmpSession::open() {
  if (handle_) return std::nullopt;
  if (auto err = init_netsnmp(NetsnmpRole::Client)) return err;
  netsnmp_session s;
  snmp_sess_init(&s);
  std::string peer = target_.peer();
  s.peername = peer.data();
  s.version = target_.version == SnmpVersion::V1 ? SNMP_VERSION_1 : SNMP_VERSION_2c;
  s.community = reinterpret_cast<u_char*>(target_.community.data());
  s.community_len = target_.community.size();
  s.timeout = static_cast<long>(timeout_s_ * 1e6);
  s.retries = retries_;
  handle_ = snmp_sess_open(&s);  // copies what it needs
  if (!handle_) {
    int liberr = 0, syserr = 0;
    char* msg = nullptr;
    snmp_error(&s, &liberr, &syserr, &msg);
    std::string out = "cannot open SNMP session to " + peer + ": " + (msg ? msg : "unknown error");
    free(msg);
    return out;
  }
  return std::nullopt;
}

void SnmpSession::set_timeout(double timeout_s) {
  timeout_s_ = timeout_s;
  if (handle_)
    if (netsnmp_session* s = snmp_sess_session(handle_)) s->timeout = static_cast<long>(timeout_s * 1e6);
}

std::optional<std::string> SnmpSession::request(snmp_pdu* pdu, snmp_pdu** response) {
  *response = nullptr;
  int status = snmp_sess_synch_response(handle_, pdu, response);
  if (status == STAT_SUCCESS) return std::nullopt;
  if (status == STAT_TIMEOUT)
    return "no answer from " + target_.peer() + " (device down, or wrong community '" + target_.community + "')";
  char* msg = nullptr;
  int liberr = 0, syserr = 0;
  snmp_sess_error(handle_, &liberr, &syserr, &msg);
  std::string out = "SNMP request to " + target_.peer() + " failed: " + (msg ? msg : "unknown error");
  free(msg);
  if (*response) snmp_free_pdu(*response);
  *response = nullptr;
  return out;
}

std::optional<std::string> SnmpSession::walk(std::string_view subtree, SnmpVarbinds& out) {
  if (!handle_) return std::string("session not open");
  oid root[MAX_OID_LEN], next[MAX_OID_LEN];
  size_t root_len = 0, next_len = 0;
  if (!parse_oid(subtree, root, root_len)) return "bad OID " + std::string(subtree);
  std::copy(root, root + root_len, next);
  next_len = root_len;
  for (int guard = 0; guard < 10000; ++guard) {
    bool v1 = target_.version == SnmpVersion::V1;
    snmp_pdu* pdu = snmp_pdu_create(v1 ? SNMP_MSG_GETNEXT : SNMP_MSG_GETBULK);
    if (!v1) {
      pdu->non_repeaters = 0;
      pdu->max_repetitions = max_repetitions_;
    }
    snmp_add_null_var(pdu, next, next_len);
    snmp_pdu* resp = nullptr;
    if (auto err = request(pdu, &resp)) return err;
    if (resp->errstat == SNMP_ERR_NOSUCHNAME) {  // v1's end of MIB
      snmp_free_pdu(resp);
      return std::nullopt;
    }
    if (resp->errstat != SNMP_ERR_NOERROR) {
      std::string err = std::string("agent answered ") + snmp_errstring(static_cast<int>(resp->errstat));
      snmp_free_pdu(resp);
      return err;
    }
    bool done = resp->variables == nullptr;
    for (auto* vb = resp->variables; vb; vb = vb->next_variable) {
      bool inside = vb->name_length > root_len &&
                    snmp_oid_compare(vb->name, root_len, root, root_len) == 0;
      bool advances = snmp_oid_compare(vb->name, vb->name_length, next, next_len) > 0;
      if (!inside || vb->type == SNMP_ENDOFMIBVIEW || !advances) {  // left the subtree, or a looping agent
        done = true;
        break;
      }
      out[oid_to_string(vb->name, vb->name_length)] = to_value(vb);
      std::copy(vb->name, vb->name + vb->name_length, next);
      next_len = vb->name_length;
    }
    snmp_free_pdu(resp);
    if (done) return std::nullopt;
  }
  return "walk of " + std::string(subtree) + " did not end";
}

std::optional<std::string> SnmpSession::set_integer(std::string_view oid_text, long value) {
  if (!handle_) return std::string("session not open");
  oid name[MAX_OID_LEN];
  size_t len = 0;
  if (!parse_oid(oid_text, name, len)) return "bad OID " + std::string(oid_text);
  snmp_pdu* pdu = snmp_pdu_create(SNMP_MSG_SET);
  snmp_pdu_add_variable(pdu, name, len, ASN_INTEGER, &value, sizeof(value));
  snmp_pdu* resp = nullptr;
  if (auto err = request(pdu, &resp)) return err;
  std::optional<std::string> result;
  if (resp->errstat != SNMP_ERR_NOERROR)
    result = std::string("agent refused: ") + snmp_errstring(static_cast<int>(resp->errstat));
  snmp_free_pdu(resp);
  return result;
}

}  // namespace aups::snmp
