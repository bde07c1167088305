#include <atomic>
#include <cmath>

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <GL/gl.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "app/aups-overlay/backend.hpp"

// Last: X11's macros (None, Bool, ...) must not leak into the headers above.
#include <dlfcn.h>
#define GLFW_EXPOSE_NATIVE_X11
#include <GLFW/glfw3native.h>
#include <X11/Xutil.h>

namespace aups::overlay {
namespace {

// X11: WM_HINTS input=False tells the window manager the overlay takes no keyboard input, so a
// tap never moves the focus away from the kiosk app. libX11 is already loaded (GLFW needs it);
// looked up at run time so the build needs no X11 link of its own.
void refuse_keyboard_focus(GLFWwindow* w) {
  using SetHints = int (*)(Display*, ::Window, XWMHints*);
  auto set = reinterpret_cast<SetHints>(dlsym(RTLD_DEFAULT, "XSetWMHints"));
  Display* d = glfwGetX11Display();
  if (!set || !d) return;
  XWMHints hints{};
  hints.flags = InputHint;
  hints.input = False;
  set(d, glfwGetX11Window(w), &hints);
}

std::atomic<bool> g_input{false};
std::atomic<bool> g_repaint{false};

class GlfwBackend final : public Backend {
 public:
  ~GlfwBackend() override { close(); }

  // Result<void>, not Status: Xlib #defines Status.
  Result<void> open(int w, int h, bool visible) override {
    if (!glfwInit()) return Error{"cannot initialise GLFW (no display?)"};
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
    glfwWindowHint(GLFW_FLOATING, GLFW_TRUE);
    glfwWindowHint(GLFW_TRANSPARENT_FRAMEBUFFER, GLFW_TRUE);
    glfwWindowHint(GLFW_FOCUS_ON_SHOW, GLFW_FALSE);  // never steal focus from the kiosk app
    glfwWindowHint(GLFW_FOCUSED, GLFW_FALSE);
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);  // shown once the window manager hints are set
    win_ = glfwCreateWindow(w, h, "aups-overlay", nullptr, nullptr);
    if (!win_) {
      glfwTerminate();
      return Error{"cannot create an OpenGL 3 window"};
    }
    refuse_keyboard_focus(win_);
    if (visible) glfwShowWindow(win_);
    glfwMakeContextCurrent(win_);
    glfwSwapInterval(1);
    // Ours first; ImGui's backend chains to them, so any input marks the next frame as needed.
    glfwSetCursorPosCallback(win_, [](GLFWwindow*, double, double) { g_input = true; });
    glfwSetMouseButtonCallback(win_, [](GLFWwindow*, int, int, int) { g_input = true; });
    glfwSetScrollCallback(win_, [](GLFWwindow*, double, double) { g_input = true; });
    glfwSetKeyCallback(win_, [](GLFWwindow*, int, int, int, int) { g_input = true; });
    glfwSetCharCallback(win_, [](GLFWwindow*, unsigned) { g_input = true; });
    glfwSetCursorEnterCallback(win_, [](GLFWwindow*, int) { g_input = true; });
    glfwSetWindowFocusCallback(win_, [](GLFWwindow*, int) { g_input = true; });
    glfwSetWindowSizeCallback(win_, [](GLFWwindow*, int, int) { g_input = true; });
    glfwSetWindowRefreshCallback(win_, [](GLFWwindow*) { g_input = g_repaint = true; });
    ImGui_ImplGlfw_InitForOpenGL(win_, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return {};
  }

  Rect work_area() override {
    Rect r{0, 0, 1280, 800};
    if (GLFWmonitor* m = glfwGetPrimaryMonitor()) glfwGetMonitorWorkarea(m, &r.x, &r.y, &r.w, &r.h);
    return r;
  }

  void place(const Rect& r) override {
    glfwSetWindowSize(win_, r.w, r.h);
    glfwSetWindowPos(win_, r.x, r.y);
  }

  bool wait(double timeout_s) override {
    if (timeout_s < 0) glfwWaitEvents();
    else if (timeout_s > 0) glfwWaitEventsTimeout(timeout_s);
    else glfwPollEvents();
    return g_input.exchange(false);
  }

  void wake() override { glfwPostEmptyEvent(); }
  bool take_repaint() override { return g_repaint.exchange(false); }
  bool should_close() override { return glfwWindowShouldClose(win_); }

  void new_frame() override {
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
  }

  void present(bool swap) override {
    int w, h;
    glfwGetFramebufferSize(win_, &w, &h);
    render_gl_frame(w, h);
    if (swap) glfwSwapBuffers(win_);
  }

  std::vector<std::uint8_t> read_pixels(int* w, int* h) override {
    glfwGetFramebufferSize(win_, w, h);
    return read_gl_back_buffer(*w, *h);
  }

  void close() override {
    if (!win_) return;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    glfwDestroyWindow(win_);
    glfwTerminate();
    win_ = nullptr;
  }

 private:
  GLFWwindow* win_ = nullptr;
};

}  // namespace

std::unique_ptr<Backend> make_glfw_backend() { return std::make_unique<GlfwBackend>(); }

}  // namespace aups::overlay
