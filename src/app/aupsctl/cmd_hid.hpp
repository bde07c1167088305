#pragma once
// The `aupsctl hid` command group. Each cmd_hid*.cpp adds its commands to it; registration
// order is not fixed, so the group is created by whichever file asks first.
#include <CLI/CLI.hpp>

namespace aups::ctl {

CLI::App& hid_group(CLI::App& root);

}  // namespace aups::ctl
