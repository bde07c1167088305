#include "ui/theme.hpp"

#include <filesystem>

namespace aups::ui {
namespace {
Fonts g_fonts;
float g_scale = 1.0f;

constexpr const char* kRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

// Latin-1 plus the few symbols the views use (dashes, bullets, arrows, backspace, shift).
const ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x2013, 0x2014, 0x2022, 0x2022, 0x2026, 0x2026,
                               0x2190, 0x2193, 0x21E7, 0x21E7, 0x2212, 0x2212, 0x232B, 0x232B, 0x25B2, 0x25BC, 0};
const ImWchar kDigitRanges[] = {0x0020, 0x003F, 0x2013, 0x2014, 0};
}  // namespace

const Fonts& fonts() { return g_fonts; }
float ui_scale() { return g_scale; }

bool setup_theme(float scale) {
  g_scale = scale;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  bool have = std::filesystem::exists(kRegular) && std::filesystem::exists(kBold);
  if (have) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    g_fonts.body = io.Fonts->AddFontFromFileTTF(kRegular, 20 * scale, &cfg, kTextRanges);
    g_fonts.bold = io.Fonts->AddFontFromFileTTF(kBold, 20 * scale, &cfg, kTextRanges);
    g_fonts.title = io.Fonts->AddFontFromFileTTF(kBold, 30 * scale, &cfg, kTextRanges);
    g_fonts.huge = io.Fonts->AddFontFromFileTTF(kBold, 120 * scale, &cfg, kDigitRanges);
    have = g_fonts.body && g_fonts.bold && g_fonts.title && g_fonts.huge;
  }
  if (!have) {  // readable, if plain: the built-in font, enlarged
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.SizePixels = 20 * scale;
    g_fonts.body = g_fonts.bold = io.Fonts->AddFontDefault(&cfg);
    cfg.SizePixels = 30 * scale;
    g_fonts.title = io.Fonts->AddFontDefault(&cfg);
    cfg.SizePixels = 96 * scale;
    g_fonts.huge = io.Fonts->AddFontDefault(&cfg);
  }
  io.FontDefault = g_fonts.body;

  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.WindowBorderSize = 0;
  style.WindowPadding = ImVec2(12, 12);
  style.FramePadding = ImVec2(14, 14);  // 20 px text + 2 * 14 = 48 px targets
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(10, 8);
  style.FrameRounding = 8;
  style.GrabRounding = 8;
  style.ScrollbarSize = 28;  // a finger can drag it
  style.GrabMinSize = 40;
  style.TouchExtraPadding = ImVec2(4, 4);
  style.Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(color::panel);
  style.Colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(color::panel_light);
  style.Colors[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(color::panel_light);  // no hover-only cue
  style.Colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(color::accent);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
  return have;
}

}  // namespace aups::ui
