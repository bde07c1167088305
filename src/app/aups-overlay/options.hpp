#pragma once
// aups-overlay's command line, and the two things it does with it.
#include <string>

#include "app/aups-overlay/backend.hpp"

namespace aups::overlay {

struct Options {
  std::string backend = "glfw";  // glfw | sdl
  float scale = 1.0f;
  int panel_w = 1024, panel_h = 600;  // expanded panel / critical modal at scale 1
  Corner corner = Corner::TopRight;
  std::string socket;                 // aupsd's socket ($AUPS_SOCKET or the default)
  std::string screenshot, page = "pill", state_file;
  bool trace_frames = false;          // print a line per presented frame to stderr (benchmarks)
};

std::unique_ptr<Backend> make_backend(const Options& o);
// Renders one page (see --page) and writes it as PNG. Returns the exit code.
int take_screenshot(const Options& o);
// The live overlay: subscribes to aupsd and draws only when something changed.
int run_overlay(const Options& o);

}  // namespace aups::overlay
