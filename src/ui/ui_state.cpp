#include "ui/ui_state.hpp"

namespace aups::ui {

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
