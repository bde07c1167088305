#include "ui/ui_state.hpp"

namespace aups::ui {

const char* tab_label(Tab t) {
  switch (t) {
    case Tab::Main: return "Main Info";
    case Tab::Hardware: return "Hardware Info";
    case Tab::History: return "History";
    case Tab::Events: return "Events";
    case Tab::Settings: return "Settings";
    case Tab::Network: return "Network";
    case Tab::Diagnostics: return "Diagnostics";
  }
  return "";
}

const char* tab_id(Tab t) {
  switch (t) {
    case Tab::Main: return "main";
    case Tab::Hardware: return "hardware";
    case Tab::History: return "history";
    case Tab::Events: return "events";
    case Tab::Settings: return "settings";
    case Tab::Network: return "network";
    case Tab::Diagnostics: return "diagnostics";
  }
  return "";
}

std::optional<Tab> tab_from_id(std::string_view id) {
  for (Tab t : kTabs)
    if (id == tab_id(t)) return t;
  return std::nullopt;
}

const Target* FrameTrace::find(std::string_view id) const {
  for (auto& t : targets)
    if (t.id == id) return &t;
  return nullptr;
}

bool FrameTrace::has_notice(std::string_view part) const {
  for (auto& n : notices)
    if (n.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace aups::ui
