// Overlay figures. Headless: the CPU cost of one frame of each page. Live (needs a display,
// e.g. `xvfb-run -a bench/bench_overlay`, and aups-sim, aupsd, aups-overlay in ../bin): frames
// per second, CPU % and RSS of the idle overlay against the real agent on the simulator, and the
// time from a snapshot showing a mains cut arriving to the first presented frame showing it.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui/overlay_view.hpp"
#include "ui/sample_state.hpp"
#include "ui/theme.hpp"

namespace fs = std::filesystem;
using namespace aups::ui;

namespace {

void BM_DrawFrame(benchmark::State& st, const char* sample, const char* page) {
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  setup_theme(1.0f);
  unsigned char* px;
  int w, h;
  io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  OverlayState s = state_from_json(sample_state_json(sample, 1.7e9), 1000, 1.7e9);
  UiState ui;
  if (auto t = tab_from_id(page)) ui.expanded = true, ui.tab = *t;
  io.DisplaySize = preferred_size(presentation(s, ui, 1000), ImVec2(1024, 600));
  io.DeltaTime = 1.0f / 60;
  std::size_t vertices = 0;
  for (auto _ : st) {
    ImGui::NewFrame();
    draw_overlay(s, ui, 1000, 1.7e9);
    ImGui::Render();
    vertices = ImGui::GetDrawData()->TotalVtxCount;
  }
  st.counters["vertices"] = static_cast<double>(vertices);
  ImGui::DestroyContext();
}
BENCHMARK_CAPTURE(BM_DrawFrame, pill, "online", "pill");
BENCHMARK_CAPTURE(BM_DrawFrame, banner, "on_battery", "banner");
BENCHMARK_CAPTURE(BM_DrawFrame, critical, "critical", "critical");
BENCHMARK_CAPTURE(BM_DrawFrame, settings, "online", "settings");
BENCHMARK_CAPTURE(BM_DrawFrame, history, "online", "history");

// --- live -------------------------------------------------------------------------------

fs::path bin_dir() { return fs::canonical("/proc/self/exe").parent_path().parent_path() / "bin"; }

pid_t spawn(const std::vector<std::string>& argv, const fs::path& log) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}
void stop(pid_t pid) {
  kill(pid, SIGTERM);
  int st;
  waitpid(pid, &st, 0);
}
bool wait_for(const fs::path& p) {
  for (int i = 0; i < 200 && !fs::exists(p); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  return fs::exists(p);
}
double cpu_s(pid_t pid) {  // utime + stime
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(in)), {});
  std::istringstream rest(all.substr(all.rfind(')') + 2));
  std::string f;
  double ut = 0, stt = 0;
  for (int i = 3; i <= 15 && rest >> f; ++i) {
    if (i == 14) ut = std::stod(f);
    if (i == 15) stt = std::stod(f);
  }
  return (ut + stt) / sysconf(_SC_CLK_TCK);
}
double rss_mib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024;
  return 0;
}
std::vector<std::string> lines_of(const fs::path& p) {
  std::ifstream in(p);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

struct Rig {
  fs::path dir;
  pid_t sim = -1, agent = -1, overlay = -1;
  std::string error;
  // A scenario: mains for lead_s, then `cuts` cycles of half_s off / half_s on.
  Rig(int cuts, double lead_s, double half_s) {
    fs::path bin = bin_dir();
    if (!std::getenv("DISPLAY")) { error = "no DISPLAY (run under xvfb-run -a)"; return; }
    for (const char* p : {"aups-sim", "aupsd", "aups-overlay"})
      if (!fs::exists(bin / p)) { error = std::string(p) + " not built"; return; }
    char tmpl[] = "/tmp/aups-bench-overlay-XXXXXX";
    dir = mkdtemp(tmpl);
    std::ofstream sc(dir / "cuts.toml");
    double end = lead_s + cuts * 2 * half_s + 600;
    sc << "name = \"cuts\"\ndescription = \"bench\"\n[start]\ncharge_pct = 90\n[end]\nuntil = \"time\"\nat_s = " << end
       << "\n[[keyframe]]\nt_s = 0\ninput_v = 19.0\nload_w = 20.0\n";
    double t = lead_s;
    for (int i = 0; i < cuts; ++i, t += 2 * half_s)
      sc << "[[keyframe]]\nt_s = " << t << "\ninput_v = 19.0\n[[keyframe]]\nt_s = " << t + 0.01
         << "\ninput_v = 0.0\n[[keyframe]]\nt_s = " << t + half_s << "\ninput_v = 0.0\n[[keyframe]]\nt_s = "
         << t + half_s + 0.01 << "\ninput_v = 19.0\n";
    sc.close();
    std::ofstream(dir / "aupsd.toml") << "device = \"sim://" << (dir / "sim.sock").string() << "\"\ndry_run = true\n"
                                      << "[ipc]\nsocket = \"" << (dir / "aupsd.sock").string() << "\"\n[store]\ndir = \""
                                      << dir.string() << "\"\n[actions]\nkill_power_flag = \""
                                      << (dir / "killpower").string() << "\"\n";
    sim = spawn({(bin / "aups-sim").string(), "--scenario", (dir / "cuts.toml").string(), "--speed", "1",
                 "--hid-socket", (dir / "sim.sock").string()}, dir / "sim.log");
    if (!wait_for(dir / "sim.sock")) { error = "aups-sim did not start"; return; }
    agent = spawn({(bin / "aupsd").string(), "--config", (dir / "aupsd.toml").string()}, dir / "aupsd.log");
    if (!wait_for(dir / "aupsd.sock")) { error = "aupsd did not start"; return; }
    overlay = spawn({(bin / "aups-overlay").string(), "--socket", (dir / "aupsd.sock").string(), "--trace-frames"},
                    dir / "overlay.log");
  }
  ~Rig() {
    for (pid_t p : {overlay, agent, sim})
      if (p > 0) stop(p);
    if (!dir.empty()) fs::remove_all(dir);
  }
};

void BM_OverlayIdle(benchmark::State& st) {
  Rig rig(0, 0, 0);
  if (!rig.error.empty()) { st.SkipWithError(rig.error.c_str()); return; }
  const double window_s = 10;
  for (auto _ : st) {
    std::this_thread::sleep_for(std::chrono::seconds(3));  // settle: first frames, settings fetch
    auto f0 = lines_of(rig.dir / "overlay.log").size();
    double c0 = cpu_s(rig.overlay);
    std::this_thread::sleep_for(std::chrono::duration<double>(window_s));
    st.counters["frames_per_s"] = (lines_of(rig.dir / "overlay.log").size() - f0) / window_s;
    st.counters["cpu_pct"] = 100 * (cpu_s(rig.overlay) - c0) / window_s;
    st.counters["rss_MiB"] = rss_mib(rig.overlay);
  }
}
BENCHMARK(BM_OverlayIdle)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// Snapshot showing the cut arrives -> first presented banner frame (the overlay's share of
// "mains cut to pixels"; the agent's share is measured by the agent's own bench).
void BM_SnapshotToBannerFrame(benchmark::State& st) {
  const int cuts = 50;
  Rig rig(cuts, 3, 1.0);
  if (!rig.error.empty()) { st.SkipWithError(rig.error.c_str()); return; }
  for (auto _ : st) std::this_thread::sleep_for(std::chrono::duration<double>(3 + cuts * 2.0 + 1));
  std::vector<double> ms;
  std::string prev;
  for (auto& l : lines_of(rig.dir / "overlay.log")) {
    std::istringstream in(l);
    std::string word, pres;
    double t, age;
    if (!(in >> word >> t >> pres >> age) || word != "frame") continue;
    if (pres == "banner" && prev != "banner") ms.push_back(age);
    prev = pres;
  }
  if (ms.empty()) { st.SkipWithError("no banner frames seen"); return; }
  std::sort(ms.begin(), ms.end());
  st.counters["cuts_seen"] = static_cast<double>(ms.size());
  st.counters["p50_ms"] = ms[ms.size() / 2];
  st.counters["p99_ms"] = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  st.counters["max_ms"] = ms.back();
}
BENCHMARK(BM_SnapshotToBannerFrame)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
