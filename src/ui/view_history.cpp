// History: charge, load and runtime over time, drawn with ImGui's draw lists.
#include <algorithm>
#include <cmath>
#include <functional>

#include "ui/theme.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace aups::ui {

namespace {
using Getter = std::function<std::optional<double>(const HistorySample&)>;

void plot(const std::vector<HistorySample>& h, double t0, double t1, const char* name, const char* unit,
          const Getter& get, double min_max, bool fixed, ImU32 col, float height) {
  double vmax = min_max;  // the scale's top: min_max, or more to fit the data unless fixed
  std::optional<double> last;
  for (auto& s : h)
    if (auto v = get(s)) {
      if (!fixed) vmax = std::max(vmax, *v * 1.1);
      last = v;
    }
  if (vmax <= 0) vmax = 1;
  ImGui::PushFont(fonts().bold);
  ImGui::Text("%s", name);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "now %s   scale 0\u2013%.0f %s",
                     fmt_number(last, unit, 0).c_str(), vmax, unit);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 a = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x;
  ImVec2 b(a.x + w, a.y + height);
  dl->AddRectFilled(a, b, IM_COL32(20, 22, 26, 255), px(4));
  auto X = [&](double t) { return a.x + static_cast<float>((t - t0) / (t1 - t0)) * w; };
  auto Y = [&](double v) { return b.y - static_cast<float>(std::clamp(v / vmax, 0.0, 1.0)) * height; };
  for (int i = 1; i < 4; ++i) {
    float y = a.y + height * i / 4;
    dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), IM_COL32(60, 64, 72, 255));
  }
  // Shade the time on battery.
  for (std::size_t i = 0; i + 1 < h.size(); ++i)
    if (!h[i].mains) dl->AddRectFilled(ImVec2(std::max(a.x, X(h[i].t)), a.y), ImVec2(std::min(b.x, X(h[i + 1].t)), b.y),
                                       IM_COL32(240, 165, 30, 40));
  std::vector<ImVec2> line;
  auto flush = [&] {
    if (line.size() > 1) dl->AddPolyline(line.data(), static_cast<int>(line.size()), col, 0, px(2));
    line.clear();
  };
  for (auto& s : h) {
    auto v = get(s);
    if (!v || s.t < t0 || s.t > t1) { flush(); continue; }
    line.emplace_back(X(s.t), Y(*v));
  }
  flush();
  ImGui::Dummy(ImVec2(w, height + px(4)));
}
}  // namespace

void page_history(ViewCtx& c) {
  struct { const char* id; const char* label; double span; } ranges[] = {
      {"history:1h", "1 h", 3600}, {"history:6h", "6 h", 6 * 3600}, {"history:24h", "24 h", 86400},
      {"history:7d", "7 d", 7 * 86400}};
  for (auto& r : ranges) {
    if (&r != ranges) ImGui::SameLine();
    bool cur = c.ui.history_span_s == r.span;
    if (touch_button(c.ui.trace, r.id, r.label, ImVec2(px(80), 0), true, cur ? color::accent : 0) && !cur) {
      c.ui.history_span_s = r.span;
      c.intents.push_back(Fetch{Fetch::History, c.unix_s - r.span});
    }
  }
  const auto& h = c.s.history;
  double t1 = c.unix_s, t0 = t1 - c.ui.history_span_s;
  if (h.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "No history yet.");
    return;
  }
  float ph = std::max(px(60), (ImGui::GetContentRegionAvail().y - 3 * (ImGui::GetTextLineHeightWithSpacing() + px(12))) / 3);
  plot(h, t0, t1, "Charge", "%", [](auto& s) { return s.charge; }, 100, true, color::ok, ph);
  plot(h, t0, t1, "Load", "W", [](auto& s) { return s.load_w; }, 10, false, color::accent, ph);
  plot(h, t0, t1, "Runtime", "min", [](auto& s) { return s.runtime_s ? std::optional(*s.runtime_s / 60) : std::nullopt; },
       10, false, color::warn, ph);
}

}  // namespace aups::ui
