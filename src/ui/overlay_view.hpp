#pragma once
// The overlay as a function of state: which presentation, what size, what to draw, and when
// the next frame is needed. No I/O: requests leave as intents.
#include <vector>

#include <imgui.h>

#include "ui/overlay_state.hpp"
#include "ui/ui_state.hpp"

namespace aups::ui {

struct FrameResult {
  Presentation presentation = Presentation::Pill;
  std::vector<Intent> intents;
};

Presentation presentation(const OverlayState& s, const UiState& ui, double now_s);
// Window size for a presentation at the current scale; panel is the configured panel size.
ImVec2 preferred_size(Presentation p, ImVec2 panel);

// Draws one frame into the current ImGui frame (between NewFrame and Render), filling the
// display. now_s: Clock time (countdowns, blink); unix_s: wall time (history ranges).
FrameResult draw_overlay(const OverlayState& s, UiState& ui, double now_s, double unix_s);

// Clock time of the next frame a visible countdown, blink or hold needs; +inf when none.
double next_deadline_s(const OverlayState& s, const UiState& ui, double now_s);

}  // namespace aups::ui
