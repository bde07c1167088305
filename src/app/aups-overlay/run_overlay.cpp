// The live overlay. Event driven: a frame is drawn only when input arrived, the agent's state
// changed (the IPC thread wakes the loop), or a visible countdown / blink / hold needs its next
// tick. Idle, the loop sleeps in the backend's wait with no timeout.
#include <cmath>
#include <cstdio>

#include "app/aups-overlay/ipc_agent_link.hpp"
#include "app/aups-overlay/options.hpp"
#include "core/clock.hpp"
#include "ui/controller.hpp"
#include "ui/overlay_view.hpp"
#include "ui/theme.hpp"

namespace aups::overlay {

namespace {
const char* presentation_name(ui::Presentation p) {
  switch (p) {
    case ui::Presentation::Pill: return "pill";
    case ui::Presentation::Banner: return "banner";
    case ui::Presentation::Critical: return "critical";
    case ui::Presentation::Panel: return "panel";
  }
  return "?";
}

// A fingerprint of what ImGui would draw: identical draw data needs no new frame on screen
// (the agent pushes snapshots whose visible rounding often did not change).
std::uint64_t draw_hash(const ImDrawData* d) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](const void* p, std::size_t n) {
    auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  };
  mix(&d->DisplaySize, sizeof d->DisplaySize);
  for (int i = 0; i < d->CmdListsCount; ++i) {
    const ImDrawList* l = d->CmdLists[i];
    mix(l->VtxBuffer.Data, l->VtxBuffer.size_in_bytes());
    mix(l->IdxBuffer.Data, l->IdxBuffer.size_in_bytes());
    for (const ImDrawCmd& c : l->CmdBuffer) {
      mix(&c.ClipRect, sizeof c.ClipRect);
      mix(&c.TextureId, sizeof c.TextureId);
      mix(&c.ElemCount, sizeof c.ElemCount);
    }
  }
  return h;
}

// Where the window goes for a presentation: the pill and panel in their corner, the banner
// across the top (or bottom), the critical modal over the whole work area.
Rect placement(ui::Presentation p, const Options& o, const Rect& wa) {
  ImVec2 panel(o.panel_w * o.scale, o.panel_h * o.scale);
  if (p == ui::Presentation::Critical) return wa;
  ImVec2 s = ui::preferred_size(p, ImVec2(std::min<float>(panel.x, wa.w), std::min<float>(panel.y, wa.h)));
  if (p == ui::Presentation::Banner) s.x = static_cast<float>(wa.w);
  bool right = o.corner == Corner::TopRight || o.corner == Corner::BottomRight;
  bool bottom = o.corner == Corner::BottomLeft || o.corner == Corner::BottomRight;
  int w = static_cast<int>(s.x), h = static_cast<int>(s.y);
  return {right ? wa.x + wa.w - w : wa.x, bottom ? wa.y + wa.h - h : wa.y, w, h};
}
}  // namespace

int run_overlay(const Options& o) {
  SteadyClock clock;
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ui::setup_theme(o.scale);
  auto backend = make_backend(o);
  if (auto opened = backend->open(static_cast<int>(340 * o.scale), static_cast<int>(72 * o.scale), true); !opened) {
    std::fprintf(stderr, "aups-overlay: %s\n", opened.error().message.c_str());
    return 1;
  }
  Backend* be = backend.get();
  IpcAgentLink link(o.socket);
  ui::OverlayController controller(link, clock, [be] { be->wake(); });
  controller.start(true);

  ui::UiState uis;
  const Rect wa = backend->work_area();
  Rect placed{};
  std::uint64_t seen = ~0ull;
  double deadline = 0;  // draw at once
  int settle = 0;       // frames ImGui needs after input (hover/active/layout settle)
  bool input = false;
  std::uint64_t shown = 0;  // draw_hash of the frame on screen
  const double started = clock.now_s();
  int exit_code = 0;
  while (!backend->should_close()) {
    double now = clock.now_s();
    if (o.exit_after_s > 0 && now - started >= o.exit_after_s) {
      exit_code = o.live_screenshot.empty() ? 0 : 3;  // the awaited presentation never came
      break;
    }
    if (o.exit_after_s > 0) deadline = std::min(deadline, started + o.exit_after_s);
    bool due = now >= deadline || settle > 0 || controller.version() != seen;
    if (!due) input = backend->wait(std::isinf(deadline) ? -1.0 : deadline - now) || input;
    now = clock.now_s();
    std::uint64_t version = controller.version();
    if (!input && version == seen && now < deadline && settle == 0) continue;

    ui::OverlayState state = controller.state();
    seen = version;
    ui::Presentation before = ui::presentation(state, uis, now);
    Rect want = placement(before, o, wa);
    if (want.x != placed.x || want.y != placed.y || want.w != placed.w || want.h != placed.h) {
      backend->place(want);
      placed = want;
    }
    backend->new_frame();
    ImGui::NewFrame();
    ui::FrameResult r = ui::draw_overlay(state, uis, now, unix_time_s());
    ImGui::Render();
    bool capture = !o.live_screenshot.empty() && o.live_when == presentation_name(r.presentation);
    std::uint64_t hash = draw_hash(ImGui::GetDrawData());
    bool same = hash == shown && !capture && !backend->take_repaint();
    shown = hash;
    if (!same) backend->present(!capture);
    if (capture) {
      int w = 0, h = 0;
      auto pixels = backend->read_pixels(&w, &h);
      exit_code = write_png(o.live_screenshot, std::move(pixels), w, h) ? 0 : 1;
      break;
    }
    if (o.trace_frames && !same)  // when, what, and how long after the snapshot it shows arrived (ms)
      std::fprintf(stderr, "frame %.6f %s %.3f\n", clock.now_s(), presentation_name(r.presentation),
                   (clock.now_s() - state.received_s) * 1000);
    controller.submit(r.intents);

    bool changed = !r.intents.empty() || ui::presentation(state, uis, now) != before;
    settle = input || changed ? 2 : std::max(0, settle - 1);
    input = false;
    deadline = ui::next_deadline_s(state, uis, now);
    if (ImGui::IsAnyItemActive()) deadline = std::min(deadline, now + 1.0 / 30);  // a finger is down
  }
  link.stop();
  backend->close();
  ImGui::DestroyContext();
  return exit_code;
}

}  // namespace aups::overlay
