#include <algorithm>

#include <GL/gl.h>

#include "app/aups-overlay/backend.hpp"

#include <imgui.h>
#include <imgui_impl_opengl3.h>

namespace aups::overlay {

void render_gl_frame(int w, int h) {
  glViewport(0, 0, w, h);
  glClearColor(0, 0, 0, 0);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

std::vector<std::uint8_t> read_gl_back_buffer(int w, int h) {
  std::vector<std::uint8_t> px(static_cast<std::size_t>(w) * h * 4), out(px.size());
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  std::size_t row = static_cast<std::size_t>(w) * 4;
  for (int y = 0; y < h; ++y)  // GL's first row is the bottom one
    std::copy_n(px.data() + (h - 1 - y) * row, row, out.data() + y * row);
  return out;
}

}  // namespace aups::overlay
