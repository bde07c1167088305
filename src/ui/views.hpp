#pragma once
// Internal: the pages of the overlay, each a function of the view context.
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

void page_main(ViewCtx& c);
void page_hardware(ViewCtx& c);
void page_history(ViewCtx& c);
void page_events(ViewCtx& c);
void page_settings(ViewCtx& c);
void page_network(ViewCtx& c);
void page_diagnostics(ViewCtx& c);
// The review / PIN step shared by Settings and Network.
void draw_review(ViewCtx& c);

// Short words for the plan's reason ("runtime" -> "battery runtime is running out").
const char* reason_words(const std::string& reason);
// The state messages every presentation shows (agent down, stale data, simulator).
void draw_state_notices(ViewCtx& c);
void draw_watermark(const OverlayState& s);

}  // namespace aups::ui
