#include "core/model.hpp"

namespace aups {

const char* protection_name(Protection p) {
  switch (p) {
    case Protection::CellOverVoltage: return "cell_ovp";
    case Protection::CellUnderVoltage: return "cell_uvp";
    case Protection::DischargeOverCurrent: return "discharge_ocp";
    case Protection::ChargeOverCurrent: return "charge_ocp";
    case Protection::ChargeOverTemperature: return "charge_otp";
    case Protection::DischargeOverTemperature: return "discharge_otp";
  }
  return "unknown";
}

}  // namespace aups
