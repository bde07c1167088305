// `aupsctl hid list`, `aupsctl hid dump DEVICE` and `aupsctl probe URI [--json]`: looking at
// real (or simulated) HID UPSes. probe opens any source through core/source_registry.hpp, so
// every scheme a module registers (hid://, sim://, snmp://...) works here.
#include <cstdio>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "app/aupsctl/cmd_hid.hpp"
#include "app/aupsctl/command.hpp"
#include "core/nut_json.hpp"
#include "core/source_registry.hpp"
#include "hid/hid_source.hpp"
#include "hid/hidapi_device.hpp"
#include "hid/report_codec.hpp"

namespace aups::ctl {
namespace {

using nlohmann::json;

const bool kHidSchemes = (hid::register_hid_source_schemes(), true);

std::string hex4(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "%04x", v);
  return b;
}

int list_command(bool as_json) {
  json out = json::array();
  for (const hid::HidInfo& d : hid::HidapiDevice::enumerate()) {
    bool ups = d.usage_page == 0x84 || d.usage_page == 0x85;
    if (as_json) {
      out.push_back({{"path", d.path}, {"vendor_id", hex4(d.vendor_id)}, {"product_id", hex4(d.product_id)},
                     {"usage_page", hex4(d.usage_page)}, {"usage", hex4(d.usage)}, {"manufacturer", d.manufacturer},
                     {"product", d.product}, {"serial", d.serial}, {"ups", ups}});
    } else {
      std::cout << d.path << "  " << hex4(d.vendor_id) << ":" << hex4(d.product_id) << "  page " << hex4(d.usage_page)
                << (ups ? "  UPS  " : "       ") << d.manufacturer << " " << d.product << "\n";
    }
  }
  if (as_json) std::cout << out.dump(2) << "\n";
  else if (out.empty() && hid::HidapiDevice::enumerate().empty()) std::cerr << "no HID devices found\n";
  return 0;
}

std::string uri_of(const std::string& device) {
  if (device.find("://") != std::string::npos) return device;
  return "hid://" + device;  // a bare /dev/hidrawN or VID:PID
}

// One field's value as usbhid-ups -DDDDD shows it: the physical value of the latest report.
std::string field_value(const hid::HidField& f, const hid::Report* r) {
  if (!r) return "(not read)";
  auto v = hid::read_logical(*r, f);
  if (auto* e = std::get_if<hid::CodecError>(&v)) return "(" + e->message + ")";
  char b[64];
  std::snprintf(b, sizeof b, "%g", hid::logical_to_physical(f, std::get<std::int64_t>(v)));
  return b;
}

int dump_command(const std::string& device, double wait_s) {
  std::vector<hid::HidProfile> profiles;
  try {
    profiles = hid::load_profiles();
  } catch (const hid::ProfileError&) {}  // dump needs no profile
  auto opener = hid::device_opener_for(uri_of(device), profiles);
  if (auto* e = std::get_if<std::string>(&opener)) return std::cerr << "aupsctl hid dump: " << *e << "\n", 2;
  auto dev = std::get<hid::DeviceOpener>(opener)();
  if (auto* e = hid::error_of(dev)) return std::cerr << "aupsctl hid dump: " << e->message << "\n", 1;
  auto& d = *std::get<std::unique_ptr<hid::HidDevice>>(dev);
  auto bytes = d.descriptor();
  if (auto* e = hid::error_of(bytes)) return std::cerr << "aupsctl hid dump: " << e->message << "\n", 1;
  const auto& raw = std::get<std::vector<std::uint8_t>>(bytes);
  std::cout << "Device: " << d.info().path << " " << hex4(d.info().vendor_id) << ":" << hex4(d.info().product_id) << " "
            << d.info().manufacturer << " " << d.info().product << "\n";
  std::cout << "Report descriptor: (" << raw.size() << " bytes)\n";
  for (std::size_t i = 0; i < raw.size(); ++i) std::printf("%02x%s", raw[i], (i % 16 == 15 || i + 1 == raw.size()) ? "\n" : " ");
  auto parsed = hid::parse_report_descriptor(raw);
  if (auto* e = std::get_if<hid::DescriptorError>(&parsed)) return std::cerr << "descriptor " << e->to_string() << "\n", 1;
  const auto& desc = std::get<hid::HidReportDescriptor>(parsed);

  std::map<std::pair<hid::ReportType, std::uint8_t>, hid::Report> got;
  for (const auto& layout : desc.reports) {
    if (layout.type != hid::ReportType::Feature) continue;
    auto r = d.get_feature(layout.report_id, layout.wire_bytes());
    if (auto* e = hid::error_of(r)) {
      std::cerr << "feature report " << int(layout.report_id) << ": " << e->message << "\n";
      if (e->kind == hid::HidError::Kind::Disconnected) return 1;
      continue;
    }
    got[{layout.type, layout.report_id}] = std::get<hid::Report>(r);
  }
  auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_s);
  while (std::chrono::steady_clock::now() < until) {  // Input reports arrive only on change
    auto r = d.read_input(std::chrono::duration<double>(until - std::chrono::steady_clock::now()).count());
    if (hid::error_of(r) || std::get<hid::Report>(r).empty()) break;
    auto& rep = std::get<hid::Report>(r);
    got[{hid::ReportType::Input, desc.uses_report_ids ? rep[0] : std::uint8_t(0)}] = rep;
  }
  for (const auto& f : desc.fields) {
    auto it = got.find({f.type, f.report_id});
    const hid::Report* r = it == got.end() ? nullptr : &it->second;
    if (r && r->size() < (desc.report(f.type, f.report_id) ? desc.report(f.type, f.report_id)->wire_bytes() : 0)) r = nullptr;
    std::cout << hid::nut_line(f) << ", Value: " << field_value(f, r) << "\n";
  }
  return 0;
}

int probe_command(const std::string& uri, bool as_json, double wait_s) {
  SteadyClock clock;
  auto made = make_source(uri, clock);
  if (auto* e = std::get_if<std::string>(&made)) return std::cerr << "aupsctl probe: " << *e << "\n", 2;
  auto& src = *std::get<std::unique_ptr<UpsSource>>(made);
  if (auto e = src.open()) return std::cerr << "aupsctl probe: " << *e << "\n", 1;
  for (auto until = clock.now_s() + wait_s; clock.now_s() < until;) src.poll(until - clock.now_s());
  UpsReading r = src.reading();
  json out = to_nut_json(r.identity);
  out.update(to_nut_json(r.status));
  if (r.settings) out.update(to_nut_json(*r.settings));
  if (r.network) out.update(to_nut_json(*r.network));
  out["aups.source.uri"] = src.uri();
  out["aups.source.transport"] = src.transport();
  out["aups.source.simulated"] = src.simulated();
  out["aups.stale"] = r.stale;
  if (as_json) {
    std::cout << out.dump(2) << "\n";
  } else {
    for (auto it = out.begin(); it != out.end(); ++it)
      std::cout << it.key() << ": " << (it->is_string() ? it->get<std::string>() : it->dump()) << "\n";
  }
  return 0;
}

struct Options {
  bool json = false;
  std::string target;
  double wait_s = 0.5;
};
Options g_list, g_dump, g_probe;

const RegisterCommand reg([](CLI::App& root) {
  CLI::App& hid = hid_group(root);
  auto* list = hid.add_subcommand("list", "HID interfaces hidapi sees (UPSes marked)");
  list->add_flag("--json", g_list.json, "print JSON");
  list->callback([] { set_exit_code(list_command(g_list.json)); });

  auto* dump = hid.add_subcommand("dump", "descriptor bytes and every field with its current value (like usbhid-ups -DDDDD)");
  dump->add_option("DEVICE", g_dump.target, "/dev/hidrawN, VID:PID, hid://..., or sim://PATH")->required();
  dump->add_option("--wait", g_dump.wait_s, "seconds to collect Input reports")->capture_default_str();
  dump->callback([] { set_exit_code(dump_command(g_dump.target, g_dump.wait_s)); });

  auto* probe = root.add_subcommand("probe", "read a UPS once through its profile and print NUT variables");
  probe->add_option("URI", g_probe.target, "hid://auto, hid:///dev/hidrawN, hid://VID:PID, sim://PATH, ...")->required();
  probe->add_flag("--json", g_probe.json, "print JSON");
  probe->add_option("--wait", g_probe.wait_s, "seconds to also collect Input reports")->capture_default_str();
  probe->callback([] { set_exit_code(probe_command(g_probe.target, g_probe.json, g_probe.wait_s)); });
});

}  // namespace
}  // namespace aups::ctl
