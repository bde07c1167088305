#include "ui/overlay_view.hpp"

#include <cmath>
#include <limits>

#include "ui/pages.hpp"
#include "ui/theme.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace aups::ui {

Presentation presentation(const OverlayState& s, const UiState& ui, double now_s) {
  if (critical(s, now_s) && now_s >= ui.critical_hidden_until_s) return Presentation::Critical;
  if (ui.expanded) return Presentation::Panel;
  if (on_battery(s)) return Presentation::Banner;
  return Presentation::Pill;
}

ImVec2 preferred_size(Presentation p, ImVec2 panel) {
  switch (p) {
    case Presentation::Pill: return ImVec2(px(340), px(72));
    case Presentation::Banner: return ImVec2(panel.x, px(168));
    case Presentation::Critical:
    case Presentation::Panel: return panel;
  }
  return panel;
}

FrameResult draw_overlay(const OverlayState& s, UiState& ui, double now_s, double unix_s) {
  ui.trace = FrameTrace{};
  FrameResult r;
  r.presentation = presentation(s, ui, now_s);
  if (r.presentation != Presentation::Critical) ui.hold_start_s = -1;
  ViewCtx c{s, ui, now_s, unix_s, r.intents};

  const bool pill = r.presentation == Presentation::Pill;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                           ImGuiWindowFlags_NoScrollWithMouse;
  if (pill) flags |= ImGuiWindowFlags_NoBackground;  // the pill draws its own rounded badge
  if (r.presentation == Presentation::Critical)
    ImGui::PushStyleColor(ImGuiCol_WindowBg, color::critical_bg);
  else if (r.presentation == Presentation::Banner)
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(92, 58, 8, 250));
  else
    ImGui::PushStyleColor(ImGuiCol_WindowBg, color::panel);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, pill ? ImVec2(0, 0) : ImGui::GetStyle().WindowPadding);
  ImGui::Begin("##overlay", nullptr, flags);
  switch (r.presentation) {
    case Presentation::Pill: draw_pill(c); break;
    case Presentation::Banner: draw_banner(c); break;
    case Presentation::Critical: draw_critical(c); break;
    case Presentation::Panel: draw_panel(c); break;
  }
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
  if (!pill) draw_watermark(s);
  return r;
}

double next_boundary(double now_s, double period) { return (std::floor(now_s / period) + 1) * period; }

double next_age_tick_s(const OverlayState& s, double now_s) {
  return next_boundary(now_s - s.received_s, 1.0) + s.received_s;
}

double next_deadline_s(const OverlayState& s, const UiState& ui, double now_s) {
  double next = std::numeric_limits<double>::infinity();
  auto soon = [&](double t) { next = std::min(next, t); };
  Presentation p = presentation(s, ui, now_s);
  if (ui.hold_start_s >= 0) soon(now_s + 1.0 / 30);  // the hold progress fills smoothly
  if (ui.critical_hidden_until_s > now_s && critical(s, now_s)) soon(ui.critical_hidden_until_s);
  if (auto left = action_remaining_s(s, now_s); left && *left > 0) {
    // A countdown shown in whole seconds changes when the remaining time crosses an integer;
    // the pill shows none, but must wake for the critical minute.
    double frac = *left - std::floor(*left);
    if (p != Presentation::Pill) soon(now_s + (frac > 1e-3 ? frac : 1.0));
    if (*left > 60) soon(now_s + (*left - 60));
  }
  // Every presentation shows the age of stale data.
  if (s.source.stale && s.have_snapshot) soon(next_age_tick_s(s, now_s));
  if (p == Presentation::Panel)
    if (const Page* page = find_page(ui.tab); page && page->next_frame_s) soon(page->next_frame_s(s, now_s));
  return next;
}

}  // namespace aups::ui
