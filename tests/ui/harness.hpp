#pragma once
// A headless overlay: an ImGui context without a window or renderer, fed simulated touches.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <imgui.h>

#include "ui/agent_link.hpp"
#include "ui/overlay_view.hpp"
#include "ui/sample_state.hpp"
#include "ui/theme.hpp"

namespace aups::ui::test {

struct Harness {
  OverlayState s;
  UiState ui;
  double now = 1000.0;
  double unix_s = 1764075600.0;
  ImVec2 panel{1024, 600};
  std::vector<Intent> intents;
  FrameResult last;

  // One Harness at a time: the theme's fonts belong to the newest context.
  explicit Harness(std::string_view sample = "online") {
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    setup_theme(1.0f);
    unsigned char* px;
    int w, h;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);  // no renderer: build the atlas ourselves
    s = state_from_json(sample_state_json(sample, unix_s), now, unix_s);
    frame();
  }
  ~Harness() { ImGui::DestroyContext(ctx_); }
  Harness(const Harness&) = delete;
  Harness& operator=(const Harness&) = delete;

  Presentation frame(double dt = 1.0 / 60) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = static_cast<float>(dt);
    io.DisplaySize = preferred_size(presentation(s, ui, now), panel);
    ImGui::NewFrame();
    last = draw_overlay(s, ui, now, unix_s);
    ImGui::Render();
    intents.insert(intents.end(), last.intents.begin(), last.intents.end());
    return last.presentation;
  }

  const Target& target(std::string_view id) {
    const Target* t = ui.trace.find(id);
    INFO("target " << id);
    REQUIRE(t != nullptr);
    return *t;
  }

  // A finger: move there, press, release (ImGui buttons act on release inside).
  void tap(std::string_view id) {
    const Target t = target(id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);  // the finger lifts: no hover left behind
    frame();
  }

  // Press at id and keep the finger down for seconds of Clock time.
  void hold(std::string_view id, double seconds) {
    const Target t = target(id);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((t.min.x + t.max.x) / 2, (t.min.y + t.max.y) / 2);
    frame();
    io.MouseDown[0] = true;
    for (double held = 0; held < seconds; held += 0.1) {
      now += 0.1;
      frame(0.1);
    }
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame();
  }

  ImGuiContext* ctx_ = nullptr;

  template <class T> std::vector<T> intents_of() const {
    std::vector<T> out;
    for (auto& i : intents)
      if (auto* x = std::get_if<T>(&i)) out.push_back(*x);
    return out;
  }
};

// An agent that records requests and answers from a function.
struct FakeAgent : AgentLink {
  std::vector<nlohmann::json> requests;
  std::function<nlohmann::json(const nlohmann::json&)> reply;
  Handlers handlers;
  nlohmann::json request(const nlohmann::json& r) override {
    requests.push_back(r);
    return reply ? reply(r) : nlohmann::json{{"ok", true}};
  }
  void subscribe(Handlers h) override { handlers = std::move(h); }
};

}  // namespace aups::ui::test
