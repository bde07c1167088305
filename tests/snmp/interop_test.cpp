// Interop with SNMP software nobody here wrote, all on loopback, started and stopped here:
// net-snmp's snmpwalk and NUT's snmp-ups + upsd + upsc against aups-sim's UPS-MIB agent, and
// our client against a real recording served by snmpsimd. A missing Debian tool is a WARN
// and an early return (visible in the log), never a silent pass.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <set>
#include <sstream>
#include <thread>

#include "core/clock.hpp"
#include "e2e/agent_rig.hpp"  // aupsd + aupsctl
#include "core/source_registry.hpp"
#include "sim_agent.hpp"
#include "snmp/snmp_source.hpp"
#include "snmp/snmprec.hpp"
#include "snmp/ups_mib.hpp"

using namespace aups;
using namespace aups::snmp;
using nlohmann::json;

namespace {

// `snmpwalk -On -Oe -Ot` lines (".1.3... = INTEGER: 5") back into variables.
SnmpVarbinds parse_snmpwalk(const std::string& text) {
  SnmpVarbinds out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto eq = line.find(" = ");
    if (line.empty() || line[0] != '.' || eq == std::string::npos) continue;
    std::string oid = line.substr(1, eq - 1), rest = line.substr(eq + 3);
    auto colon = rest.find(": ");
    std::string type = colon == std::string::npos ? "" : rest.substr(0, colon);
    std::string value = colon == std::string::npos ? rest : rest.substr(colon + 2);
    if (type == "INTEGER") out[oid] = SnmpValue::integer(SnmpType::Integer, std::stoll(value));
    else if (type == "Counter32") out[oid] = SnmpValue::integer(SnmpType::Counter32, std::stoll(value));
    else if (type == "Gauge32") out[oid] = SnmpValue::integer(SnmpType::Gauge32, std::stoll(value));
    else if (type == "Timeticks") out[oid] = SnmpValue::integer(SnmpType::TimeTicks, std::stoll(value));
    else if (type == "OID") out[oid] = SnmpValue::oid(value.substr(1));
    else if (type == "STRING") out[oid] = SnmpValue::string(value.size() >= 2 ? value.substr(1, value.size() - 2) : value);
    else if (rest == "\"\"") out[oid] = SnmpValue::string("");
  }
  return out;
}

// `upsc` output ("battery.charge: 57") as a map.
std::map<std::string, std::string> parse_upsc(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (auto c = line.find(": "); c != std::string::npos) out[line.substr(0, c)] = line.substr(c + 2);
  return out;
}

std::set<std::string> words(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.insert(w);
  return out;
}

// NUT's real programs live in /lib/nut (Debian's /usr/sbin/upsd is a wrapper script that
// refuses to run unless /etc/nut/nut.conf enables it).
std::string nut_tool(const std::string& name) {
  for (const char* dir : {"/lib/nut/", "/usr/lib/nut/"})
    if (::access((dir + name).c_str(), X_OK) == 0) return dir + name;
  return {};
}

SnmpTarget target_of(const std::string& uri) { return std::get<SnmpTarget>(parse_snmp_uri(uri)); }

}  // namespace

TEST_CASE("snmpwalk of 1.3.6.1.2.1.33 against aups-sim shows the simulator's values", "[snmp][interop]") {
  std::string snmpwalk = test::find_tool("snmpwalk");
  if (snmpwalk.empty()) {
    WARN("SKIPPED: snmpwalk not installed (Debian package 'snmp')");
    return;
  }
  test::SimAgent agent({"--charge", "57"});
  REQUIRE(agent.ready());
  for (const char* version : {"2c", "1"}) {
    INFO("snmpwalk -v" << version);
    int code = -1;
    std::string out = test::run_capture({snmpwalk, std::string("-v") + version, "-c", "public", "-On", "-Oe", "-Ot",
                                         "-t", "1", "-r", "1", "127.0.0.1:" + std::to_string(agent.port()),
                                         "1.3.6.1.2.1.33"}, &code);
    CHECK(code == 0);
    INFO(out);
    CHECK(out.find(".1.3.6.1.2.1.33.1.1.2.0 = STRING: \"AUPS2-A20\"") != std::string::npos);
    CHECK(out.find(".1.3.6.1.2.1.33.1.4.1.0 = INTEGER: 3") != std::string::npos);          // normal
    CHECK(out.find(".1.3.6.1.2.1.33.1.4.4.1.2.1 = INTEGER: 12") != std::string::npos);     // 12 V DC out
    SnmpVarbinds walked = parse_snmpwalk(out);
    REQUIRE(walked.count("1.3.6.1.2.1.33.1.2.4.0"));
    CHECK(*walked["1.3.6.1.2.1.33.1.2.4.0"].number == Approx(57).margin(1));  // charging from 57 %
    // The same walk decoded equals what our own client reads.
    ManualClock clock;
    SnmpUpsSource source(target_of(agent.uri()), clock);
    REQUIRE_FALSE(source.open());
    UpsMibReading theirs = decode_ups_mib(walked);
    UpsReading ours = source.reading();
    CHECK(theirs.identity == ours.identity);
    CHECK(theirs.status.flags == ours.status.flags);
    CHECK(*theirs.status.charge_pct == Approx(*ours.status.charge_pct).margin(1));
    CHECK(theirs.status.output_voltage == ours.status.output_voltage);
  }
}

TEST_CASE("NUT snmp-ups (mibs=ietf) + upsd + upsc read the same charge, runtime and status", "[snmp][interop][nut]") {
  std::string driver = nut_tool("snmp-ups"), upsd = nut_tool("upsd"), upsc = test::find_tool("upsc");
  if (driver.empty() || upsd.empty() || upsc.empty()) {
    WARN("SKIPPED: NUT not installed (apt-get install --no-install-recommends nut-snmp nut-server)");
    return;
  }
  test::TempDir dir;
  // On battery at 9 %, 25 W: NUT must see OB and LB, a charge and a runtime that move.
  dir.write("outage.toml",
            "name = \"snmp-outage\"\ndescription = \"on battery from the start\"\n"
            "[start]\ncharge_pct = 9\ncycles = 0\nambient_c = 25\n"
            "[end]\nuntil = \"never\"\n"
            "[[keyframe]]\nt_s = 0\ninput_v = 0.0\nload_w = 25.0\n");
  test::SimAgent agent({"--scenario", dir.file("outage.toml")});
  REQUIRE(agent.ready());
  // aupsd reads the same simulator over SNMP (compared with NUT at the end).
  e2e::AgentRig rig;
  rig.write_config("", "", agent.uri());
  rig.start_agent();
  int upsd_port = test::free_port(SOCK_STREAM);
  dir.write("ups.conf", "[sim]\n  driver = snmp-ups\n  port = 127.0.0.1:" + std::to_string(agent.port()) +
                            "\n  mibs = ietf\n  community = public\n  snmp_version = v2c\n  pollinterval = 1\n  pollfreq = 1\n");
  dir.write("upsd.conf", "LISTEN 127.0.0.1 " + std::to_string(upsd_port) + "\n");
  dir.write("upsd.users", "");
  dir.write("nut.conf", "MODE=standalone\n");
  std::vector<std::pair<std::string, std::string>> env = {
      {"NUT_CONFPATH", dir.path()}, {"NUT_STATEPATH", dir.path()}, {"NUT_ALTPIDPATH", dir.path()}};
  std::vector<std::string> as_user;
  if (::geteuid() == 0) as_user = {"-u", "root"};  // NUT drops root to 'nut' otherwise
  std::vector<std::string> drv_argv = {driver, "-a", "sim", "-F"}, upsd_argv = {upsd, "-F"};
  drv_argv.insert(drv_argv.end(), as_user.begin(), as_user.end());
  upsd_argv.insert(upsd_argv.end(), as_user.begin(), as_user.end());
  test::Child drv(drv_argv, dir.file("driver.log"), env);
  REQUIRE(test::wait_until([&] { return std::filesystem::exists(dir.file("snmp-ups-sim")); }, 8));
  test::Child daemon(upsd_argv, dir.file("upsd.log"), env);

  std::string ups = "sim@127.0.0.1:" + std::to_string(upsd_port);
  std::map<std::string, std::string> nut;
  bool got = test::wait_until([&] {
    nut = parse_upsc(test::run_capture({upsc, ups}));
    // Past the first second, when the simulated load is on and the estimate starts to move.
    return nut.count("battery.charge") && nut.count("battery.runtime") && nut.count("ups.status") &&
           nut.count("ups.realpower") + nut.count("output.realpower") && std::stod(nut["battery.runtime"]) < 356400;
  }, 10);
  INFO("driver log:\n" << drv.log() << "\nupsd log:\n" << daemon.log());
  REQUIRE(got);

  // "Within one poll": our read before NUT's next polls and our read right after upsc
  // bracket the state NUT reports (runtime moves while the estimate settles).
  ManualClock clock;
  SnmpUpsSource before(target_of(agent.uri()), clock), after(target_of(agent.uri()), clock);
  REQUIRE_FALSE(before.open());
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // NUT polls every 1 s
  nut = parse_upsc(test::run_capture({upsc, ups}));
  REQUIRE_FALSE(after.open());
  UpsReading a = before.reading(), b = after.reading();
  REQUIRE(a.status.charge_pct);
  REQUIRE(b.status.runtime_s);
  REQUIRE(a.status.runtime_s);
  INFO("upsc: charge " << nut["battery.charge"] << ", runtime " << nut["battery.runtime"] << ", status "
                       << nut["ups.status"] << "; ours: charge " << *a.status.charge_pct << ".." << *b.status.charge_pct
                       << ", runtime " << *a.status.runtime_s << ".." << *b.status.runtime_s << ", status "
                       << b.status.flags.to_string());
  auto within = [](double v, double x, double y, double slack) {
    return v >= std::min(x, y) - slack && v <= std::max(x, y) + slack;
  };
  CHECK(within(std::stod(nut["battery.charge"]), *a.status.charge_pct, *b.status.charge_pct, 0));
  CHECK(within(std::stod(nut["battery.runtime"]), *a.status.runtime_s, *b.status.runtime_s, 0));
  UpsReading ours = b;
  // NUT's ietf mapping has no DISCHRG for UPS-MIB; the words it has must match ours.
  std::set<std::string> nut_words = words(nut["ups.status"]), our_words;
  for (const std::string& w : words(ours.status.flags.to_string()))
    if (w != "DISCHRG" && w != "CHRG") our_words.insert(w);
  nut_words.erase("DISCHRG");
  nut_words.erase("CHRG");
  CHECK(nut_words == our_words);
  CHECK(nut_words.count("OB"));
  CHECK(nut_words.count("LB"));
  CHECK(nut["device.model"] == "AUPS2-A20");

  // `aupsctl status --json` from that aupsd says the same within one poll: NUT's values were read
  // after the agent's reading before (NUT polled since) and before the agent's first reading made
  // after upsc (the agent polls every 5 s), so those two bracket them (the runtime only falls).
  json agent_before;
  REQUIRE(e2e::wait_for([&] {  // connected, and past the simulator's first (unsettled) estimate
    agent_before = rig.status()["ups"];
    return agent_before.value("battery.runtime", 356400.0) < 356400;
  }, 12));
  std::this_thread::sleep_for(std::chrono::seconds(3));  // NUT polls again after that reading (every ~2 s)
  nut = parse_upsc(test::run_capture({upsc, ups}));
  const auto asked = std::chrono::steady_clock::now();
  json agent_after;
  REQUIRE(e2e::wait_for([&] {
    json st = rig.status();
    agent_after = st["ups"];
    const double since = std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
    return st["source"]["age_s"].is_number() && st["source"]["age_s"].get<double>() < since;
  }, 8));
  INFO("upsc: charge " << nut["battery.charge"] << ", runtime " << nut["battery.runtime"] << ", status "
                       << nut["ups.status"] << "; aupsd before: " << agent_before.dump() << "; after: " << agent_after.dump());
  for (const char* key : {"battery.charge", "battery.runtime"}) {
    INFO(key);
    REQUIRE(agent_before[key].is_number());
    REQUIRE(agent_after[key].is_number());
    CHECK(within(std::stod(nut[key]), agent_before[key].get<double>(), agent_after[key].get<double>(), 0));
  }
  std::set<std::string> agent_words;
  for (const std::string& w : words(agent_after.value("ups.status", "")))
    if (w != "DISCHRG" && w != "CHRG") agent_words.insert(w);
  nut_words = words(nut["ups.status"]);
  nut_words.erase("DISCHRG");
  nut_words.erase("CHRG");
  CHECK(nut_words == agent_words);
}

TEST_CASE("The snmp:// source reads a real device's recording served by snmpsimd", "[snmp][interop][snmpsim]") {
  std::string snmpsimd = test::find_tool("snmpsimd");
  if (snmpsimd.empty()) snmpsimd = test::find_tool("snmpsim-command-responder");
  if (snmpsimd.empty()) {
    WARN("SKIPPED: snmpsimd not installed (Debian package 'snmpsim')");
    return;
  }
  register_snmp_source_scheme();
  for (const char* name : {"delta_minuteman_e1500rtxl2u", "huawei_ups2000_6kva"}) {
    INFO(name);
    std::string recording = std::string(AUPS_TESTDATA_DIR) + "/snmp/" + name + ".snmprec";
    test::TempDir dir;
    std::filesystem::create_directories(dir.file("data"));
    std::filesystem::create_directories(dir.file("cache"));
    std::filesystem::permissions(dir.file("cache"), std::filesystem::perms::all);
    std::filesystem::copy_file(recording, dir.file("data/kiosk.snmprec"));  // community = file name
    int port = test::free_port();
    std::vector<std::string> argv = {snmpsimd, "--data-dir=" + dir.file("data"),
                                     "--agent-udpv4-endpoint=127.0.0.1:" + std::to_string(port),
                                     "--cache-dir=" + dir.file("cache"), "--logging-method=null"};
    if (::geteuid() == 0) {  // snmpsimd refuses to run as root
      argv.push_back("--process-user=nobody");
      argv.push_back("--process-group=nogroup");
    }
    test::Child simd(argv, dir.file("snmpsimd.log"));
    std::string uri = "snmp://kiosk@127.0.0.1:" + std::to_string(port);
    bool up = test::wait_until([&] {
      SnmpSession s(target_of(uri), 0.3, 0);
      SnmpVarbinds v;
      return !s.open() && !s.walk("1.3.6.1.2.1.33.1.2", v) && !v.empty();
    }, 15);
    INFO(simd.log());
    REQUIRE(up);

    ManualClock clock;
    auto made = make_source(uri, clock);
    REQUIRE(std::holds_alternative<std::unique_ptr<UpsSource>>(made));
    auto& source = std::get<std::unique_ptr<UpsSource>>(made);
    REQUIRE_FALSE(source->open());
    UpsReading net = source->reading();
    // Over the network, the same values as the offline decode of the same file.
    auto vars = std::get<SnmpVarbinds>(load_snmprec(recording));
    auto profiles = load_snmp_profiles(default_profile_dir());
    UpsMibReading file = decode_ups_mib(vars, match_profile(profiles, vars));
    CHECK(net.identity == file.identity);
    CHECK(net.status == file.status);
    CHECK(net.status.charge_pct == Approx(100));
    CHECK(net.status.flags.to_string() == "OL");

    // And the command line: aupsctl probe snmp://... prints the same NUT variables.
    int code = -1;
    std::string out = test::run_capture({test::bin("aupsctl"), "probe", uri, "--json", "--wait", "0"}, &code);
    INFO(out);
    REQUIRE(code == 0);
    auto j = nlohmann::json::parse(out);
    CHECK(j["battery.charge"] == 100);
    CHECK(j["ups.status"] == "OL");
    CHECK(j["aups.source.transport"] == "snmp");
    CHECK(j["aups.stale"] == false);
    if (file.status.runtime_s) CHECK(j["battery.runtime"].get<double>() == Approx(*file.status.runtime_s));
    else CHECK_FALSE(j.contains("battery.runtime"));
  }
}

namespace {

// Debian's snmpd as AgentX master in a temp dir, on a free loopback port.
struct SnmpdMaster {
  test::TempDir dir;
  int port = test::free_port();
  std::unique_ptr<test::Child> child;
  std::string socket() const { return dir.file("agentx.sock"); }
  bool start(const std::string& snmpd) {
    dir.write("snmpd.conf", "master agentx\nagentXSocket unix:" + socket() + "\nrocommunity public 127.0.0.1\n");
    child = std::make_unique<test::Child>(
        std::vector<std::string>{snmpd, "-f", "-C", "-c", dir.file("snmpd.conf"), "-Lf", dir.file("snmpd.log"), "-p",
                                 dir.file("snmpd.pid"), "udp:127.0.0.1:" + std::to_string(port)},
        dir.file("snmpd.out"), std::vector<std::pair<std::string, std::string>>{{"SNMP_PERSISTENT_DIR", dir.path()}});
    return test::wait_until([&] { return std::filesystem::exists(socket()); }, 8);
  }
  SnmpVarbinds walk(const std::string& snmpwalk) const {
    return parse_snmpwalk(test::run_capture({snmpwalk, "-v2c", "-c", "public", "-On", "-Oe", "-Ot", "-t", "0.5", "-r",
                                             "0", "127.0.0.1:" + std::to_string(port), "1.3.6.1.2.1.33"}));
  }
};

// upsAlarmDescr rows name well-known alarms (1.3.6.1.2.1.33.1.6.3.N).
bool has_alarm(const SnmpVarbinds& walked, int id) {
  const std::string alarm = "1.3.6.1.2.1.33.1.6.3." + std::to_string(id);
  for (auto& [oid, v] : walked)
    if (oid.rfind("1.3.6.1.2.1.33.1.6.2.1.2.", 0) == 0 && v.text == alarm) return true;
  return false;
}

std::string aupsd_config(const std::string& socket) {
  return "[snmp]\nagentx = true\nagentx_socket = \"" + socket + "\"\n";
}

}  // namespace

TEST_CASE("AgentX export: aupsd shows the UPS it reads over SNMP in the host's snmpd as UPS-MIB",
          "[snmp][interop][agentx]") {
  std::string snmpd = test::find_tool("snmpd"), snmpwalk = test::find_tool("snmpwalk");
  if (snmpd.empty() || snmpwalk.empty()) {
    WARN("SKIPPED: snmpd or snmpwalk not installed (Debian packages 'snmpd', 'snmp')");
    return;
  }
  test::SimAgent ups({"--charge", "66"});  // aupsd reads it as an SNMP client: subagent and client in one process
  REQUIRE(ups.ready());
  SnmpdMaster master;
  REQUIRE(master.start(snmpd));
  e2e::AgentRig rig;
  rig.write_config(aupsd_config(master.socket()), "", ups.uri());
  rig.start_agent();
  SnmpVarbinds walked;
  json before, after;
  bool seen = test::wait_until([&] {
    before = rig.status()["ups"];
    walked = master.walk(snmpwalk);
    after = rig.status()["ups"];
    return walked.count("1.3.6.1.2.1.33.1.2.4.0") > 0 && !has_alarm(walked, 20) && before.contains("battery.charge");
  }, 15);
  INFO("aupsd:\n" << std::ifstream(rig.path("aupsd.log")).rdbuf());
  REQUIRE(seen);
  UpsMibReading r = decode_ups_mib(walked);
  CHECK(r.identity.model == "AUPS2-A20");
  CHECK(r.status.flags.to_string() == "OL");
  CHECK(r.status.output_voltage == Approx(12));
  // upsEstimatedChargeRemaining is what aupsctl status --json says, within a poll (whole %).
  const double lo = std::min(before["battery.charge"].get<double>(), after["battery.charge"].get<double>());
  const double hi = std::max(before["battery.charge"].get<double>(), after["battery.charge"].get<double>());
  CHECK(*r.status.charge_pct >= std::floor(lo) - 1);
  CHECK(*r.status.charge_pct <= std::ceil(hi) + 1);
  CHECK(*r.status.charge_pct == Approx(66).margin(1));
}

TEST_CASE("AgentX export: a UPS aupsd loses shows upsAlarmCommunicationsLost in snmpd", "[snmp][interop][agentx]") {
  std::string snmpd = test::find_tool("snmpd"), snmpwalk = test::find_tool("snmpwalk");
  if (snmpd.empty() || snmpwalk.empty()) {
    WARN("SKIPPED: snmpd or snmpwalk not installed (Debian packages 'snmpd', 'snmp')");
    return;
  }
  SnmpdMaster master;
  REQUIRE(master.start(snmpd));
  e2e::AgentRig rig;
  rig.start_sim(80, 1, 1000);  // aupsd reads the simulator's HID socket (sim://)
  rig.write_config(aupsd_config(master.socket()));
  rig.start_agent();
  SnmpVarbinds walked;
  bool seen = test::wait_until([&] {
    walked = master.walk(snmpwalk);
    json st = rig.status()["ups"];
    return walked.count("1.3.6.1.2.1.33.1.2.4.0") && !has_alarm(walked, 20) && st.contains("battery.charge");
  }, 15);
  INFO("aupsd:\n" << std::ifstream(rig.path("aupsd.log")).rdbuf());
  REQUIRE(seen);
  CHECK(*decode_ups_mib(walked).status.charge_pct == Approx(80).margin(1));
  rig.sim.kill();  // the link to the UPS is gone: the export says so instead of showing old values as live
  CHECK(test::wait_until([&] { return has_alarm(master.walk(snmpwalk), 20); }, 10));
}
