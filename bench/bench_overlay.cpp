// Overlay figures. Headless: the CPU cost of one frame of each page. Live (needs a display,
// e.g. `xvfb-run -a bench/bench_overlay`, and aups-sim, aupsd, aups-overlay in ../bin): frames
// per second, CPU % and RSS of the idle overlay and of aupsd on the simulator, and the time from
// a mains cut in the simulator (aups-sim --control, docs/sim-control.md) to the first presented
// frame showing it, over the whole path: simulator -> HID -> aupsd -> IPC -> overlay -> pixels.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ui/overlay_view.hpp"
#include "ui/pages.hpp"
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
  if (const Page* p = find_page(page)) ui.expanded = true, ui.tab = p->id;
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

// Runs argv with stdout+stderr to `log`, or to a pipe whose read end goes to *out.
pid_t spawn(const std::vector<std::string>& argv, const fs::path& log, int* out = nullptr) {
  int p[2] = {-1, -1};
  if (out && pipe2(p, O_CLOEXEC) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    int fd = out ? p[1] : open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  if (out) {
    close(p[1]);
    *out = p[0];
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
double mono_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Lines from a pipe, waiting at most until a deadline (CLOCK_MONOTONIC s); "" when it passed.
class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  ~LineReader() { if (fd_ >= 0) close(fd_); }
  std::string next(double deadline) {
    for (;;) {
      if (auto eol = buf_.find('\n'); eol != std::string::npos) {
        std::string line = buf_.substr(0, eol);
        buf_.erase(0, eol + 1);
        return line;
      }
      const double left = deadline - mono_s();
      pollfd p{fd_, POLLIN, 0};
      if (left <= 0 || poll(&p, 1, static_cast<int>(left * 1000) + 1) != 1) return {};
      char chunk[4096];
      ssize_t n = read(fd_, chunk, sizeof chunk);
      if (n <= 0) return {};
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
  }
  int frames_until(double deadline) {  // "frame ..." lines seen until the deadline
    int n = 0;
    while (mono_s() < deadline)
      if (next(deadline).rfind("frame ", 0) == 0) ++n;
    return n;
  }

 private:
  int fd_;
  std::string buf_;
};

struct Frame {
  double t = 0;        // CLOCK_MONOTONIC s, just after it was presented
  std::string shows;   // pill, banner, critical, panel
  double age_ms = 0;   // since the overlay received the snapshot it shows
};
std::optional<Frame> parse_frame(const std::string& line) {
  std::istringstream in(line);
  std::string word;
  Frame f;
  if (!(in >> word >> f.t >> f.shows >> f.age_ms) || word != "frame") return std::nullopt;
  return f;
}

// aups-sim (mains, 90 %, 20 W, --control) + aupsd + aups-overlay --trace-frames on a pipe.
struct Rig {
  fs::path dir;
  pid_t sim = -1, agent = -1, overlay = -1;
  int control = -1;
  std::unique_ptr<LineReader> frames;
  std::string error;
  Rig() {
    fs::path bin = bin_dir();
    if (!std::getenv("DISPLAY")) { error = "no DISPLAY (run under xvfb-run -a)"; return; }
    for (const char* p : {"aups-sim", "aupsd", "aups-overlay"})
      if (!fs::exists(bin / p)) { error = std::string(p) + " not built"; return; }
    char tmpl[] = "/tmp/aups-bench-overlay-XXXXXX";
    dir = mkdtemp(tmpl);
    std::ofstream(dir / "mains.toml") << "name = \"mains\"\ndescription = \"bench\"\n[start]\ncharge_pct = 90\n[end]\nuntil = \"never\"\n"
                                      << "[[keyframe]]\nt_s = 0\ninput_v = 19.0\nload_w = 20.0\n";
    std::ofstream(dir / "aupsd.toml") << "device = \"sim://" << (dir / "sim.sock").string() << "\"\ndry_run = true\n"
                                      << "[ipc]\nsocket = \"" << (dir / "aupsd.sock").string() << "\"\n[store]\ndir = \""
                                      << dir.string() << "\"\n[actions]\nkill_power_flag = \""
                                      << (dir / "killpower").string() << "\"\n";
    sim = spawn({(bin / "aups-sim").string(), "--scenario", (dir / "mains.toml").string(), "--speed", "1",
                 "--hid-socket", (dir / "sim.sock").string(), "--control", (dir / "control.sock").string()},
                dir / "sim.log");
    if (!wait_for(dir / "sim.sock") || !wait_for(dir / "control.sock")) { error = "aups-sim did not start"; return; }
    agent = spawn({(bin / "aupsd").string(), "--config", (dir / "aupsd.toml").string()}, dir / "aupsd.log");
    if (!wait_for(dir / "aupsd.sock")) { error = "aupsd did not start"; return; }
    int out = -1;
    overlay = spawn({(bin / "aups-overlay").string(), "--socket", (dir / "aupsd.sock").string(), "--trace-frames"},
                    {}, &out);
    if (overlay < 0) { error = "cannot start aups-overlay"; return; }
    frames = std::make_unique<LineReader>(out);
    control = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, (dir / "control.sock").c_str(), sizeof addr.sun_path - 1);
    if (connect(control, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) error = "cannot connect the control socket";
  }
  ~Rig() {
    if (control >= 0) close(control);
    for (pid_t p : {overlay, agent, sim})
      if (p > 0) stop(p);
    if (!dir.empty()) fs::remove_all(dir);
  }
  // Sends a control command; returns when the simulator applied it (CLOCK_MONOTONIC s), or -1.
  double command(const std::string& line) {
    std::string text = line + "\n";
    if (send(control, text.data(), text.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(text.size())) return -1;
    std::string reply;
    char c;
    pollfd p{control, POLLIN, 0};
    while (poll(&p, 1, 5000) == 1 && read(control, &c, 1) == 1 && c != '\n') reply += c;
    std::istringstream in(reply);
    std::string ok;
    double t = -1;
    return in >> ok >> t && ok == "ok" ? t : -1;
  }
  // The first frame presented at or after `since` that shows `what` (within 5 s).
  std::optional<Frame> first_frame(const std::string& what, double since) {
    for (double deadline = mono_s() + 5;;) {
      std::string line = frames->next(deadline);
      if (line.empty()) return std::nullopt;
      if (auto f = parse_frame(line); f && f->t >= since && f->shows == what) return f;
    }
  }
};

double cpu_pct(pid_t pid, double c0, double window_s) { return 100 * (cpu_s(pid) - c0) / window_s; }

void BM_OverlayIdle(benchmark::State& st) {
  Rig rig;
  if (!rig.error.empty()) { st.SkipWithError(rig.error.c_str()); return; }
  const double window_s = 20;
  for (auto _ : st) {
    rig.frames->frames_until(mono_s() + 3);  // settle: first frames, settings fetch
    const double c_overlay = cpu_s(rig.overlay), c_agent = cpu_s(rig.agent), c_sim = cpu_s(rig.sim);
    const int frames = rig.frames->frames_until(mono_s() + window_s);
    st.counters["frames_per_s"] = frames / window_s;
    st.counters["overlay_cpu_pct"] = cpu_pct(rig.overlay, c_overlay, window_s);
    st.counters["aupsd_cpu_pct"] = cpu_pct(rig.agent, c_agent, window_s);
    st.counters["sim_cpu_pct"] = cpu_pct(rig.sim, c_sim, window_s);
    st.counters["overlay_rss_MiB"] = rss_mib(rig.overlay);
    st.counters["aupsd_rss_MiB"] = rss_mib(rig.agent);
  }
}
BENCHMARK(BM_OverlayIdle)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p / 100 * static_cast<double>(v.size())))];
}

// Mains cut in the simulator (the time it applied the cut) -> the first presented frame showing
// the banner; then mains back -> the pill again. overlay_*: the overlay's share (snapshot in ->
// frame presented); the rest is simulator step + HID push + aupsd + IPC.
void BM_MainsCutToBannerFrame(benchmark::State& st) {
  const int cuts = 60;
  Rig rig;
  if (!rig.error.empty()) { st.SkipWithError(rig.error.c_str()); return; }
  std::vector<double> total_ms, overlay_ms, back_ms;
  for (auto _ : st) {
    rig.frames->frames_until(mono_s() + 3);  // settle
    for (int i = 0; i < cuts; ++i) {
      const double cut = rig.command("mains off");
      auto banner = cut > 0 ? rig.first_frame("banner", cut) : std::nullopt;
      if (!banner) { st.SkipWithError("no banner frame after a mains cut"); return; }
      total_ms.push_back((banner->t - cut) * 1000);
      overlay_ms.push_back(banner->age_ms);
      // Dwell a varying while, so cuts fall at every phase of the loops on the path.
      rig.frames->frames_until(mono_s() + 0.2 + 0.013 * (i % 23));
      const double back = rig.command("mains on");
      auto pill = back > 0 ? rig.first_frame("pill", back) : std::nullopt;
      if (!pill) { st.SkipWithError("no pill frame after mains came back"); return; }
      back_ms.push_back((pill->t - back) * 1000);
      rig.frames->frames_until(mono_s() + 0.2 + 0.017 * (i % 19));
    }
  }
  st.counters["cuts"] = static_cast<double>(total_ms.size());
  st.counters["p50_ms"] = percentile(total_ms, 50);
  st.counters["p99_ms"] = percentile(total_ms, 99);
  st.counters["max_ms"] = percentile(total_ms, 100);
  st.counters["overlay_p50_ms"] = percentile(overlay_ms, 50);
  st.counters["overlay_p99_ms"] = percentile(overlay_ms, 99);
  st.counters["back_p50_ms"] = percentile(back_ms, 50);
  st.counters["back_p99_ms"] = percentile(back_ms, 99);
}
BENCHMARK(BM_MainsCutToBannerFrame)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
