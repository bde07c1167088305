// --screenshot: one page rendered off screen (hidden window) and written as PNG.
#include <algorithm>
#include <cstdio>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "app/aups-overlay/options.hpp"
#include "core/clock.hpp"
#include "ui/overlay_view.hpp"
#include "ui/sample_state.hpp"
#include "ui/theme.hpp"

namespace aups::overlay {

int take_screenshot(const Options& o) {
  const double now = 1000.0, unix_s = unix_time_s();
  ui::UiState uis;
  if (auto tab = ui::tab_from_id(o.page)) {
    uis.expanded = true;
    uis.tab = *tab;
  }
  ui::OverlayState state;
  if (!o.state_file.empty()) {
    auto r = ui::load_state_file(o.state_file, now, unix_s);
    if (auto* err = std::get_if<std::string>(&r)) {
      std::fprintf(stderr, "aups-overlay: %s\n", err->c_str());
      return 2;
    }
    state = std::get<ui::OverlayState>(r);
  } else {
    const char* kind = o.page == "banner" ? "on_battery" : o.page == "critical" ? "critical" : "online";
    state = ui::state_from_json(ui::sample_state_json(kind, unix_s), now, unix_s);
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ui::setup_theme(o.scale);
  ImVec2 panel(o.panel_w * o.scale, o.panel_h * o.scale);
  ImVec2 size = ui::preferred_size(ui::presentation(state, uis, now), panel);
  auto backend = make_backend(o);
  std::string error;
  if (!backend->open(static_cast<int>(size.x), static_cast<int>(size.y), false, &error)) {
    std::fprintf(stderr, "aups-overlay: %s\n", error.c_str());
    return 1;
  }
  // A few frames: ImGui sizes some things from the previous frame.
  for (int i = 0; i < 3; ++i) {
    backend->new_frame();
    ImGui::GetIO().DisplaySize = size;
    ImGui::NewFrame();
    ui::draw_overlay(state, uis, now, unix_s);
    ImGui::Render();
    backend->present(i < 2);
  }
  int w = 0, h = 0;
  auto pixels = backend->read_pixels(&w, &h);
  // Opaque PNG: the (premultiplied) transparent corners of the pill go over a grey backdrop.
  for (std::size_t i = 0; i < pixels.size(); i += 4) {
    unsigned a = pixels[i + 3];
    for (int c = 0; c < 3; ++c) pixels[i + c] = static_cast<std::uint8_t>(std::min(255u, pixels[i + c] + 64 * (255 - a) / 255));
    pixels[i + 3] = 255;
  }
  backend->close();
  ImGui::DestroyContext();
  if (!stbi_write_png(o.screenshot.c_str(), w, h, 4, pixels.data(), w * 4)) {
    std::fprintf(stderr, "aups-overlay: cannot write %s\n", o.screenshot.c_str());
    return 1;
  }
  std::printf("%s: %s %dx%d\n", o.screenshot.c_str(), o.page.c_str(), w, h);
  return 0;
}

}  // namespace aups::overlay
