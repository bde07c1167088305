#include "snmp/mib_agent.hpp"

#include <sys/select.h>

#include <atomic>
#include <mutex>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <arpa/inet.h>

#include "snmp/netsnmp_init.hpp"
#include "snmp/netsnmp_oid.hpp"

namespace aups::snmp {

struct MibAgent::Impl {
  MibAgentOptions options;
  std::mutex mutex;  // publish() may come from another thread than service()
  SnmpVarbinds table;
  std::vector<netsnmp_handler_registration*> registrations;
};

namespace {

std::atomic<bool> g_agent_running{false};

void set_value(netsnmp_variable_list* vb, const SnmpValue& v) {
  long n = static_cast<long>(v.number.value_or(0));
  switch (v.type) {
    case SnmpType::Integer: snmp_set_var_typed_value(vb, ASN_INTEGER, &n, sizeof(n)); break;
    case SnmpType::Counter32: snmp_set_var_typed_value(vb, ASN_COUNTER, &n, sizeof(n)); break;
    case SnmpType::Gauge32: snmp_set_var_typed_value(vb, ASN_GAUGE, &n, sizeof(n)); break;
    case SnmpType::TimeTicks: snmp_set_var_typed_value(vb, ASN_TIMETICKS, &n, sizeof(n)); break;
    case SnmpType::Counter64: {
      counter64 c{static_cast<u_long>(static_cast<std::uint64_t>(n) >> 32), static_cast<u_long>(n & 0xffffffff)};
      snmp_set_var_typed_value(vb, ASN_COUNTER64, &c, sizeof(c));
      break;
    }
    case SnmpType::ObjectId: {
      oid o[MAX_OID_LEN];
      size_t len = 0;
      if (parse_oid(v.text, o, len)) snmp_set_var_typed_value(vb, ASN_OBJECT_ID, o, len * sizeof(oid));
      break;
    }
    case SnmpType::IpAddress: {
      in_addr_t a = inet_addr(v.text.c_str());
      snmp_set_var_typed_value(vb, ASN_IPADDRESS, &a, 4);
      break;
    }
    case SnmpType::Null: snmp_set_var_typed_value(vb, ASN_NULL, nullptr, 0); break;
    default:  // OCTET STRING, Opaque
      snmp_set_var_typed_value(vb, v.type == SnmpType::Opaque ? ASN_OPAQUE : ASN_OCTET_STR, v.text.data(), v.text.size());
  }
}

int handle(netsnmp_mib_handler* handler, netsnmp_handler_registration* reg,
           netsnmp_agent_request_info* info, netsnmp_request_info* requests) {
  auto* impl = static_cast<MibAgent::Impl*>(handler->myvoid);
  std::string root = oid_to_string(reg->rootoid, reg->rootoid_len);
  std::lock_guard lock(impl->mutex);
  for (netsnmp_request_info* r = requests; r; r = r->next) {
    if (r->processed) continue;
    netsnmp_variable_list* vb = r->requestvb;
    std::string name = oid_to_string(vb->name, vb->name_length);
    if (info->mode == MODE_GET) {
      auto it = impl->table.find(name);
      if (it != impl->table.end()) {
        set_value(vb, it->second);
        continue;
      }
      // noSuchInstance when the object has other instances (a table column), else noSuchObject.
      std::string object = name.substr(0, name.rfind('.'));
      auto next = impl->table.upper_bound(object);
      bool object_known = next != impl->table.end() && oid_under(next->first, object);
      netsnmp_set_request_error(info, r, object_known ? SNMP_NOSUCHINSTANCE : SNMP_NOSUCHOBJECT);
    } else if (info->mode == MODE_GETNEXT) {
      auto it = impl->table.upper_bound(name);
      if (it == impl->table.end() || !oid_under(it->first, root)) continue;  // next subtree answers
      oid o[MAX_OID_LEN];
      size_t len = 0;
      if (!parse_oid(it->first, o, len)) continue;
      snmp_set_var_objid(vb, o, len);
      set_value(vb, it->second);
    } else {
      netsnmp_set_request_error(info, r, SNMP_ERR_NOTWRITABLE);  // read-only device
    }
  }
  return SNMP_ERR_NOERROR;
}

}  // namespace

MibAgent::MibAgent(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

static std::variant<std::unique_ptr<MibAgent>, std::string> finish_start(
    std::unique_ptr<MibAgent::Impl> impl, std::unique_ptr<MibAgent> (*make)(std::unique_ptr<MibAgent::Impl>)) {
  for (const std::string& root : impl->options.roots) {
    oid o[MAX_OID_LEN];
    size_t len = 0;
    auto* reg = parse_oid(root, o, len)
                    ? netsnmp_create_handler_registration(("aups-" + root).c_str(), handle, o, len, HANDLER_CAN_RONLY)
                    : nullptr;
    if (reg) reg->handler->myvoid = impl.get();
    if (!reg || netsnmp_register_handler(reg) != MIB_REGISTERED_OK) {
      for (auto* done : impl->registrations) netsnmp_unregister_handler(done);
      g_agent_running = false;
      return "cannot register subtree " + root;
    }
    impl->registrations.push_back(reg);
  }
  return make(std::move(impl));
}

std::variant<std::unique_ptr<MibAgent>, std::string> MibAgent::start_master(MibAgentOptions options) {
  if (g_agent_running.exchange(true)) return std::string("an SNMP agent already runs in this process");
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  const std::string& community = impl->options.community;
  if (community.empty() || community.find_first_of(" \t\r\n\"#") != std::string::npos) {
    g_agent_running = false;
    return "bad community '" + community + "' (no spaces, quotes or '#')";
  }
  netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_PORTS, impl->options.listen.c_str());
  // The agent's VACM decides access; fed this one line instead of reading snmpd.conf.
  std::string line = "rocommunity " + community + " default";
  netsnmp_config_remember(line.data());
  if (auto err = init_netsnmp(NetsnmpRole::MasterAgent, impl->options.app_name)) {
    g_agent_running = false;
    return *err;
  }
  if (init_master_agent() != 0) {
    g_agent_running = false;
    return "cannot listen on " + impl->options.listen + " (address in use or not allowed)";
  }
  return finish_start(std::move(impl), [](std::unique_ptr<Impl> i) { return std::unique_ptr<MibAgent>(new MibAgent(std::move(i))); });
}

std::variant<std::unique_ptr<MibAgent>, std::string> MibAgent::start_subagent(MibAgentOptions options) {
  if (g_agent_running.exchange(true)) return std::string("an SNMP agent already runs in this process");
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  if (!impl->options.agentx_socket.empty())
    netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, impl->options.agentx_socket.c_str());
  if (auto err = init_netsnmp(NetsnmpRole::SubAgent, impl->options.app_name)) {
    g_agent_running = false;
    return *err;
  }
  // net-snmp retries the AgentX connection by itself (agentx pings) when snmpd is not up yet.
  return finish_start(std::move(impl), [](std::unique_ptr<Impl> i) { return std::unique_ptr<MibAgent>(new MibAgent(std::move(i))); });
}

MibAgent::~MibAgent() {
  for (auto* reg : impl_->registrations) netsnmp_unregister_handler(reg);
  snmp_shutdown(impl_->options.app_name.c_str());
  g_agent_running = false;
}

void MibAgent::publish(SnmpVarbinds table) {
  std::lock_guard lock(impl_->mutex);
  impl_->table = std::move(table);
}

std::vector<int> MibAgent::fds() const {
  int numfds = 0, block = 1;
  fd_set set;
  FD_ZERO(&set);
  timeval tv{};
  snmp_select_info(&numfds, &set, &tv, &block);
  std::vector<int> out;
  for (int fd = 0; fd < numfds && fd < FD_SETSIZE; ++fd)
    if (FD_ISSET(fd, &set)) out.push_back(fd);
  return out;
}

double MibAgent::next_timeout_s() const {
  int numfds = 0, block = 1;
  fd_set set;
  FD_ZERO(&set);
  timeval tv{};
  snmp_select_info(&numfds, &set, &tv, &block);
  return block ? -1.0 : static_cast<double>(tv.tv_sec) + tv.tv_usec / 1e6;
}

void MibAgent::service() { agent_check_and_process(0); }

}  // namespace aups::snmp
