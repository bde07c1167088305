// --screenshot: one page rendered off screen (hidden window) and written as PNG.
#include <algorithm>
#include <cstdio>
#include <fstream>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

#include "app/aups-overlay/options.hpp"
#include "core/clock.hpp"
#include "core/nut_json.hpp"
#include "ui/changes.hpp"
#include "ui/overlay_view.hpp"
#include "ui/pages.hpp"
#include "ui/sample_state.hpp"
#include "ui/theme.hpp"

namespace aups::overlay {

bool write_png(const std::string& path, std::vector<std::uint8_t> px, int w, int h) {
  // The pill's transparent corners (premultiplied alpha) go over a grey backdrop.
  for (std::size_t i = 0; i + 3 < px.size(); i += 4) {
    unsigned a = px[i + 3];
    for (int c = 0; c < 3; ++c) px[i + c] = static_cast<std::uint8_t>(std::min(255u, px[i + c] + 64 * (255 - a) / 255));
    px[i + 3] = 255;
  }
  return stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4) != 0;
}

namespace {
// The --page names that are presentations rather than panel pages, and the built-in sample
// (sample_state_json) each is shown with; panel pages use "online".
struct PresentationShot {
  const char* page;
  const char* sample;
};
const PresentationShot kPresentationShots[] = {
    {"pill", "online"}, {"banner", "on_battery"}, {"critical", "critical"}};

const char* sample_for(const std::string& page) {
  for (auto& p : kPresentationShots)
    if (page == p.page) return p.sample;
  return "online";
}

// Documentation shots of the staged flows: the file's "ui" object may stage settings/network
// (partial NUT/aups JSON) and open the review step.
void stage_from_file(const std::string& path, const ui::OverlayState& s, ui::UiState& uis) {
  std::ifstream in(path);
  auto j = nlohmann::json::parse(in, nullptr, false);
  if (!j.is_object() || !j.contains("ui") || !j["ui"].is_object()) return;
  const auto& u = j["ui"];
  if (u.contains("staged_settings") && s.settings) {
    auto r = apply_settings_json(*s.settings, u["staged_settings"]);
    if (r) uis.staged_settings = *r;
  }
  if (u.contains("staged_network")) {
    auto r = apply_network_json(s.network.value_or(NetworkSettings{}), u["staged_network"]);
    if (r) uis.staged_network = *r;
    else if (u["staged_network"].is_object())  // invalid on purpose: show it marked
      for (auto& [k, v] : u["staged_network"].items())
        if (k == "aups.net.ip" && v.is_string()) {
          uis.staged_network = s.network.value_or(NetworkSettings{});
          uis.staged_network->ip = v.get<std::string>();
        }
  }
  if (u.value("review", false)) {
    uis.review.settings = ui::settings_diff(s, uis);
    uis.review.network = ui::network_diff(s, uis);
    uis.review.pin = u.value("pin", std::string());
    uis.step = ui::UiState::Step::Review;
  }
}
}  // namespace

std::vector<std::string> screenshot_pages() {
  std::vector<std::string> names;
  for (auto& p : kPresentationShots) names.push_back(p.page);
  for (const ui::Page& p : ui::pages()) names.push_back(p.id);
  return names;
}

int take_screenshot(const Options& o) {
  const double now = 1000.0, unix_s = unix_time_s();
  ui::UiState uis;
  if (const ui::Page* page = ui::find_page(o.page)) {
    uis.expanded = true;
    uis.tab = page->id;
  }
  ui::OverlayState state;
  if (!o.state_file.empty()) {
    auto r = ui::load_state_file(o.state_file, now, unix_s);
    if (!r) {
      std::fprintf(stderr, "aups-overlay: %s\n", r.error().message.c_str());
      return 2;
    }
    state = *std::move(r);
    stage_from_file(o.state_file, state, uis);
  } else {
    state = ui::state_from_json(ui::sample_state_json(sample_for(o.page), unix_s), now, unix_s);
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ui::setup_theme(o.scale);
  ImVec2 panel(o.panel_w * o.scale, o.panel_h * o.scale);
  ImVec2 size = ui::preferred_size(ui::presentation(state, uis, now), panel);
  auto backend = make_backend(o);
  if (auto opened = backend->open(static_cast<int>(size.x), static_cast<int>(size.y), false); !opened) {
    std::fprintf(stderr, "aups-overlay: %s\n", opened.error().message.c_str());
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
  backend->close();
  ImGui::DestroyContext();
  if (!write_png(o.screenshot, std::move(pixels), w, h)) {
    std::fprintf(stderr, "aups-overlay: cannot write %s\n", o.screenshot.c_str());
    return 1;
  }
  std::printf("%s: %s %dx%d\n", o.screenshot.c_str(), o.page.c_str(), w, h);
  return 0;
}

}  // namespace aups::overlay
