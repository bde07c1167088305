// The always-visible presentations: pill, on-battery banner, critical modal; and the state
// notices and simulator watermark they share with the panel.
#include <algorithm>
#include <cmath>

#include "ui/theme.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace aups::ui {

const char* reason_words(const std::string& r) {
  if (r == "runtime") return "battery runtime is running out";
  if (r == "charge_floor") return "battery charge reached the floor";
  if (r == "runtime_floor") return "remaining runtime reached the floor";
  if (r == "sleep_at_5pct") return "the UPS sleeps at 5 % charge";
  if (r == "shutdown_at_2pct") return "the UPS shuts down at 2 % charge";
  if (r == "comm_lost") return "contact with the UPS was lost";
  if (r == "low_battery_flag") return "the UPS reports low battery";
  return r.empty() ? "power protection plan" : r.c_str();
}

namespace {
double data_age(const ViewCtx& c) {
  return c.s.source.age_s.value_or(0) + std::max(0.0, c.now_s - c.s.received_s);
}

ImU32 charge_color(const OverlayState& s) {
  if (!s.agent_reachable || s.source.stale) return color::dim;
  double ch = s.status.charge_pct.value_or(100);
  if (ch < 10) return color::bad;
  return s.status.mains_present ? color::ok : color::warn;
}

std::string action_words(const PlanView& p) {
  if (p.action == "sleep") return "going to sleep";
  return "shutting down";
}
}  // namespace

void draw_state_notices(ViewCtx& c) {
  auto& tr = c.ui.trace;
  if (!c.s.agent_reachable) {
    notice(tr, "Power protection is not running (no answer from aupsd) \u2014 the computer will NOT be shut down safely.",
           color::bad, fonts().bold);
    return;
  }
  if (c.s.source.stale || !c.s.source.connected) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "UPS data is stale: last update %.0f s ago%s.", data_age(c),
                  c.s.source.connected ? "" : " (UPS not connected)");
    notice(tr, buf, color::warn, fonts().bold);
  }
  if (!c.s.write_error.empty())
    notice(tr, "Settings write failed: " + c.s.write_error + " \u2014 the UPS kept its previous values (shown).",
           color::bad, fonts().bold);
}

void draw_watermark(const OverlayState& s) {
  if (!s.source.simulated || !s.agent_reachable) return;
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  ImVec2 d = ImGui::GetIO().DisplaySize;
  ImFont* f = fonts().title;
  const char* text = "SIMULATED";
  float size = f->FontSize * 2.2f;
  ImVec2 ts = f->CalcTextSizeA(size, d.x, 0, text);
  ImVec2 pos((d.x - ts.x) / 2, (d.y - ts.y) / 2);
  if (d.y < ts.y * 1.5f) { size = f->FontSize; ts = f->CalcTextSizeA(size, d.x, 0, text); pos = {d.x - ts.x - px(12), d.y - ts.y - px(4)}; }
  dl->AddText(f, size, pos, IM_COL32(255, 255, 255, 48), text);
}

void draw_pill(ViewCtx& c) {
  const auto& s = c.s;
  ImVec2 a = ImGui::GetWindowPos(), d = ImGui::GetWindowSize();
  ImVec2 b(a.x + d.x, a.y + d.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  bool down = !s.agent_reachable;
  dl->AddRectFilled(a, b, down ? IM_COL32(110, 16, 16, 240) : color::panel, d.y / 2);
  dl->AddRect(a, b, down ? color::bad : charge_color(s), d.y / 2, 0, px(2));

  ImGui::SetCursorScreenPos(a);
  if (ImGui::InvisibleButton("pill", d)) {
    c.ui.expanded = true;
    c.intents.push_back(Fetch{Fetch::Settings});
    c.intents.push_back(Fetch{Fetch::Events});
  }
  c.ui.trace.targets.push_back({"pill", a, b, true});

  float pad = d.y * 0.3f, cy = a.y + d.y / 2;
  if (down) {
    c.ui.trace.notices.push_back("power protection is not running");
    ImGui::PushFont(fonts().bold);
    float lh = ImGui::GetTextLineHeight();
    dl->AddText(ImVec2(a.x + pad, cy - lh), color::text, "Power protection");
    dl->AddText(ImVec2(a.x + pad, cy), IM_COL32(255, 190, 190, 255), "is not running");
    ImGui::PopFont();
    return;
  }
  ImU32 col = charge_color(s);
  float bh = px(28), bw = px(52);
  draw_battery(dl, ImVec2(a.x + pad, cy - bh / 2), ImVec2(a.x + pad + bw, cy + bh / 2), s.status.charge_pct, col);
  float x = a.x + pad + bw + px(10);
  ImGui::PushFont(fonts().bold);
  std::string pct = fmt_number(s.status.charge_pct, "%");
  float lh = ImGui::GetTextLineHeight();
  dl->AddText(ImVec2(x, cy - lh / 2), color::text, pct.c_str());
  x += std::max(px(64), ImGui::CalcTextSize(pct.c_str()).x + px(10));
  ImGui::PopFont();
  // Mains: a plug; on battery: the battery again, filled, in amber.
  float g = px(30);
  if (s.status.mains_present) draw_plug(dl, ImVec2(x + g / 2, cy), g, s.source.stale ? color::dim : color::ok);
  else draw_battery(dl, ImVec2(x, cy - g * 0.3f), ImVec2(x + g, cy + g * 0.3f), 100.0, color::warn);
  x += g + px(10);
  std::string rt = s.source.stale ? "stale" : fmt_duration(s.status.runtime_s);
  dl->AddText(ImVec2(x, cy - lh / 2), s.source.stale ? color::warn : color::dim, rt.c_str());
  if (s.source.stale) c.ui.trace.notices.push_back("UPS data is stale");
  if (s.source.simulated) {
    ImFont* f = fonts().body;
    float fs = f->FontSize * 0.7f;
    dl->AddText(f, fs, ImVec2(b.x - pad - f->CalcTextSizeA(fs, 999, 0, "SIM").x, a.y + px(6)), color::warn, "SIM");
    c.ui.trace.notices.push_back("SIMULATED");
  }
}

void draw_banner(ViewCtx& c) {
  const auto& s = c.s;
  const auto& st = s.status;
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(w - px(170));
  std::string title = "On battery";
  auto left = action_remaining_s(s, c.now_s);
  if (left) title += " \u2014 " + action_words(s.plan) + " in " + fmt_mmss(*left);
  else title += " \u2014 runtime " + fmt_duration(st.runtime_s);
  notice(c.ui.trace, title, color::text, fonts().title);
  std::string why = s.plan.explanation.empty() ? std::string("Reason: ") + reason_words(s.plan.reason)
                                               : s.plan.explanation;
  if (s.plan.dry_run) why += " (dry run: nothing will be shut down)";
  notice(c.ui.trace, why, IM_COL32(255, 225, 170, 255));
  char line[200];
  std::snprintf(line, sizeof line, "Load %s (%s)   \u2022   Charge %s   \u2022   Runtime %s",
                fmt_number(st.output_power_w, "W").c_str(), fmt_number(st.load_pct, "%").c_str(),
                fmt_number(st.charge_pct, "%").c_str(), fmt_duration(st.runtime_s).c_str());
  ImGui::PushFont(fonts().bold);
  ImGui::TextUnformatted(line);
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  if (s.source.stale) draw_state_notices(c);
  ImGui::EndGroup();
  ImGui::SetCursorPos(ImVec2(w - px(150) + ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().WindowPadding.y));
  if (touch_button(c.ui.trace, "banner:details", "Details", ImVec2(px(150), 0))) {
    c.ui.expanded = true;
    c.intents.push_back(Fetch{Fetch::Settings});
    c.intents.push_back(Fetch{Fetch::Events});
  }
}

void draw_critical(ViewCtx& c) {
  const auto& s = c.s;
  auto& tr = c.ui.trace;
  float w = ImGui::GetContentRegionAvail().x;
  ImVec2 d = ImGui::GetWindowSize();
  auto left = action_remaining_s(s, c.now_s);
  bool now = !left || *left <= 0 || s.plan.state == "shutdown_started" || s.plan.state == "poweroff_armed";

  ImGui::SetCursorPosY(d.y * 0.06f);
  std::string head = s.plan.action == "sleep" ? "Power is failing \u2014 the computer will go to sleep"
                                              : "Power is failing \u2014 the computer will shut down";
  centered_text(head, fonts().title, color::text, w);
  tr.notices.push_back(head);
  std::string count = now ? (s.plan.action == "sleep" ? "SLEEP" : "NOW") : fmt_mmss(*left);
  centered_text(count, fonts().huge, color::text, w);
  tr.notices.push_back("countdown " + count);
  centered_text("Save your work now.", fonts().title, IM_COL32(255, 220, 120, 255), w);
  tr.notices.push_back("save your work");
  ImGui::Spacing();
  ImGui::PushTextWrapPos(w);
  std::string why = s.plan.explanation.empty() ? std::string("Reason: ") + reason_words(s.plan.reason)
                                               : s.plan.explanation;
  float ww = ImGui::CalcTextSize(why.c_str(), nullptr, false, w * 0.8f).x;
  ImGui::SetCursorPosX((w - ww) / 2);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w * 0.8f);
  ImGui::TextUnformatted(why.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopTextWrapPos();

  // Hide only by pressing and holding: a stray tap must not hide the warning.
  constexpr double kHoldS = 2.0, kHideS = 20.0;
  ImVec2 bs(px(380), px(64));
  ImGui::SetCursorPos(ImVec2((d.x - bs.x) / 2, d.y - bs.y - px(24)));
  ImVec2 a = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("critical:hold", bs);
  tr.targets.push_back({"critical:hold", a, ImVec2(a.x + bs.x, a.y + bs.y), true});
  double held = 0;
  if (ImGui::IsItemActive()) {
    if (c.ui.hold_start_s < 0) c.ui.hold_start_s = c.now_s;
    held = c.now_s - c.ui.hold_start_s;
    if (held >= kHoldS) {
      c.ui.critical_hidden_until_s = c.now_s + kHideS;
      c.ui.hold_start_s = -1;
    }
  } else {
    c.ui.hold_start_s = -1;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 b(a.x + bs.x, a.y + bs.y);
  dl->AddRectFilled(a, b, IM_COL32(0, 0, 0, 90), px(10));
  float f = static_cast<float>(std::clamp(held / kHoldS, 0.0, 1.0));
  if (f > 0) dl->AddRectFilled(a, ImVec2(a.x + bs.x * f, b.y), IM_COL32(255, 255, 255, 70), px(10));
  dl->AddRect(a, b, IM_COL32(255, 255, 255, 140), px(10), 0, px(2));
  const char* hint = "Press and hold 2 s to hide for 20 s";
  ImVec2 ts = ImGui::CalcTextSize(hint);
  dl->AddText(ImVec2(a.x + (bs.x - ts.x) / 2, a.y + (bs.y - ts.y) / 2), color::text, hint);
}

}  // namespace aups::ui
