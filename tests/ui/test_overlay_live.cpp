// The real overlay against the real agent on the simulator, under Xvfb: the simulator cuts
// mains (a scenario keyframe), aupsd notices, the overlay shows the banner — found in the PNG
// of the first frame presenting it.
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <stb/stb_image.h>

namespace fs = std::filesystem;

namespace {
// Starts argv with stdout/stderr to log; returns the pid.
pid_t spawn(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 1);
    dup2(fd, 2);
    setpgid(0, 0);  // xvfb-run's children go with it
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  return pid;
}

struct Process {
  pid_t pid;
  ~Process() {
    if (pid <= 0) return;
    kill(-pid, SIGTERM);
    int st;
    waitpid(pid, &st, 0);
  }
};

bool wait_for(const fs::path& p, double seconds) {
  for (double t = 0; t < seconds; t += 0.05) {
    if (fs::exists(p)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("live: mains cut in the simulator shows the banner in the real overlay", "[xvfb]") {
  fs::path bin = AUPS_BIN_DIR;
  for (const char* p : {"aups-sim", "aupsd", "aups-overlay"})
    if (!fs::exists(bin / p)) {
      WARN("not built: " << (bin / p) << " - the live overlay test needs aups-sim, aupsd and aups-overlay");
      return;
    }
  if (std::system("command -v xvfb-run >/dev/null 2>&1") != 0) {
    WARN("xvfb-run is not installed");
    return;
  }
  char tmpl[] = "/tmp/aups-overlay-live-XXXXXX";
  fs::path dir = mkdtemp(tmpl);
  std::ofstream(dir / "cut.toml") << "name = \"cut\"\ndescription = \"mains cut after 4 s\"\n"
                                     "[start]\ncharge_pct = 80\n[end]\nuntil = \"time\"\nat_s = 600\n"
                                     "[[keyframe]]\nt_s = 0\ninput_v = 19.0\nload_w = 20.0\n"
                                     "[[keyframe]]\nt_s = 4\ninput_v = 19.0\n"
                                     "[[keyframe]]\nt_s = 4.1\ninput_v = 0.0\n";
  std::ofstream(dir / "aupsd.toml") << "device = \"sim://" << (dir / "sim.sock").string() << "\"\ndry_run = true\n"
                                    << "[ipc]\nsocket = \"" << (dir / "aupsd.sock").string() << "\"\n"
                                    << "[store]\ndir = \"" << dir.string() << "\"\n"
                                    << "[actions]\nkill_power_flag = \"" << (dir / "killpower").string() << "\"\n";
  Process sim{spawn({(bin / "aups-sim").string(), "--scenario", (dir / "cut.toml").string(), "--speed", "1",
                     "--hid-socket", (dir / "sim.sock").string()},
                    (dir / "sim.log").string())};
  INFO("aups-sim log: " << slurp(dir / "sim.log"));
  REQUIRE(wait_for(dir / "sim.sock", 5));
  Process agent{spawn({(bin / "aupsd").string(), "--config", (dir / "aupsd.toml").string()},
                      (dir / "aupsd.log").string())};
  INFO("aupsd log: " << slurp(dir / "aupsd.log"));
  REQUIRE(wait_for(dir / "aupsd.sock", 5));

  fs::path png = dir / "banner.png";
  std::string cmd = "xvfb-run -a -s '-screen 0 1280x800x24' " + (bin / "aups-overlay").string() + " --socket " +
                    (dir / "aupsd.sock").string() + " --live-screenshot " + png.string() +
                    " --when banner --exit-after 30 > " + (dir / "overlay.log").string() + " 2>&1";
  int rc = std::system(cmd.c_str());
  INFO("overlay log: " << slurp(dir / "overlay.log"));
  REQUIRE(WEXITSTATUS(rc) == 0);
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 3);
  REQUIRE(px != nullptr);
  // The banner: full width, banner height, mostly the banner's amber-brown background.
  CHECK(w == 1280);
  CHECK(h == 168);
  long banner = 0;
  for (int i = 0; i < w * h; ++i) {
    const unsigned char* p = px + i * 3;
    if (std::abs(p[0] - 92) < 12 && std::abs(p[1] - 58) < 12 && std::abs(p[2] - 8) < 12) ++banner;
  }
  stbi_image_free(px);
  CHECK(banner > w * h / 2);
  fs::remove_all(dir);
}
