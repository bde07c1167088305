#include "ui/widgets.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "core/text.hpp"
#include "ui/theme.hpp"

namespace aups::ui {

float px(float v) { return v * ui_scale(); }
float target_px() { return kMinTarget * ui_scale(); }

namespace {
void record(FrameTrace& tr, const char* id, bool enabled) {
  tr.targets.push_back({id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), enabled});
}
}  // namespace

bool touch_button(FrameTrace& tr, const char* id, const char* label, ImVec2 size, bool enabled, ImU32 fill) {
  ImVec2 text = ImGui::CalcTextSize(label, nullptr, true);
  ImVec2 pad = ImGui::GetStyle().FramePadding;
  size.x = std::max({size.x, text.x + 2 * pad.x, target_px()});
  size.y = std::max({size.y, text.y + 2 * pad.y, target_px()});
  if (!enabled) fill = 0;  // a disabled button must not look like the accented one
  if (fill) {
    ImGui::PushStyleColor(ImGuiCol_Button, fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill);
  }
  ImGui::BeginDisabled(!enabled);
  ImGui::PushID(id);
  bool pressed = ImGui::Button(label, size);
  ImGui::PopID();
  ImGui::EndDisabled();
  if (fill) ImGui::PopStyleColor(2);
  record(tr, id, enabled);
  return pressed && enabled;
}

bool toggle_switch(FrameTrace& tr, const char* id, bool* value) {
  ImVec2 size(px(96), target_px());
  ImVec2 p = ImGui::GetCursorScreenPos();
  bool tapped = ImGui::InvisibleButton(id, size);
  record(tr, id, true);
  if (tapped) *value = !*value;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float h = px(34), r = h / 2;
  ImVec2 a(p.x, p.y + (size.y - h) / 2), b(p.x + size.x, a.y + h);
  dl->AddRectFilled(a, b, *value ? color::ok : IM_COL32(90, 96, 104, 255), r);
  float cx = *value ? b.x - r : a.x + r;
  dl->AddCircleFilled(ImVec2(cx, a.y + r), r - px(3), color::text);
  return tapped;
}

void field_row(const char* label, const std::string& value, ImU32 value_color) {
  // Read-only rows are compact: they are not touch targets.
  ImGui::PushStyleColor(ImGuiCol_Text, color::dim);
  ImGui::TextUnformatted(label);
  ImGui::PopStyleColor();
  ImGui::SameLine(px(230));
  ImGui::PushTextWrapPos(0);
  ImGui::PushFont(fonts().bold);
  if (value_color) ImGui::PushStyleColor(ImGuiCol_Text, value_color);
  ImGui::TextUnformatted(value.c_str());
  if (value_color) ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, px(2)));
}

void notice(FrameTrace& tr, const std::string& text, ImU32 color, ImFont* font) {
  tr.notices.push_back(text);
  if (font) ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  if (font) ImGui::PopFont();
}

void centered_text(const std::string& text, ImFont* font, ImU32 color, float width) {
  ImGui::PushFont(font);
  float w = ImGui::CalcTextSize(text.c_str()).x;
  ImGui::SetCursorPosX(std::max(0.0f, (width - w) / 2));
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

namespace {
bool key(FrameTrace& tr, const std::string& id, const char* label, float w) {
  return touch_button(tr, id.c_str(), label, ImVec2(w, px(56)));
}
KeyResult end_row(FrameTrace& tr, std::string& buf, float w, const char* done_label = "Done") {
  KeyResult r = KeyResult::None;
  if (key(tr, "key:back", "\u232B", w) && !buf.empty()) buf.pop_back();
  ImGui::SameLine();
  if (touch_button(tr, "key:cancel", "Cancel", ImVec2(w * 1.5f, px(56)))) r = KeyResult::Cancel;
  ImGui::SameLine();
  if (touch_button(tr, "key:done", done_label, ImVec2(w * 1.5f, px(56)), true, color::accent)) r = KeyResult::Done;
  return r;
}
}  // namespace

KeyResult numeric_keypad(FrameTrace& tr, std::string& buf, bool dot, std::size_t max_len, const char* done_label) {
  const char* rows[] = {"123", "456", "789", dot ? ".0" : "0"};
  float w = px(88);
  for (const char* row : rows) {
    for (const char* c = row; *c; ++c) {
      if (c != row) ImGui::SameLine();
      char label[2] = {*c, 0};
      if (key(tr, std::string("key:") + *c, label, w) && buf.size() < max_len) buf.push_back(*c);
    }
  }
  return end_row(tr, buf, w, done_label);
}

KeyResult hostname_keyboard(FrameTrace& tr, Editor& ed, std::size_t max_len) {
  const char* rows[] = {"1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm."};
  float w = px(60);
  for (const char* row : rows) {
    for (const char* c = row; *c; ++c) {
      if (c != row) ImGui::SameLine();
      char ch = ed.shift ? static_cast<char>(std::toupper(static_cast<unsigned char>(*c))) : *c;
      char label[2] = {ch, 0};
      if (key(tr, std::string("key:") + *c, label, w) && ed.buffer.size() < max_len) ed.buffer.push_back(ch);
    }
  }
  if (touch_button(tr, "key:shift", ed.shift ? "\u21E7 ABC" : "\u21E7 abc", ImVec2(w * 2, px(56)),
                   true, ed.shift ? color::accent : 0))
    ed.shift = !ed.shift;
  ImGui::SameLine();
  return end_row(tr, ed.buffer, w * 1.5f);
}

void draw_battery(ImDrawList* dl, ImVec2 a, ImVec2 b, std::optional<double> charge, ImU32 col) {
  float h = b.y - a.y, nub = h * 0.18f, t = std::max(1.5f, h * 0.08f);
  ImVec2 body_b(b.x - nub, b.y);
  dl->AddRect(a, body_b, col, h * 0.15f, 0, t);
  dl->AddRectFilled(ImVec2(body_b.x, a.y + h * 0.3f), ImVec2(b.x, b.y - h * 0.3f), col, 2);
  if (charge) {
    float f = static_cast<float>(std::clamp(*charge, 0.0, 100.0) / 100.0);
    float in = t * 1.8f;
    ImVec2 fa(a.x + in, a.y + in), fb(a.x + in + (body_b.x - a.x - 2 * in) * f, b.y - in);
    if (fb.x > fa.x) dl->AddRectFilled(fa, fb, col, h * 0.08f);
  }
}

void draw_plug(ImDrawList* dl, ImVec2 c, float s, ImU32 col) {
  float w = s * 0.55f, t = std::max(1.5f, s * 0.1f);
  dl->AddRectFilled(ImVec2(c.x - w / 2, c.y - s * 0.12f), ImVec2(c.x + w / 2, c.y + s * 0.2f), col, s * 0.1f);
  dl->AddLine(ImVec2(c.x - w * 0.25f, c.y - s * 0.12f), ImVec2(c.x - w * 0.25f, c.y - s * 0.42f), col, t);
  dl->AddLine(ImVec2(c.x + w * 0.25f, c.y - s * 0.12f), ImVec2(c.x + w * 0.25f, c.y - s * 0.42f), col, t);
  dl->AddLine(ImVec2(c.x, c.y + s * 0.2f), ImVec2(c.x, c.y + s * 0.45f), col, t);
}

void draw_led(ImDrawList* dl, ImVec2 c, float r, ImU32 col, bool lit) {
  ImVec4 v = ImGui::ColorConvertU32ToFloat4(col);
  ImU32 fill = lit ? col : ImGui::ColorConvertFloat4ToU32(ImVec4(v.x * 0.25f, v.y * 0.25f, v.z * 0.25f, 1));
  dl->AddCircleFilled(c, r, fill, 32);
  dl->AddCircle(c, r, IM_COL32(200, 200, 200, 255), 32, 2);
}

std::string fmt_duration(std::optional<double> s) {
  return s && std::isfinite(*s) && *s >= 0 ? duration_text(*s) : "\u2014";
}

std::string fmt_mmss(double s) {
  long t = std::max(0L, static_cast<long>(std::ceil(s)));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02ld:%02ld", t / 60, t % 60);
  return buf;
}

std::string fmt_number(std::optional<double> v, const char* unit, int decimals) {
  if (!v) return "\u2014";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f%s%s", decimals, *v, *unit ? " " : "", unit);
  return buf;
}

std::string fmt_clock(double unix_s) { return local_time_text(unix_s, "%H:%M:%S"); }

}  // namespace aups::ui
