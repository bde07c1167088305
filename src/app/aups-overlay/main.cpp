// aups-overlay: the always-on-top touch overlay, a client of aupsd (docs/ipc.md).
#include <cstdio>
#include <map>

#include <CLI/CLI.hpp>

#include "app/aups-overlay/options.hpp"
#include "ipc/protocol.hpp"
#include "ui/sample_state.hpp"

using namespace aups::overlay;

int main(int argc, char** argv) {
  Options o;
  o.socket = aups::ipc::default_socket_path();
  std::string size, corner = "top-right";
  CLI::App app{"aups-overlay: UPS status, countdowns and settings on top of the kiosk app"};
  app.add_option("--backend", o.backend, "glfw (default) or sdl (touch first)")->check(CLI::IsMember({"glfw", "sdl"}));
  app.add_option("--scale", o.scale, "UI scale for high-DPI panels (1 = 48 px touch targets)")
      ->check(CLI::Range(0.5f, 4.0f));
  app.add_option("--size", size, "panel size at scale 1, WxH (default 1024x600)");
  app.add_option("--corner", corner, "where the pill sits")
      ->check(CLI::IsMember({"top-left", "top-right", "bottom-left", "bottom-right"}));
  app.add_option("--socket", o.socket, "aupsd's socket");
  app.add_option("--screenshot", o.screenshot, "render one frame to this PNG and exit");
  const std::vector<std::string> pages = screenshot_pages();
  std::string page_help = "with --screenshot:";
  for (auto& p : pages) page_help += " " + p;
  app.add_option("--page", o.page, page_help)->check(CLI::IsMember(pages));
  app.add_option("--state", o.state_file, "with --screenshot: a state file (assets/ui/*.json)");
  app.add_flag("--trace-frames", o.trace_frames, "print \"frame <monotonic s> <presentation> <ms since its snapshot>\" per frame");
  app.add_option("--live-screenshot", o.live_screenshot, "live: write the first frame showing --when as PNG, exit");
  app.add_option("--when", o.live_when, "with --live-screenshot: pill banner critical panel")
      ->check(CLI::IsMember({"pill", "banner", "critical", "panel"}));
  app.add_option("--exit-after", o.exit_after_s, "live: exit after this many seconds (tests)");
  std::string print_sample;
  app.add_option("--print-sample", print_sample, "print a built-in sample state file and exit")
      ->check(CLI::IsMember({"online", "on_battery", "critical"}));
  CLI11_PARSE(app, argc, argv);
  if (!print_sample.empty()) {
    std::printf("%s\n", aups::ui::sample_state_json(print_sample, 0).dump(2).c_str());
    return 0;
  }
  if (!size.empty() && std::sscanf(size.c_str(), "%dx%d", &o.panel_w, &o.panel_h) != 2) {
    std::fprintf(stderr, "aups-overlay: --size must look like 1024x600\n");
    return 2;
  }
  if (o.panel_w < 320 || o.panel_h < 240) {
    std::fprintf(stderr, "aups-overlay: --size must be at least 320x240\n");
    return 2;
  }
  const std::map<std::string, Corner> corners{{"top-left", Corner::TopLeft}, {"top-right", Corner::TopRight},
                                              {"bottom-left", Corner::BottomLeft},
                                              {"bottom-right", Corner::BottomRight}};
  o.corner = corners.at(corner);
  return o.screenshot.empty() ? run_overlay(o) : take_screenshot(o);
}

std::unique_ptr<Backend> aups::overlay::make_backend(const Options& o) {
  return o.backend == "sdl" ? make_sdl_backend() : make_glfw_backend();
}
