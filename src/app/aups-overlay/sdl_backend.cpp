// SDL2: the touch-first backend (finger events arrive as SDL touch events, mirrored as mouse).
#include <utility>

#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include "app/aups-overlay/backend.hpp"

namespace aups::overlay {
namespace {

class SdlBackend final : public Backend {
 public:
  ~SdlBackend() override { close(); }

  Status open(int w, int h, bool visible) override {
    SDL_SetHint(SDL_HINT_MOUSE_FOCUS_CLICKTHROUGH, "1");  // the first tap acts, without focusing first
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
      return Error{std::string("cannot initialise SDL: ") + SDL_GetError()};
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_ALPHA_SIZE, 8);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_BORDERLESS | SDL_WINDOW_ALWAYS_ON_TOP | SDL_WINDOW_SKIP_TASKBAR |
                   (visible ? SDL_WINDOW_SHOWN : SDL_WINDOW_HIDDEN);
    win_ = SDL_CreateWindow("aups-overlay", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED, w, h, flags);
    if (!win_) {
      Error error{std::string("cannot create a window: ") + SDL_GetError()};
      SDL_Quit();
      return error;
    }
    gl_ = SDL_GL_CreateContext(win_);
    SDL_GL_MakeCurrent(win_, gl_);
    SDL_GL_SetSwapInterval(1);
    wake_type_ = SDL_RegisterEvents(1);
    ImGui_ImplSDL2_InitForOpenGL(win_, gl_);
    ImGui_ImplOpenGL3_Init("#version 130");
    return {};
  }

  Rect work_area() override {
    SDL_Rect r{0, 0, 1280, 800};
    SDL_GetDisplayUsableBounds(0, &r);
    return {r.x, r.y, r.w, r.h};
  }

  void place(const Rect& r) override {
    SDL_SetWindowSize(win_, r.w, r.h);
    SDL_SetWindowPosition(win_, r.x, r.y);
  }

  bool wait(double timeout_s) override {
    SDL_Event e;
    bool input = false;
    int got = timeout_s < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, static_cast<int>(timeout_s * 1000 + 0.5));
    while (got) {
      if (e.type == SDL_QUIT) quit_ = true;
      if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_EXPOSED) repaint_ = true;
      if (e.type != wake_type_) {
        ImGui_ImplSDL2_ProcessEvent(&e);
        input = true;
      }
      got = SDL_PollEvent(&e);
    }
    return input;
  }

  void wake() override {
    SDL_Event e{};
    e.type = wake_type_;
    SDL_PushEvent(&e);
  }
  bool should_close() override { return quit_; }
  bool take_repaint() override { return std::exchange(repaint_, false); }

  void new_frame() override {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
  }

  void present(bool swap) override {
    int w, h;
    SDL_GL_GetDrawableSize(win_, &w, &h);
    render_gl_frame(w, h);
    if (swap) SDL_GL_SwapWindow(win_);
  }

  std::vector<std::uint8_t> read_pixels(int* w, int* h) override {
    SDL_GL_GetDrawableSize(win_, w, h);
    return read_gl_back_buffer(*w, *h);
  }

  void close() override {
    if (!win_) return;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    SDL_GL_DeleteContext(gl_);
    SDL_DestroyWindow(win_);
    SDL_Quit();
    win_ = nullptr;
  }

 private:
  SDL_Window* win_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  Uint32 wake_type_ = 0;
  bool quit_ = false;
  bool repaint_ = false;
};

}  // namespace

std::unique_ptr<Backend> make_sdl_backend() { return std::make_unique<SdlBackend>(); }

}  // namespace aups::overlay
