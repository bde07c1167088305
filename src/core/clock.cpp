#include "core/clock.hpp"

namespace aups {

double unix_time_s() {
  return std::chrono::duration_cast<Seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace aups
