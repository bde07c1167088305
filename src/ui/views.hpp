#pragma once
// Internal: the presentations of the overlay, each a function of the view context (the
// panel's pages are listed in pages.hpp).
#include <vector>

#include "ui/overlay_state.hpp"
#include "ui/ui_state.hpp"

namespace aups::ui {

struct ViewCtx {
  const OverlayState& s;
  UiState& ui;
  double now_s, unix_s;
  std::vector<Intent>& intents;
};

void draw_pill(ViewCtx& c);
void draw_banner(ViewCtx& c);
void draw_critical(ViewCtx& c);
void draw_panel(ViewCtx& c);

// The review / PIN step of the pages that stage changes (Page::reviews_changes).
void draw_review(ViewCtx& c);

// Short words for the plan's reason ("runtime" -> "battery runtime is running out").
const char* reason_words(const std::string& reason);
// The state messages every presentation shows (agent down, stale data, simulator).
void draw_state_notices(ViewCtx& c);
void draw_watermark(const OverlayState& s);
// Next time t > now_s at which floor(t / period) changes.
double next_boundary(double now_s, double period);
// Clock time at which a shown data age (whole seconds since the snapshot) next changes.
double next_age_tick_s(const OverlayState& s, double now_s);

}  // namespace aups::ui
