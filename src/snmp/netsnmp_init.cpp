#include "snmp/netsnmp_init.hpp"

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

namespace aups::snmp {
namespace {
std::mutex g_mutex;
std::optional<NetsnmpRole> g_role;

const char* role_name(NetsnmpRole r) {
  switch (r) {
    case NetsnmpRole::Client: return "a client";
    case NetsnmpRole::MasterAgent: return "a master agent";
    case NetsnmpRole::SubAgent: return "an AgentX subagent";
  }
  return "?";
}
}  // namespace

std::optional<std::string> init_netsnmp(NetsnmpRole role, const std::string& app_name) {
  std::lock_guard lock(g_mutex);
  if (g_role) {
    if (*g_role == role || role == NetsnmpRole::Client) return std::nullopt;
    return std::string("net-snmp is already initialised in this process as ") + role_name(*g_role);
  }
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_NO_TOKEN_WARNINGS, 1);
  netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_LOAD_HOST_FILES, 1);
  // Persistent files (and net-snmp's cert index) go to a private directory, not /var/lib/snmp.
  static std::string dir = [] {
    char tmpl[] = "/tmp/aups-netsnmp-XXXXXX";
    const char* d = mkdtemp(tmpl);
    return std::string(d ? d : "/tmp");
  }();
  netsnmp_ds_set_string(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_PERSISTENT_DIR, dir.c_str());
  setenv("SNMP_PERSISTENT_DIR", dir.c_str(), 1);
  if (dir != "/tmp") std::atexit([] { std::error_code ec; std::filesystem::remove_all(dir, ec); });
  // Warnings and errors only: no per-request "Connection from" lines.
  netsnmp_register_loghandler(NETSNMP_LOGHANDLER_STDERR, LOG_WARNING);
  setenv("MIBS", "", 1);  // numeric OIDs only: parsing MIB files costs time and prints warnings
  setenv("MIBDIRS", "", 1);
  if (role != NetsnmpRole::Client) {
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, role == NetsnmpRole::SubAgent);
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_NO_ROOT_ACCESS, 1);
    if (init_agent(app_name.c_str()) != 0) return std::string("net-snmp init_agent failed");
  }
  init_snmp(app_name.c_str());
  g_role = role;
  return std::nullopt;
}

}  // namespace aups::snmp
