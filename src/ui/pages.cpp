#include "ui/pages.hpp"

namespace aups::ui {

// The page views (view_*.cpp); nothing but this table calls them.
void page_main(ViewCtx& c);
void page_hardware(ViewCtx& c);
void page_history(ViewCtx& c);
void page_events(ViewCtx& c);
void page_settings(ViewCtx& c);
void page_network(ViewCtx& c);
void page_diagnostics(ViewCtx& c);
double diagnostics_next_frame_s(const OverlayState& s, double now_s);

namespace {
// In rail order.
const Page kPages[] = {
    {"main", "Main Info", page_main, {}},
    {"hardware", "Hardware Info", page_hardware, {}},
    {"history", "History", page_history, Fetch::History},
    {"events", "Events", page_events, Fetch::Events},
    {"settings", "Settings", page_settings, Fetch::Settings, true},
    {"network", "Network", page_network, Fetch::Settings, true},
    {"diagnostics", "Diagnostics", page_diagnostics, {}, false, diagnostics_next_frame_s},
};
}  // namespace

std::span<const Page> pages() { return kPages; }

const Page* find_page(std::string_view id) {
  for (const Page& p : kPages)
    if (id == p.id) return &p;
  return nullptr;
}

}  // namespace aups::ui
