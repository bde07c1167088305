#pragma once
// Touch widgets: every one is at least kMinTarget * scale in both directions, reacts to a tap
// (press and release inside), and records itself in the frame trace.
#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "ui/ui_state.hpp"

namespace aups::ui {

float px(float v);  // v * scale
float target_px();  // minimum target size in pixels

// A button; size components of 0 mean "fit the label" (never below the minimum target).
bool touch_button(FrameTrace& tr, const char* id, const char* label, ImVec2 size = {0, 0},
                  bool enabled = true, ImU32 fill = 0);
// A sliding on/off switch; returns true when tapped (and flips *value).
bool toggle_switch(FrameTrace& tr, const char* id, bool* value);
// A read-only value with a label, on one line.
void field_row(const char* label, const std::string& value, ImU32 value_color = 0);
// A state message drawn in colour and recorded for tests.
void notice(FrameTrace& tr, const std::string& text, ImU32 color, ImFont* font = nullptr);
void centered_text(const std::string& text, ImFont* font, ImU32 color, float width);

enum class KeyResult { None, Done, Cancel };
// Digits keypad (with '.' when dot is true) editing buf up to max_len characters.
KeyResult numeric_keypad(FrameTrace& tr, std::string& buf, bool dot, std::size_t max_len,
                         const char* done_label = "Done");
// Host name keyboard: letters, digits, '-' and '.'.
KeyResult hostname_keyboard(FrameTrace& tr, Editor& ed, std::size_t max_len);

// Drawn glyphs (fonts may lack them): a battery gauge, a mains plug.
void draw_battery(ImDrawList* dl, ImVec2 min, ImVec2 max, std::optional<double> charge, ImU32 col);
void draw_plug(ImDrawList* dl, ImVec2 center, float size, ImU32 col);
void draw_led(ImDrawList* dl, ImVec2 center, float r, ImU32 col, bool lit);

// core/text.hpp duration_text ("4 min 10 s", "1 h 5 min"); "—" when unknown.
std::string fmt_duration(std::optional<double> s);
std::string fmt_mmss(double s);           // "04:05"
std::string fmt_number(std::optional<double> v, const char* unit, int decimals = 0);
std::string fmt_clock(double unix_s);     // local "HH:MM:SS"

}  // namespace aups::ui
