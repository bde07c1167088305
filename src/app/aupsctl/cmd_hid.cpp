// `aupsctl hid parse FILE`: a report descriptor written as hex, printed as NUT's usbhid-ups
// -DDDDD lines (or JSON), for checking a device's descriptor without the device.
#include "app/aupsctl/cmd_hid.hpp"

#include <iostream>

#include <nlohmann/json.hpp>

#include "app/aupsctl/command.hpp"
#include "hid/report_descriptor.hpp"
#include "platform/atomic_file.hpp"

namespace aups::ctl {

CLI::App& hid_group(CLI::App& root) {
  for (CLI::App* sub : root.get_subcommands([](CLI::App* a) { return a->get_name() == "hid"; }))
    return *sub;
  CLI::App* hid = root.add_subcommand("hid", "USB HID diagnostics (descriptors, devices, reports)");
  hid->require_subcommand(1);
  return *hid;
}

namespace {

nlohmann::ordered_json field_json(const hid::HidField& f) {
  return {{"path", f.path},
          {"type", std::string(hid::to_string(f.type))},
          {"report_id", f.report_id},
          {"offset", f.bit_offset},
          {"size", f.bit_size},
          {"count", f.count},
          {"logical_min", f.logical_min},
          {"logical_max", f.logical_max},
          {"physical_min", f.physical_min},
          {"physical_max", f.physical_max},
          {"unit", f.unit},
          {"exponent", f.unit_exponent}};
}

int parse_command(const std::string& file, bool json) {
  std::string error;
  const auto text = platform::read_file(file, &error);
  if (!text) {
    std::cerr << "aupsctl hid parse: " << error << "\n";
    return 2;
  }
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    std::cerr << "aupsctl hid parse: " << file << " is empty (no descriptor bytes)\n";
    return 1;
  }
  auto bytes = hid::parse_hex_bytes(*text);
  if (auto* e = std::get_if<hid::DescriptorError>(&bytes)) {
    std::cerr << file << ": character " << e->offset << ": " << e->message << "\n";
    return 1;
  }
  auto parsed = hid::parse_report_descriptor(std::get<0>(bytes));
  if (auto* e = std::get_if<hid::DescriptorError>(&parsed)) {
    std::cerr << file << ": descriptor " << e->to_string() << "\n";
    return 1;
  }
  const auto& desc = std::get<hid::HidReportDescriptor>(parsed);
  if (json) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::array();
    for (const auto& f : desc.fields) fields.push_back(field_json(f));
    std::cout << nlohmann::ordered_json{{"fields", fields}}.dump(2) << "\n";
  } else {
    for (const auto& f : desc.fields) std::cout << hid::nut_line(f) << "\n";
  }
  return 0;
}

const RegisterCommand reg([](CLI::App& root) {
  CLI::App& hid = hid_group(root);
  auto* parse = hid.add_subcommand("parse", "Parse a report descriptor given as hex bytes, print NUT-style fields");
  auto file = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  parse->add_option("FILE", *file, "file with descriptor bytes as hex (spaces, commas, 0x prefixes)")->required();
  parse->add_flag("--json", *json, "print {\"fields\":[...]} instead of NUT lines");
  parse->callback([file, json] { set_exit_code(parse_command(*file, *json)); });
});

}  // namespace
}  // namespace aups::ctl
