#include <algorithm>

#include <GL/gl.h>

#include "app/aups-overlay/backend.hpp"

namespace aups::overlay {

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
