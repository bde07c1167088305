// Settings: the vendor app's settings (manual 4.4.3) and the agent's policy, staged, reviewed as
// a diff, confirmed with the PIN. Shows what the UPS read back, never what was sent.
#include <algorithm>
#include <string>
#include <vector>

#include "core/nut_json.hpp"
#include "ui/changes.hpp"
#include "ui/theme.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace aups::ui {
using nlohmann::json;

namespace {
void section(const char* t) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(t);
  ImGui::PopFont();
}

// Label (wrapped) at the left, the UPS's read-back value, then the control at the right edge.
void row_label(const std::string& label, const std::string& readback, bool changed, float col_x, float col_w,
               float control_w) {
  float y = ImGui::GetCursorPosY();
  float text_w = col_w - control_w - px(100);
  ImGui::SetCursorPosX(col_x);
  ImGui::PushTextWrapPos(col_x + text_w);
  float h = ImGui::CalcTextSize(label.c_str(), nullptr, false, text_w).y;
  ImGui::SetCursorPosY(y + std::max(0.0f, (target_px() - h) / 2));
  ImGui::PushStyleColor(ImGuiCol_Text, changed ? color::accent : color::text);
  ImGui::TextUnformatted(label.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
  std::string rb = "UPS: " + readback;
  float rb_w = ImGui::CalcTextSize(rb.c_str()).x;
  ImGui::SetCursorPos(ImVec2(col_x + col_w - control_w - rb_w - px(16), y + (target_px() - ImGui::GetTextLineHeight()) / 2));
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "%s", rb.c_str());
  ImGui::SetCursorPos(ImVec2(col_x + col_w - control_w, y));
}

bool stepper(FrameTrace& tr, const std::string& id, double* v, double step, double lo, double hi, const std::string& text) {
  bool changed = false;
  if (touch_button(tr, (id + ":minus").c_str(), "\u2212", ImVec2(target_px(), 0), *v > lo)) {
    *v = std::max(lo, *v - step);
    changed = true;
  }
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  float w = px(74), tw = ImGui::CalcTextSize(text.c_str()).x;
  float x = ImGui::GetCursorPosX();
  ImGui::SetCursorPosX(x + (w - tw) / 2);
  ImGui::TextUnformatted(text.c_str());
  ImGui::SameLine(x + w);
  if (touch_button(tr, (id + ":plus").c_str(), "+", ImVec2(target_px(), 0), *v < hi)) {
    *v = std::min(hi, *v + step);
    changed = true;
  }
  return changed;
}

// The policy knobs an operator should reach by touch (margin and floors, as the issue asks);
// the rest stay in aupsd.toml. Unknown policies show their first keys.
std::vector<std::string> shown_policy_keys(const json& policy) {
  std::vector<std::string> keys;
  for (const char* k : {"margin_s", "charge_floor_pct", "runtime_floor_s", "shutdown_duration_s"})
    if (policy.contains(k)) keys.emplace_back(k);
  for (auto it = policy.begin(); keys.empty() && it != policy.end(); ++it)
    if (keys.size() < 4) keys.push_back(it.key());
  return keys;
}

double policy_step(const std::string& key, double v) {
  if (key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0) return v >= 300 ? 60 : 10;
  return 1;
}
}  // namespace

void page_settings(ViewCtx& c) {
  const auto& s = c.s;
  auto& ui = c.ui;
  auto& tr = ui.trace;
  if (!s.settings) {
    notice(tr, "Waiting for the settings read back from the UPS\u2026", color::dim);
    return;
  }
  if (s.write_pending) notice(tr, "Writing to the UPS\u2026", color::accent);
  UpsSettings edit = ui.staged_settings.value_or(*s.settings);
  const UpsSettings& ups = *s.settings;
  json now = to_nut_json(ups), staged = to_nut_json(edit);

  float avail = ImGui::GetContentRegionAvail().x, x0 = ImGui::GetCursorPosX();
  float left_w = avail * 0.56f, right_x = x0 + left_w + px(24), right_w = avail - left_w - px(24);
  float top = ImGui::GetCursorPosY();
  section("UPS settings");
  struct Flag { const char* key; bool UpsSettings::*field; };
  const Flag flags[] = {{"ups.beeper.status", &UpsSettings::buzzer},
                        {"aups.lan.enabled", &UpsSettings::lan},
                        {"aups.output.enabled", &UpsSettings::dc_output},
                        {"aups.output.always_on_with_input", &UpsSettings::dc_output_always_on_with_input},
                        {"aups.sleep_at_5pct", &UpsSettings::sleep_at_5pct},
                        {"aups.shutdown_at_2pct", &UpsSettings::shutdown_at_2pct}};
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, px(6)));
  for (auto& f : flags) {
    row_label(key_label(f.key), value_text(f.key, now[f.key]), now[f.key] != staged[f.key], x0, left_w, px(96));
    if (toggle_switch(tr, f.key, &(edit.*f.field))) ui.staged_settings = edit;
  }
  const char* dk = "ups.delay.shutdown";
  row_label(key_label(dk), value_text(dk, now[dk]), now[dk] != staged[dk], x0, left_w, px(170));
  double delay = edit.dc_output_off_delay_s;
  if (stepper(tr, dk, &delay, 10, 0, kMaxOffDelayS, value_text(dk, edit.dc_output_off_delay_s))) {
    edit.dc_output_off_delay_s = static_cast<int>(delay);
    ui.staged_settings = edit;
  }
  ImGui::PopStyleVar();

  // The agent's policy: generic, so new policy keys appear without a UI change.
  ImGui::SetCursorPos(ImVec2(right_x, top));
  section("Protection policy");
  if (s.policy.empty()) {
    ImGui::SetCursorPosX(right_x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "(not reported by aupsd)");
  }
  for (const std::string& key : shown_policy_keys(s.policy)) {
    const json& val = s.policy[key];
    json cur = ui.staged_policy.contains(key) ? ui.staged_policy[key] : val;
    ImGui::SetCursorPosX(right_x);
    ImGui::PushStyleColor(ImGuiCol_Text, cur != val ? color::accent : color::text);
    ImGui::PushTextWrapPos(right_x + right_w);
    ImGui::TextWrapped("%s  (now %s)", key_label(key).c_str(), value_text(key, val).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::SetCursorPosX(right_x);
    std::string id = "policy:" + key;
    if (cur.is_boolean()) {
      bool b = cur.get<bool>();
      if (toggle_switch(tr, id.c_str(), &b)) ui.staged_policy[key] = b;
    } else if (cur.is_number()) {
      double d = cur.get<double>();
      if (stepper(tr, id, &d, policy_step(key, d), 0, 1e6, value_text(key, d)))
        ui.staged_policy[key] = val.is_number_integer() ? json(static_cast<long long>(d)) : json(d);
    }
  }

  // Discard / Review under the policy, where the column has room.
  json sd = settings_diff(s, ui), pd = policy_diff(s, ui);
  std::size_t n = sd.size() + pd.size();
  ImGui::SetCursorPosX(right_x);
  if (touch_button(tr, "settings:discard", "Discard", ImVec2(px(120), 0), n > 0)) {
    ui.staged_settings.reset();
    ui.staged_policy = json::object();
  }
  ImGui::SameLine();
  std::string label = n ? "Review " + std::to_string(n) + (n == 1 ? " change" : " changes") : "No changes";
  if (touch_button(tr, "settings:review", label.c_str(), ImVec2(right_w - px(130), 0), n > 0, n ? color::accent : 0)) {
    ui.review = ApplyChanges{};
    ui.review.settings = sd;
    ui.review.policy = pd;
    ui.step = UiState::Step::Review;
  }
}

void draw_review(ViewCtx& c) {
  const auto& s = c.s;
  auto& ui = c.ui;
  auto& tr = ui.trace;
  section("Review changes");
  json before = s.settings ? to_nut_json(*s.settings) : json::object();
  json net_before = to_nut_json(s.network.value_or(NetworkSettings{}));
  float avail = ImGui::GetContentRegionAvail().x, x0 = ImGui::GetCursorPosX(), top = ImGui::GetCursorPosY();
  ImGui::PushTextWrapPos(x0 + avail * 0.5f);
  auto lines = [&](const json& diff, const json& old) {
    for (auto& [k, v] : diff.items()) {
      std::string line = key_label(k) + ":  " + value_text(k, old.contains(k) ? old[k] : json()) + "  \u2192  " + value_text(k, v);
      notice(tr, line, color::text, fonts().bold);
    }
  };
  lines(ui.review.settings, before);
  lines(ui.review.network, net_before);
  lines(ui.review.policy, s.policy);
  ImGui::PopTextWrapPos();

  bool apply = false, back = false;
  if (s.privileged) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "You may change settings without a PIN.");
    if (touch_button(tr, "review:back", "Back", ImVec2(px(140), 0))) back = true;
    ImGui::SameLine();
    if (touch_button(tr, "review:apply", "Apply", ImVec2(px(180), 0), true, color::accent)) apply = true;
  } else {
    float kx = x0 + avail * 0.5f + px(16);
    ImGui::SetCursorPos(ImVec2(kx, top));
    std::string dots(ui.review.pin.size() * 3, ' ');
    for (std::size_t i = 0; i < ui.review.pin.size(); ++i) dots.replace(i * 3, 3, "\u2022");
    ImGui::PushFont(fonts().bold);
    ImGui::Text("PIN  %s", ui.review.pin.empty() ? "(type it below)" : dots.c_str());
    ImGui::PopFont();
    ImGui::SetCursorPosX(kx);
    ImGui::BeginGroup();
    KeyResult k = numeric_keypad(tr, ui.review.pin, false, 12, "Apply");
    ImGui::EndGroup();
    if (k == KeyResult::Cancel) back = true;
    if (k == KeyResult::Done && !ui.review.pin.empty()) apply = true;
  }
  if (back) {
    ui.review.pin.clear();
    ui.step = UiState::Step::Edit;
  }
  if (apply && !ui.review.empty()) {
    if (s.privileged) ui.review.pin.clear();
    c.intents.push_back(ui.review);
    // Staged values go; the page shows what the UPS reads back (or the old value on failure).
    if (!ui.review.settings.empty() || !ui.review.policy.empty()) {
      ui.staged_settings.reset();
      ui.staged_policy = json::object();
    }
    if (!ui.review.network.empty()) ui.staged_network.reset();
    ui.review = ApplyChanges{};
    ui.step = UiState::Step::Edit;
  }
}

}  // namespace aups::ui
