// Network (manual 4.4.4): host name with SET, DHCP, static IP fields typed on an on-screen
// keypad; invalid entries are marked and cannot be applied.
#include <algorithm>

#include "ui/changes.hpp"
#include "ui/theme.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace aups::ui {
using nlohmann::json;

namespace {
struct IpField { const char* name; std::string NetworkSettings::*field; bool required; const char* label; };
const IpField kIpFields[] = {{"ip", &NetworkSettings::ip, true, "IP address"},
                             {"netmask", &NetworkSettings::netmask, true, "Subnet mask"},
                             {"gateway", &NetworkSettings::gateway, false, "Gateway"},
                             {"dns", &NetworkSettings::dns, false, "DNS server"}};

std::string* editor_target(NetworkSettings& n, const std::string& field) {
  if (field == "hostname") return &n.hostname;
  for (auto& f : kIpFields)
    if (field == f.name) return &(n.*f.field);
  return nullptr;
}

void label_cell(const char* text) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  ImGui::SameLine(px(170));
}

void mark_invalid(bool bad) {
  if (!bad) return;
  ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), color::bad, px(8), 0, px(3));
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::bad), "invalid");
}

void draw_editor(ViewCtx& c, NetworkSettings& edit) {
  auto& ed = c.ui.editor;
  bool host = ed.kind == Editor::Hostname;
  const char* what = host ? "Host name" : "IP address";
  for (auto& f : kIpFields)
    if (ed.field == f.name) what = f.label;
  bool ok = host ? valid_hostname(ed.buffer) : (ed.buffer.empty() ? ed.field == "gateway" || ed.field == "dns"
                                                                   : parse_ipv4(ed.buffer).has_value());
  ImGui::PushFont(fonts().title);
  ImGui::Text("%s:", what);
  ImGui::SameLine();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ok ? color::text : color::bad), "%s_", ed.buffer.c_str());
  ImGui::PopFont();
  if (!ok) notice(c.ui.trace, host ? "Letters, digits and '-' only; not starting or ending with '-'."
                                   : "Four numbers 0\u2013255 separated by dots, like 192.168.1.20.", color::bad);
  KeyResult r = host ? hostname_keyboard(c.ui.trace, ed, 63) : numeric_keypad(c.ui.trace, ed.buffer, true, 15);
  if (r == KeyResult::Done) {
    if (std::string* t = editor_target(edit, ed.field)) *t = ed.buffer;
    c.ui.staged_network = edit;
    ed = Editor{};
  } else if (r == KeyResult::Cancel) {
    ed = Editor{};
  }
}
}  // namespace

void page_network(ViewCtx& c) {
  const auto& s = c.s;
  auto& ui = c.ui;
  auto& tr = ui.trace;
  NetworkSettings edit = ui.staged_network.value_or(s.network.value_or(NetworkSettings{}));
  if (ui.editor.kind != Editor::None) {
    draw_editor(c, edit);
    return;
  }
  if (!s.network) notice(tr, "Network settings not read from the UPS yet.", color::dim);
  if (s.write_pending) notice(tr, "Writing to the UPS\u2026", color::accent);
  const NetworkSettings ups = s.network.value_or(NetworkSettings{});
  float field_w = px(300);

  label_cell("Host name");
  bool host_ok = valid_hostname(edit.hostname);
  if (touch_button(tr, "net:hostname", edit.hostname.empty() ? "(empty)" : edit.hostname.c_str(), ImVec2(field_w, 0)))
    ui.editor = Editor{Editor::Hostname, "hostname", edit.hostname};
  mark_invalid(!host_ok);
  ImGui::SameLine();
  if (touch_button(tr, "net:set", "SET", ImVec2(px(90), 0), host_ok && edit.hostname != ups.hostname, color::accent)) {
    ui.review = ApplyChanges{};
    ui.review.network = json{{"aups.net.hostname", edit.hostname}};
    ui.step = UiState::Step::Review;
  }

  label_cell("DHCP");
  if (toggle_switch(tr, "net:dhcp", &edit.dhcp)) ui.staged_network = edit;
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::dim), "UPS: %s", ups.dhcp ? "DHCP" : "static");

  auto check = check_network(edit);
  for (auto& f : kIpFields) {
    label_cell(f.label);
    const std::string& v = edit.*f.field;
    bool bad = !edit.dhcp && ((f.required || !v.empty()) && !parse_ipv4(v) ? true : !check && check.error().field == f.name);
    std::string id = std::string("net:") + f.name;
    if (touch_button(tr, id.c_str(), v.empty() ? "(empty)" : v.c_str(), ImVec2(field_w, 0), !edit.dhcp))
      ui.editor = Editor{Editor::Ipv4, f.name, v};
    mark_invalid(bad);
  }

  json diff = network_diff(s, ui);
  diff.erase("aups.net.hostname");  // SET applies the host name on its own
  if (edit.dhcp)  // static fields are not used with DHCP; don't send them
    for (auto& f : kIpFields) diff.erase(std::string("aups.net.") + f.name);
  bool valid = check.ok();
  if (!valid) notice(tr, "Cannot apply: " + check.error().message, color::bad);
  float bar_y = ImGui::GetWindowHeight() - target_px() - ImGui::GetStyle().WindowPadding.y - px(4);
  ImGui::SetCursorPosY(std::max(bar_y, ImGui::GetCursorPosY()));
  if (touch_button(tr, "net:discard", "Discard", ImVec2(px(140), 0), ui.staged_network.has_value()))
    ui.staged_network.reset();
  ImGui::SameLine();
  if (touch_button(tr, "net:apply", "Apply\u2026", ImVec2(px(180), 0), valid && !diff.empty(), color::accent)) {
    ui.review = ApplyChanges{};
    ui.review.network = diff;
    ui.step = UiState::Step::Review;
  }
}

}  // namespace aups::ui
