#pragma once
// A window with an OpenGL 3 context and Dear ImGui's platform/renderer backends: GLFW (default)
// or SDL2 (touch first). Borderless, always on top, never takes keyboard focus.
#include "core/result.hpp"
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

namespace aups::overlay {

enum class Corner { TopLeft, TopRight, BottomLeft, BottomRight };

struct Rect { int x = 0, y = 0, w = 0, h = 0; };

class Backend {
 public:
  virtual ~Backend() = default;
  // Creates the window (hidden for screenshots) and initialises ImGui's backends. Returns success,
  // or an error when the toolkit cannot start (no display) or make the window.
  virtual Status open(int w, int h, bool visible) = 0;
  virtual Rect work_area() = 0;  // the primary monitor's usable area
  virtual void place(const Rect& r) = 0;
  // Waits for input or a wake() at most timeout_s (< 0: forever). Returns true if input arrived.
  virtual bool wait(double timeout_s) = 0;
  virtual void wake() = 0;  // any thread
  // True once after the window system lost the window's pixels (expose): present even if unchanged.
  virtual bool take_repaint() = 0;
  virtual bool should_close() = 0;
  virtual void new_frame() = 0;  // the backends' NewFrame (before ImGui::NewFrame)
  // Renders ImGui's draw data; swaps unless keep (then read_pixels sees the frame).
  virtual void present(bool swap = true) = 0;
  virtual std::vector<std::uint8_t> read_pixels(int* w, int* h) = 0;  // RGBA, top row first
  virtual void close() = 0;
};

// The current GL context's back buffer as RGBA rows, top row first.
std::vector<std::uint8_t> read_gl_back_buffer(int w, int h);
// Clears a w x h framebuffer to transparent (around the pill) and draws ImGui's draw data.
void render_gl_frame(int w, int h);

std::unique_ptr<Backend> make_glfw_backend();
std::unique_ptr<Backend> make_sdl_backend();

}  // namespace aups::overlay
