// libFuzzer target: any bytes as aupsd's config file (agent::parse_config, TOML then strict
// keys). Either it is refused with a line inside the input and a message, or the config it
// yields keeps every bound the parser promises (so a typo never turns a safety feature off).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>

#include "agent/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace aups::agent;
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_config(text, "fuzz.toml");
  if (auto* e = std::get_if<ConfigError>(&parsed)) {
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    if (e->line < 0 || static_cast<std::size_t>(e->line) > lines || e->message.empty() || e->file != "fuzz.toml")
      __builtin_trap();
    (void)e->to_string();
    return 0;
  }
  const AgentConfig& c = std::get<AgentConfig>(parsed);
  if (c.device.empty() || c.max_clients < 1 || c.max_clients > 10000) __builtin_trap();
  if (!(c.hook_timeout_s >= 0.1 && c.hook_timeout_s <= 600)) __builtin_trap();
  if (!c.pin_hash.empty() && c.pin_hash.rfind("$argon2", 0) != 0) __builtin_trap();
  (void)aups::policy::to_json(c.policy).dump();
  return 0;
}
