// The expanded panel: a top bar, a rail of tabs, and the read-only pages.
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/led.hpp"
#include "ui/pages.hpp"
#include "ui/theme.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace aups::ui {

namespace {
void top_bar(ViewCtx& c) {
  const auto& s = c.s;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  float h = target_px(), w = ImGui::GetContentRegionAvail().x;
  ImU32 col = s.status.mains_present ? color::ok : color::warn;
  draw_battery(dl, ImVec2(p.x, p.y + h * 0.22f), ImVec2(p.x + px(52), p.y + h * 0.78f), s.status.charge_pct, col);
  ImGui::SetCursorScreenPos(ImVec2(p.x + px(64), p.y));
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts().bold);
  std::string line = fmt_number(s.status.charge_pct, "%");
  if (!s.agent_reachable) line = "Power protection is not running";
  else if (s.status.mains_present) line += "   On mains   \u2022   runtime " + fmt_duration(s.status.runtime_s);
  else line += "   ON BATTERY   \u2022   runtime " + fmt_duration(s.status.runtime_s);
  if (auto left = action_remaining_s(s, c.now_s)) line += "   \u2022   " + s.plan.action + " in " + fmt_mmss(*left);
  ImGui::PushStyleColor(ImGuiCol_Text, s.agent_reachable ? color::text : color::bad);
  ImGui::TextUnformatted(line.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SameLine(w - px(130) + ImGui::GetStyle().WindowPadding.x);
  if (touch_button(c.ui.trace, "panel:close", "Close", ImVec2(px(130), 0))) {
    c.ui.expanded = false;
    c.ui.editor = Editor{};
  }
}

void tab_rail(ViewCtx& c) {
  for (const Page& page : pages()) {
    bool current = c.ui.tab == page.id;
    std::string id = std::string("tab:") + page.id;
    if (touch_button(c.ui.trace, id.c_str(), page.label, ImVec2(px(190), px(54)), true,
                     current ? color::accent : 0) && !current) {
      c.ui.tab = page.id;
      c.ui.step = UiState::Step::Edit;
      c.ui.editor = Editor{};
      if (page.fetches) {
        Fetch f{*page.fetches};
        if (f.what == Fetch::History) f.since_s = c.unix_s - c.ui.history_span_s;  // the span shown
        c.intents.push_back(f);
      }
    }
  }
}
}  // namespace

void draw_panel(ViewCtx& c) {
  top_bar(c);
  ImGui::Separator();
  ImGui::BeginGroup();
  tab_rail(c);
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginChild("page", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollWithMouse);
  draw_state_notices(c);
  if (const Page* page = find_page(c.ui.tab)) {
    if (page->reviews_changes && c.ui.step == UiState::Step::Review) draw_review(c);
    else page->draw(c);
  }
  ImGui::EndChild();
}

namespace {
std::string or_dash(const std::string& v) { return v.empty() ? "\u2014" : v; }
void title(const char* t) {
  ImGui::PushFont(fonts().title);
  ImGui::TextUnformatted(t);
  ImGui::PopFont();
  ImGui::Spacing();
}
}  // namespace

void page_main(ViewCtx& c) {
  const auto& id = c.s.identity;
  title("Main Info");
  field_row("Manufacturer", or_dash(id.manufacturer));
  field_row("Model", or_dash(id.model));
  field_row("F/W Version", or_dash(id.firmware));
  field_row("Name", or_dash(id.name));
  field_row("SN", or_dash(id.serial));
}

void page_hardware(ViewCtx& c) {
  const auto& st = c.s.status;
  title("Hardware Info");
  std::string cap = fmt_number(st.full_charge_capacity_ah, "Ah", 2);
  if (st.design_capacity_ah) cap += " of " + fmt_number(st.design_capacity_ah, "Ah", 2);
  field_row("Battery capacity", cap);
  if (st.full_charge_capacity_ah && st.design_capacity_ah && *st.design_capacity_ah > 0)
    field_row("Battery health", fmt_number(100 * *st.full_charge_capacity_ah / *st.design_capacity_ah, "%"));
  field_row("Charge", fmt_number(st.charge_pct, "%"));
  field_row("Temperature", fmt_number(st.temperature_c, "\u00B0C", 1),
            st.temperature_c && *st.temperature_c > 40 ? color::warn : 0);
  field_row("Fully charged in", st.flags.has(StatusFlag::CHRG) ? fmt_duration(st.time_to_full_s) : "\u2014 (not charging)");
  field_row("Remaining time", fmt_duration(st.runtime_s));
  std::string bs = st.flags.has(StatusFlag::CHRG) ? "Charging" : st.flags.has(StatusFlag::DISCHRG) ? "Discharging"
                   : st.charge_pct && *st.charge_pct > 94 ? "Full" : "Idle";
  field_row("Battery status", bs + "  (" + st.flags.to_string() + ")");
  field_row("Cycle count", st.cycle_count ? std::to_string(*st.cycle_count) : "\u2014");
  field_row("Battery", fmt_number(st.battery_voltage, "V", 2) + "   " + fmt_number(st.battery_current, "A", 2));
  field_row("Input / output", fmt_number(st.input_voltage, "V", 1) + "   " + fmt_number(st.output_power_w, "W", 1) +
                                   "   (" + fmt_number(st.load_pct, "%") + " load)");
  std::string trips;
  for (Protection p : kAllProtections)
    if (st.protections.has(p)) trips += std::string(trips.empty() ? "" : ", ") + protection_name(p);
  field_row("Protection", trips.empty() ? "none tripped" : trips, trips.empty() ? 0 : color::bad);
}

void page_diagnostics(ViewCtx& c) {
  const auto& s = c.s;
  title("Diagnostics");
  field_row("Source", or_dash(s.source.uri));
  field_row("Transport", or_dash(s.source.transport) + (s.source.simulated ? "  (SIMULATED)" : ""),
            s.source.simulated ? color::warn : 0);
  field_row("Connected", s.source.connected ? "yes" : "no", s.source.connected ? 0 : color::bad);
  double age = s.source.age_s.value_or(0) + std::max(0.0, c.now_s - s.received_s);
  field_row("Data age", s.have_snapshot ? fmt_number(age, "s", 1) + (s.source.stale ? "  (stale)" : "") : "\u2014",
            s.source.stale ? color::warn : 0);
  field_row("Agent", s.agent_reachable ? "aupsd " + or_dash(s.agent_version) : "not running",
            s.agent_reachable ? 0 : color::bad);
  field_row("Plan", s.plan.state + " / " + s.plan.action + (s.plan.dry_run ? " (dry run)" : ""));
  field_row("To 2 % / empty", fmt_duration(s.plan.runtime_to_2pct_s) + "  /  " + fmt_duration(s.plan.runtime_to_empty_s));
  ImGui::Spacing();
  // The front panel's LEDs, blinking as the manual's Table 1-1 says.
  LedState leds = derive_leds(s.status);
  struct { const char* name; Led led; ImU32 col; } rows[] = {
      {"Power input", leds.green, IM_COL32(60, 220, 80, 255)},
      {"Charger", leds.yellow, IM_COL32(250, 220, 40, 255)},
      {"Battery", leds.orange, IM_COL32(255, 140, 20, 255)}};
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (auto& r : rows) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float rad = px(14);
    draw_led(dl, ImVec2(p.x + rad + px(4), p.y + target_px() / 2), rad, r.col, led_lit(r.led, c.now_s));
    ImGui::SetCursorScreenPos(ImVec2(p.x + px(48), p.y));
    float x = ImGui::GetCursorPosX();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(r.name);
    ImGui::SameLine(x + px(150));
    std::string state(led_name(r.led));
    std::replace(state.begin(), state.end(), '_', ' ');
    ImGui::TextUnformatted(state.c_str());
  }
}

// Its data age ticks each second and its LEDs blink.
double diagnostics_next_frame_s(const OverlayState& s, double now_s) {
  double next = std::numeric_limits<double>::infinity();
  if (!s.have_snapshot) return next;
  next = next_age_tick_s(s, now_s);
  LedState leds = derive_leds(s.status);
  for (Led l : {leds.green, leds.yellow, leds.orange}) {
    if (l == Led::BlinkSlow) next = std::min(next, next_boundary(now_s, 0.5));
    if (l == Led::BlinkFast) next = std::min(next, next_boundary(now_s, 0.125));
  }
  return next;
}

void page_events(ViewCtx& c) {
  title("Events");
  if (touch_button(c.ui.trace, "events:refresh", "Refresh")) c.intents.push_back(Fetch{Fetch::Events});
  ImGui::BeginChild("events", ImVec2(0, 0), false);
  if (c.s.events.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "No events yet.");
  for (auto it = c.s.events.rbegin(); it != c.s.events.rend(); ++it) {
    ImU32 col = it->severity == "critical" ? color::bad : it->severity == "warning" ? color::warn : color::text;
    ImGui::PushStyleColor(ImGuiCol_Text, color::dim);
    ImGui::TextUnformatted(fmt_clock(it->t).c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine(px(110));
    ImGui::PushStyleColor(ImGuiCol_Text, col);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted((it->message.empty() ? it->kind : it->message).c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  // Touch scrolling: drag the list with a finger.
  if (ImGui::IsWindowHovered() && ImGui::IsMouseDragging(0))
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
  ImGui::EndChild();
}

}  // namespace aups::ui
