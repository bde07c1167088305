#include "agent/agent.hpp"

#include <chrono>
#include <cstdio>

#include "core/nut_json.hpp"
#include "platform/boot_log.hpp"
#include "platform/service_notify.hpp"

namespace aups::agent {
using nlohmann::json;

namespace {
constexpr std::size_t kRecentEvents = 1000;
constexpr double kPollS = 0.25;   // how long the device thread waits for news at most
constexpr double kMaxBackoffS = 5;
constexpr double kDurableWaitS = 1;  // an event waits this long at most for its commit (a hung disk never stalls the plan)
constexpr const char* kActionKey = "plan.action_taken";
constexpr const char* kLearningKey = "battery.learning";
constexpr const char* kShutdownKey = "os.shutdown_started";

// The OS shutdown duration, measured across the reboot: from the stored start of the shutdown
// to the last journal entry of that boot (journald stops near the very end). A measure taken
// by the agent itself at its own exit would be too short, and a short one is unsafe.
std::optional<std::string> measure_last_shutdown(Store& store, policy::BatteryLearning& learning) {
  auto started = store.get(kShutdownKey);
  if (!started || !started->is_object()) return std::nullopt;
  const std::string boot = started->value("boot_id", "");
  const double t = started->value("t", 0.0);
  if (boot.empty() || boot == platform::current_boot_id()) return std::nullopt;  // same boot: not down yet
  store.put(kShutdownKey, nullptr);
  auto end = platform::last_journal_time(boot);
  if (!end || *end <= t) return "the last OS shutdown could not be measured (no persistent journal of that boot)";
  learning.record_shutdown(*end - t);
  return "the last OS shutdown took " + policy::format_duration(*end - t) + " (from the journal)";
}

ActionsConfig actions_config(const AgentConfig& c) {
  return {c.dry_run, c.shutdown_command, c.sleep_command, c.hooks, c.hook_timeout_s, c.kill_power_flag,
          c.shutdown_fallbacks};
}
}  // namespace

Agent::Agent(AgentConfig config, SourceFactory factory, const Clock& clock)
    : config_(std::move(config)), factory_(std::move(factory)), clock_(clock),
      pin_guard_(clock, config_.pin_hash), admin_group_(config_.admin_group) {
  policy_ = config_.policy;
}

Agent::~Agent() { stop(); }

std::optional<std::string> Agent::start() {
  std::string error, note, measured_note, learning_note;
  store_ = Store::open(config_.state_dir, &error, &note);
  writer_ = std::make_unique<StoreWriter>(store_.get(), [this](const std::string& e) {
    emit(Event{unix_time_s(), "store_failed", "warning", e + " (events are kept in memory)", json::object()});
  });
  actions_ = std::make_unique<Actions>(actions_config(config_), [this](Event e) { emit(std::move(e)); });

  policy::BatteryLearning learning;
  if (store_) {
    if (auto j = store_->get(kLearningKey)) {
      auto parsed = policy::learning_from_json(*j);
      if (auto* l = std::get_if<policy::BatteryLearning>(&parsed)) learning = *l;
      else learning_note = "ignored the stored battery learning: " + std::get<std::string>(parsed);
    }
    // An action taken in this boot belongs to an outage that may still go on: the planner resumes it.
    if (auto j = store_->get(kActionKey); j && j->is_object() && j->value("boot_id", "") == platform::current_boot_id())
      action_recorded_ = true;
    if (auto measured = measure_last_shutdown(*store_, learning)) measured_note = *measured;
    if (auto j = store_->get(kPolicyOverridesKey); j && j->is_object()) {
      auto applied = policy::apply_policy_json(config_.policy, *j);
      if (auto* p = std::get_if<policy::PolicyConfig>(&applied)) {
        policy_overrides_ = *j;
        config_.policy = policy_ = *p;
      } else {
        learning_note = "ignored the stored policy changes: " + std::get<SettingError>(applied).message;
      }
    }
  }
  saved_learning_ = learning;
  planner_ = std::make_unique<policy::ShutdownPlanner>(clock_, config_.policy, learning, policy::PlannerModel::per_device(),
                                                       config_.dry_run);
  planner_->set_sleep_survives_power_loss(actions_->sleep_survives_power_loss());
  if (action_recorded_) planner_->restore_action_taken();

  server_ = std::make_unique<ipc::Server>(
      [this](const ipc::Request& r, const ipc::ClientInfo& c) { return handle(r, c); },
      ipc::ServerLimits{static_cast<std::size_t>(config_.max_clients)});
  if (auto listening = server_->listen(config_.socket); !listening)
    return "cannot listen on " + config_.socket + ": " + listening.error().message;

  std::string agentx_error;
  if (config_.snmp_agentx) {  // before the device thread: an snmp:// source makes net-snmp a client
    auto made = AgentxExport::start(config_.snmp_agentx_socket, clock_);
    if (auto* e = std::get_if<std::string>(&made)) agentx_error = *e;
    else agentx_ = std::move(std::get<std::unique_ptr<AgentxExport>>(made));
  }

  source_info_ = {config_.device, "", false};
  {
    std::lock_guard lock(state_mu_);
    snapshot_ = build_snapshot(source_info_, reading_, planner_->plan(), clock_.now_s());
  }
  server_->start();
  if (!store_) emit(Event{unix_time_s(), "store_failed", "warning", error + " (running without history)", {}});
  if (!note.empty()) emit(Event{unix_time_s(), "store_reset", "warning", note, {}});
  if (!agentx_error.empty())
    emit(Event{unix_time_s(), "snmp_export_failed", "warning", "UPS-MIB export (AgentX) is off: " + agentx_error, {}});
  if (!learning_note.empty()) emit(Event{unix_time_s(), "store_failed", "warning", learning_note, {}});
  if (!measured_note.empty()) writer_->put(kLearningKey, policy::to_json(learning));
  if (!measured_note.empty())
    emit(Event{unix_time_s(), "shutdown_measured", "info", measured_note,
               {{"os_shutdown_s", learning.os_shutdown_s ? nlohmann::json(*learning.os_shutdown_s) : nlohmann::json()}}});
  emit(Event{unix_time_s(), "agent_started", "info",
             std::string("aupsd ") + AUPS_VERSION + " started on " + config_.device + (config_.dry_run ? " (dry run)" : ""),
             {{"device", config_.device}, {"dry_run", config_.dry_run}}});
  device_thread_ = std::thread([this] { run_device(); });
  return std::nullopt;
}

void Agent::stop() {
  if (stop_.exchange(true)) return;
  cmd_cv_.notify_all();
  if (device_thread_.joinable()) device_thread_.join();
  if (server_) server_->stop();
  if (writer_) writer_->flush(5);
}

void Agent::post(std::function<void()> command) {
  {
    std::lock_guard lock(cmd_mu_);
    commands_.push_back(std::move(command));
  }
  cmd_cv_.notify_all();
}

void Agent::run_commands() {
  std::deque<std::function<void()>> todo;
  {
    std::lock_guard lock(cmd_mu_);
    todo.swap(commands_);
  }
  for (auto& c : todo) c();
}

void Agent::emit(Event e) {
  std::fprintf(stderr, "aupsd: %s: %s\n", e.kind.c_str(), e.message.c_str());
  {
    std::lock_guard lock(state_mu_);
    recent_.push_back(e);
    if (recent_.size() > kRecentEvents) recent_.pop_front();
  }
  // Durable before announced: a client that saw the event finds it after a crash.
  if (writer_) writer_->add_event_and_wait(e, kDurableWaitS);
  if (server_) server_->publish({{"push", "event"}, {"event", to_json(e)}});
  if (actions_) actions_->run_hooks(e);
}

void Agent::open_source_if_due(double now) {
  if (now < next_open_) return;
  std::string error;
  if (!source_) {
    source_ = factory_(config_.device, &error);
    if (source_) source_info_ = {source_->uri(), source_->transport(), source_->simulated()};
  }
  auto err = source_ ? source_->open() : std::optional<std::string>(error);
  if (!err) {
    connected_ = ever_connected_ = true;
    backoff_s_ = 0.2;
    if (comm_lost_reported_) emit(Event{unix_time_s(), "comm_restored", "info", "link to the UPS restored", {}});
    comm_lost_reported_ = false;
    return;
  }
  next_open_ = now + backoff_s_;
  backoff_s_ = std::min(backoff_s_ * 2, kMaxBackoffS);
  if (!comm_lost_reported_) {
    comm_lost_reported_ = true;
    emit(Event{unix_time_s(), "comm_lost", "warning", "cannot reach the UPS at " + config_.device + ": " + *err,
               {{"device", config_.device}}});
  }
}

void Agent::run_device() {
  while (!stop_) {
    double now = clock_.now_s();
    if (!connected_) {
      open_source_if_due(now);
      if (!connected_) {
        std::unique_lock lock(cmd_mu_);
        cmd_cv_.wait_for(lock, std::chrono::duration<double>(std::min(kPollS, std::max(0.01, next_open_ - now))),
                         [this] { return stop_ || !commands_.empty(); });
      }
    } else if (source_->poll(kPollS) == PollResult::Disconnected) {
      connected_ = false;
      next_open_ = 0;  // re-open at once
      comm_lost_reported_ = true;
      emit(Event{unix_time_s(), "comm_lost", "warning", "lost the link to the UPS; reopening", {{"device", config_.device}}});
    }
    run_commands();
    evaluate(clock_.now_s());
    if (double wd = platform::watchdog_interval_s(); wd > 0 && clock_.now_s() - last_watchdog_ >= wd / 3) {
      platform::notify_watchdog();
      last_watchdog_ = clock_.now_s();
    }
  }
}

void Agent::evaluate(double now) {
  UpsReading r = source_ ? source_->reading() : UpsReading{};
  if (!connected_) r.connected = false;
  const bool fresh = r.connected && !r.stale;
  if (fresh) detect_device_events(r);
  planner_->update(r);
  carry_out(planner_->take_orders());
  if (planner_->action_taken() != action_recorded_) {  // the outage's action, with its boot
    action_recorded_ = planner_->action_taken();
    writer_->put(kActionKey, action_recorded_ ? json{{"t", unix_time_s()}, {"boot_id", platform::current_boot_id()}} : json());
  }
  if (fresh) last_fresh_ = r;
  if (planner_->learning() != saved_learning_) {
    saved_learning_ = planner_->learning();
    writer_->put(kLearningKey, policy::to_json(saved_learning_));
  }
  const double unix_now = unix_time_s();
  if (fresh && unix_now - last_sample_t_ >= 1.0) {
    last_sample_t_ = unix_now;
    writer_->add_sample(Sample{unix_now, r.status.charge_pct, r.status.output_power_w, r.status.runtime_s,
                               r.status.mains_present});
  }
  if (unix_now - last_downsample_t_ >= 60) {
    last_downsample_t_ = unix_now;
    writer_->downsample(unix_now);  // queued in order with the samples
  }
  publish_snapshot(r, now);
}

void Agent::detect_device_events(const UpsReading& r) {
  if (!last_fresh_) return;
  const UpsStatus& a = last_fresh_->status;
  const UpsStatus& b = r.status;
  auto charge = [&] { return b.charge_pct ? json(*b.charge_pct) : json(nullptr); };
  if (a.mains_present && !b.mains_present)
    emit(Event{unix_time_s(), "mains_lost", "warning", "mains power lost; running on battery", {{"charge", charge()}}});
  if (!a.mains_present && b.mains_present)
    emit(Event{unix_time_s(), "mains_restored", "info", "mains power restored", {{"charge", charge()}}});
  if (!a.flags.has(StatusFlag::LB) && b.flags.has(StatusFlag::LB))
    emit(Event{unix_time_s(), "low_battery", "warning", "the UPS reports low battery", {{"charge", charge()}}});
  for (Protection p : kAllProtections) {
    if (!a.protections.has(p) && b.protections.has(p))
      emit(Event{unix_time_s(), "protection_trip", "critical", std::string("battery protection tripped: ") + protection_name(p),
                 {{"protection", protection_name(p)}}});
    if (a.protections.has(p) && !b.protections.has(p))
      emit(Event{unix_time_s(), "protection_release", "info", std::string("battery protection released: ") + protection_name(p),
                 {{"protection", protection_name(p)}}});
  }
}

// Carries out the planner's orders; the planner decided what, when and why (shutdown_planner.cpp).
// Every power action goes through actions_, whose dry-run flag is the agent's start's.
void Agent::carry_out(const std::vector<policy::Order>& orders) {
  using Kind = policy::Order::Kind;
  const policy::Plan& plan = planner_->plan();
  const json data = {{"plan", policy::to_json(plan)}};
  const bool dry = actions_->dry_run();
  std::optional<int> armed_delay;
  for (const policy::Order& order : orders) {
    switch (order.kind) {
      case Kind::Warn: emit(Event{unix_time_s(), "plan_warning", "warning", plan.explanation, data}); break;
      case Kind::Critical: emit(Event{unix_time_s(), "plan_critical", "critical", plan.explanation, data}); break;
      case Kind::ArmOutputOff:
        armed_delay = order.delay_s;
        if (auto err = actions_->arm_output_off([&] { return source_ ? source_->shutdown_output_after(order.delay_s)
                                                                     : std::optional<std::string>("no UPS"); }))
          emit(Event{unix_time_s(), "action_failed", "critical", "cannot arm the UPS output-off delay: " + *err, {}});
        break;
      case Kind::Sleep: {
        const std::string what = actions_->sleep();
        emit(Event{unix_time_s(), "sleep_started", "critical", what + ": " + plan.explanation,
                   {{"plan", data["plan"]}, {"action", what}, {"dry_run", dry}, {"output_off_delay_s", armed_delay.value_or(0)}}});
        break;
      }
      case Kind::Shutdown: {
        // Durable before the OS goes: the next boot measures the shutdown from it.
        if (!dry) writer_->put(kShutdownKey, {{"t", unix_time_s()}, {"boot_id", platform::current_boot_id()}});
        const std::string what = actions_->shutdown();
        emit(Event{unix_time_s(), "shutdown_started", "critical", what + ": " + plan.explanation,
                   {{"plan", data["plan"]}, {"action", what}, {"dry_run", dry}}});
        break;
      }
      case Kind::ArmKillPower:
        armed_delay = order.delay_s;
        if (auto err = actions_->arm_kill_power(order.delay_s, config_.device))
          emit(Event{unix_time_s(), "action_failed", "critical", "cannot write the kill-power flag: " + *err, {}});
        break;
      case Kind::AlreadyTaken:
        planner_->poweroff_armed();
        emit(Event{unix_time_s(), "plan_resumed", "info", "the plan's action was already taken before the agent restarted", data});
        break;
      case Kind::Disarm: actions_->disarm_kill_power(); break;
    }
  }
  if (armed_delay) {
    planner_->poweroff_armed();
    const bool sleeping = plan.action == policy::PlanAction::Sleep;
    emit(Event{unix_time_s(), "poweroff_armed", "warning",
               "UPS output will switch off " + std::to_string(*armed_delay) + " s after " +
                   (sleeping ? "the sleep starts" : "the OS is down") + (dry ? " (dry run: nothing armed)" : ""),
               {{"delay_s", *armed_delay}, {"dry_run", dry}}});
  }
}

void Agent::publish_snapshot(const UpsReading& r, double now) {
  if (agentx_) agentx_->update(r);  // the same reading the snapshot shows
  json snap = build_snapshot(source_info_, r, planner_->plan(), now);
  // Push on change only; the age alone is not news.
  json key = snap;
  key["source"].erase("age_s");
  std::string dump = key.dump();
  {
    std::lock_guard lock(state_mu_);
    snapshot_ = snap;
    reading_ = r;
    policy_ = planner_->config();
  }
  if (dump == last_snapshot_dump_) return;
  last_snapshot_dump_ = std::move(dump);
  server_->publish({{"push", "snapshot"}, {"snapshot", std::move(snap)}});
}

json Agent::snapshot() const {
  std::lock_guard lock(state_mu_);
  return snapshot_;
}

std::vector<Event> Agent::recent_events() const {
  std::lock_guard lock(state_mu_);
  return {recent_.begin(), recent_.end()};
}

std::string Agent::reload(const AgentConfig& c) {
  std::string notes;
  if (c.device != config_.device) notes += "device change needs a restart; ";
  if (c.socket != config_.socket) notes += "socket change needs a restart; ";
  if (c.state_dir != config_.state_dir) notes += "store dir change needs a restart; ";
  if (c.snmp_agentx != config_.snmp_agentx || c.snmp_agentx_socket != config_.snmp_agentx_socket)
    notes += "SNMP export change needs a restart; ";
  {
    std::lock_guard lock(auth_mu_);
    pin_guard_.set_hash(c.pin_hash);
    admin_group_ = c.admin_group;
  }
  AgentConfig next = c;
  next.device = config_.device;
  next.socket = config_.socket;
  next.state_dir = config_.state_dir;
  next.snmp_agentx = config_.snmp_agentx;
  next.snmp_agentx_socket = config_.snmp_agentx_socket;
  // A dry run is the start's (config or --dry-run): a reload neither starts nor ends one.
  if (c.dry_run != config_.dry_run) notes += "dry_run change needs a restart; ";
  next.dry_run = config_.dry_run;
  post([this, next]() mutable {
    // Policy changes made over IPC stay over the file's (they were audited when made).
    auto applied = policy::apply_policy_json(next.policy, policy_overrides_);
    if (auto* p = std::get_if<policy::PolicyConfig>(&applied)) next.policy = *p;
    else emit(Event{unix_time_s(), "config_reloaded", "warning",
                    "the policy changes made over IPC do not fit the new config and are not applied: " +
                        std::get<SettingError>(applied).message, {}});
    planner_->set_config(next.policy);
    actions_->set_config(actions_config(next));
    config_ = next;
  });
  return notes;
}

}  // namespace aups::agent
