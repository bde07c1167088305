#pragma once
// aups-overlay's command line, and the two things it does with it.
#include <cstdint>
#include <string>
#include <vector>

#include "app/aups-overlay/backend.hpp"

namespace aups::overlay {

struct Options {
  std::string backend = "glfw";  // glfw | sdl
  float scale = 1.0f;
  int panel_w = 1024, panel_h = 600;  // expanded panel / critical modal at scale 1
  Corner corner = Corner::TopRight;
  std::string socket;                 // aupsd's socket ($AUPS_SOCKET or the default)
  std::string screenshot, page = "pill", state_file;
  std::string live_screenshot, live_when = "banner";  // live: PNG of the first frame showing it, then exit
  double exit_after_s = 0;                            // live: > 0 exits after this long (tests)
  bool trace_frames = false;          // print a line per presented frame to stderr (benchmarks)
};

std::unique_ptr<Backend> make_backend(const Options& o);
// The --page names: the presentations (pill, banner, critical), then the panel's pages.
std::vector<std::string> screenshot_pages();
// Renders one page (see --page) and writes it as PNG. Returns the exit code.
int take_screenshot(const Options& o);
// Writes RGBA pixels (premultiplied, top row first) as an opaque PNG over a grey backdrop.
bool write_png(const std::string& path, std::vector<std::uint8_t> rgba, int w, int h);
// The live overlay: subscribes to aupsd and draws only when something changed.
int run_overlay(const Options& o);

}  // namespace aups::overlay
