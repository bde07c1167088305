#pragma once
// aupsd's core: the one owner of the UPS connection. A device thread reads the source,
// feeds the ShutdownPlanner, detects events and performs the plan's actions; it never waits
// on IPC or the store (those have their own threads: ipc::Server, StoreWriter, Actions).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "agent/actions.hpp"
#include "agent/agentx_export.hpp"
#include "agent/auth.hpp"
#include "agent/config.hpp"
#include "agent/event.hpp"
#include "agent/snapshot.hpp"
#include "agent/source_factory.hpp"
#include "agent/store.hpp"
#include "agent/store_writer.hpp"
#include "core/clock.hpp"
#include "ipc/server.hpp"
#include "policy/shutdown_planner.hpp"

namespace aups::agent {

class Agent {
 public:
  Agent(AgentConfig config, SourceFactory factory, const Clock& clock);
  ~Agent();

  // Opens the store (a failing store is reported, not fatal) and the socket, starts the threads.
  std::optional<std::string> start();
  // Stops the threads and writes what is queued for the store.
  void stop();
  // A validated new config: policy, hooks, actions, PIN, group apply at once; the device URI,
  // socket and store dir need a restart (said in the returned notes).
  std::string reload(const AgentConfig& config);

  // Thread-safe: stores the event, pushes it to subscribers, runs hooks, logs it.
  void emit(Event e);
  nlohmann::json snapshot() const;
  std::vector<Event> recent_events() const;
  bool store_available() const { return store_ != nullptr; }
  // Wait until queued store writes are done (tests, exit).
  void flush_store() { if (writer_) writer_->flush(); }

 private:
  // Device thread.
  void run_device();
  void open_source_if_due(double now);
  void evaluate(double now);
  void detect_device_events(const UpsReading& r);
  void carry_out(const std::vector<policy::Order>& orders);
  void publish_snapshot(const UpsReading& r, double now);
  void post(std::function<void()> command);  // run on the device thread
  void run_commands();

  // IPC thread (agent_ipc.cpp).
  std::optional<nlohmann::json> handle(const ipc::Request& req, const ipc::ClientInfo& who);
  std::optional<nlohmann::json> handle_settings_set(const ipc::Request& req, const ipc::ClientInfo& who);
  nlohmann::json handle_events(const ipc::Request& req);
  nlohmann::json handle_history(const ipc::Request& req);
  nlohmann::json settings_json() const;

  AgentConfig config_;
  SourceFactory factory_;
  const Clock& clock_;

  std::unique_ptr<Store> store_;
  std::unique_ptr<StoreWriter> writer_;
  std::unique_ptr<Actions> actions_;
  std::unique_ptr<ipc::Server> server_;
  // [snmp] agentx: UPS-MIB through snmpd. Declared before source_, so destroyed after it:
  // net-snmp's shutdown comes last.
  std::unique_ptr<AgentxExport> agentx_;
  std::mutex auth_mu_;  // pin_guard_ and admin_group_ (IPC thread; reload)
  PinGuard pin_guard_;
  std::string admin_group_;

  // Device thread only.
  std::unique_ptr<UpsSource> source_;
  std::unique_ptr<policy::ShutdownPlanner> planner_;
  bool connected_ = false, ever_connected_ = false, comm_lost_reported_ = false;
  double next_open_ = 0, backoff_s_ = 0.2, last_sample_t_ = 0, last_downsample_t_ = 0, last_watchdog_ = 0;
  std::optional<UpsReading> last_fresh_;
  policy::BatteryLearning saved_learning_;
  // Policy keys set over IPC, applied over the config file's at start and reload.
  static constexpr const char* kPolicyOverridesKey = "policy.overrides";
  nlohmann::json policy_overrides_ = nlohmann::json::object();
  bool action_recorded_ = false;  // the store says this outage's action was taken (in this boot)
  std::string last_snapshot_dump_;

  // Shared, guarded.
  mutable std::mutex state_mu_;
  nlohmann::json snapshot_;
  UpsReading reading_;
  policy::PolicyConfig policy_;
  std::deque<Event> recent_;
  std::mutex cmd_mu_;
  std::condition_variable cmd_cv_;
  std::deque<std::function<void()>> commands_;

  std::atomic<bool> stop_{false};
  std::thread device_thread_;
  SourceInfo source_info_;
};

}  // namespace aups::agent
