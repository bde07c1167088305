#pragma once
// The expanded panel's pages, one row each (as Dear ImGui's ShowDemoWindow lists its demos):
// the rail's tabs, their ids (tests, `aups-overlay --page`), what opening one fetches and how
// often it must be redrawn all read this table. A new page is a view function and a row.
#include <optional>
#include <span>
#include <string_view>

#include "ui/overlay_state.hpp"
#include "ui/ui_state.hpp"

namespace aups::ui {

struct ViewCtx;

struct Page {
  const char* id;     // "main": the rail's "tab:main" target, `--page main`, UiState::tab
  const char* label;  // "Main Info": the rail's button
  void (*draw)(ViewCtx&);
  std::optional<Fetch::What> fetches;  // requested from aupsd when the page is opened
  bool reviews_changes = false;        // stages changes and shows them in the review step
  // Clock time of the next frame the page needs by itself (ticking ages, blinking LEDs);
  // nullptr: it changes only with the state.
  double (*next_frame_s)(const OverlayState& s, double now_s) = nullptr;
};

std::span<const Page> pages();
const Page* find_page(std::string_view id);

}  // namespace aups::ui
