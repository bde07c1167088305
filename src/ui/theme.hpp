#pragma once
// Fonts, colours and sizes of the overlay. Touch first: every target is at least
// kMinTarget * scale pixels tall and wide.
#include <imgui.h>

namespace aups::ui {

inline constexpr float kMinTarget = 48.0f;  // px at scale 1

struct Fonts {
  ImFont* body = nullptr;   // 20 px
  ImFont* bold = nullptr;   // 20 px bold
  ImFont* title = nullptr;  // 30 px bold (banner, page titles)
  ImFont* huge = nullptr;   // 120 px bold digits (critical countdown)
};

// Adds DejaVu Sans (fonts-dejavu-core) at scale to the current context's atlas; falls back to
// ImGui's built-in font when the files are missing. Sets the style's sizes for touch.
// Call once before the atlas is built. Returns false when it had to fall back.
bool setup_theme(float scale);
const Fonts& fonts();
float ui_scale();

namespace color {
inline constexpr ImU32 panel = IM_COL32(30, 34, 40, 245);
inline constexpr ImU32 panel_light = IM_COL32(48, 54, 62, 255);
inline constexpr ImU32 text = IM_COL32(240, 240, 240, 255);
inline constexpr ImU32 dim = IM_COL32(170, 176, 184, 255);
inline constexpr ImU32 ok = IM_COL32(60, 180, 100, 255);
inline constexpr ImU32 warn = IM_COL32(240, 165, 30, 255);
inline constexpr ImU32 bad = IM_COL32(225, 60, 60, 255);
inline constexpr ImU32 accent = IM_COL32(70, 140, 230, 255);
inline constexpr ImU32 critical_bg = IM_COL32(120, 10, 10, 250);
}  // namespace color

}  // namespace aups::ui
