#include "hid/hid_source.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include "core/nut_json.hpp"
#include "core/source_registry.hpp"
#include "hid/hid_uri.hpp"
#include "hid/hidapi_device.hpp"
#include "hid/sim_socket_device.hpp"

namespace aups::hid {
namespace {
using nlohmann::json;

std::string hex(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "%04x", v);
  return b;
}

// Keys of `want` whose values differ from `have` (numbers compared loosely).
json diff(const json& want, const json& have) {
  json out = json::object();
  for (auto it = want.begin(); it != want.end(); ++it) {
    auto h = have.find(it.key());
    bool same = h != have.end() && (*h == *it || (h->is_number() && it->is_number() &&
                                                  std::abs(h->get<double>() - it->get<double>()) < 1e-6));
    if (!same) out[it.key()] = *it;
  }
  return out;
}
}  // namespace

HidSource::HidSource(std::string uri, std::string transport, bool simulated, DeviceOpener opener,
                     std::vector<HidProfile> profiles, const Clock& clock, HidSourceOptions options)
    : uri_(std::move(uri)), transport_(std::move(transport)), simulated_(simulated), opener_(std::move(opener)),
      profiles_(std::move(profiles)), clock_(clock), options_(options), backoff_s_(options.backoff_min_s) {}

HidSource::~HidSource() = default;

std::optional<std::string> HidSource::open() {
  binding_.reset();
  device_.reset();
  auto fail = [&](std::string why) -> std::optional<std::string> {
    device_.reset();
    binding_.reset();
    reading_.connected = false;
    reading_.stale = true;
    last_error_ = why;
    next_retry_s_ = clock_.now_s() + backoff_s_;
    backoff_s_ = std::min(backoff_s_ * 2, options_.backoff_max_s);
    return why;
  };
  auto dev = opener_();
  if (auto* e = error_of(dev)) return fail(e->message);
  device_ = std::move(std::get<std::unique_ptr<HidDevice>>(dev));
  auto bytes = device_->descriptor();
  if (auto* e = error_of(bytes)) return fail("reading the report descriptor: " + e->message);
  auto parsed = parse_report_descriptor(std::get<std::vector<std::uint8_t>>(bytes));
  if (auto* e = std::get_if<DescriptorError>(&parsed)) return fail("report descriptor: " + e->to_string());
  auto& desc = std::get<HidReportDescriptor>(parsed);
  const HidProfile* profile = select_profile(profiles_, device_->info(), desc);
  if (!profile)
    return fail("no profile matches " + hex(device_->info().vendor_id) + ":" + hex(device_->info().product_id) +
                " (add one in " + default_profile_dir() + ")");
  binding_ = std::make_unique<ProfileBinding>(*profile, std::move(desc));
  auto features = read_all_features();
  if (auto* e = std::get_if<std::string>(&features)) return fail(*e);
  if (std::get<int>(features) == 0 && has_feature_reports())
    return fail("the device answered none of its feature reports: " + last_error_);
  backoff_s_ = options_.backoff_min_s;
  reading_.connected = true;
  refresh();
  return std::nullopt;
}

std::variant<int, std::string> HidSource::read_all_features() {
  last_feature_poll_s_ = clock_.now_s();
  int answered = 0;
  for (const ReportLayout& layout : binding_->descriptor().reports) {
    if (layout.type != ReportType::Feature) continue;
    auto r = device_->get_feature(layout.report_id, layout.wire_bytes());
    if (auto* e = error_of(r)) {
      if (e->kind == HidError::Kind::Disconnected) return e->message;
      last_error_ = e->message;  // one report refused (a STALL): keep the others
      continue;
    }
    if (auto e = binding_->store(ReportType::Feature, std::get<Report>(r))) last_error_ = *e;
    else ++answered;
  }
  return answered;
}

bool HidSource::has_feature_reports() const {
  const auto& reports = binding_->descriptor().reports;
  return std::any_of(reports.begin(), reports.end(), [](const ReportLayout& l) { return l.type == ReportType::Feature; });
}

void HidSource::refresh() {
  reading_.identity = binding_->identity(device_->info());
  reading_.status = binding_->status();
  reading_.settings = binding_->settings();
  reading_.network = binding_->network();
  reading_.updated_s = clock_.now_s();
  reading_.stale = false;
}

void HidSource::lost(const std::string& why) {
  last_error_ = why;
  device_.reset();
  binding_.reset();
  reading_.connected = false;
  reading_.stale = true;
  next_retry_s_ = clock_.now_s() + backoff_s_;
}

PollResult HidSource::poll(double timeout_s) {
  if (!device_) {
    double wait = std::clamp(next_retry_s_ - clock_.now_s(), 0.0, std::max(timeout_s, 0.0));
    if (wait > 0) std::this_thread::sleep_for(std::chrono::duration<double>(wait));
    if (clock_.now_s() < next_retry_s_) return PollResult::Disconnected;
    return open() ? PollResult::Disconnected : PollResult::Updated;
  }
  // Fresh only when the device answered: a firmware that hangs but stays enumerated answers
  // nothing, its data ages and turns stale after the dead time.
  bool updated = false;
  if (clock_.now_s() - last_feature_poll_s_ >= binding_->profile().poll_interval_s) {
    auto features = read_all_features();
    if (auto* e = std::get_if<std::string>(&features)) {
      lost(*e);
      return PollResult::Disconnected;
    }
    updated = std::get<int>(features) > 0;
  }
  double wait = updated ? 0.0 : timeout_s;
  for (int i = 0; i < 64; ++i, wait = 0) {  // take what is queued, one wait at most
    auto r = device_->read_input(wait);
    if (auto* e = error_of(r)) {
      lost(e->message);
      return PollResult::Disconnected;
    }
    auto& report = std::get<Report>(r);
    if (report.empty()) break;
    if (auto e = binding_->store(ReportType::Input, report)) last_error_ = *e;  // bad report: ignored
    else updated = true;
  }
  if (!updated) return PollResult::Timeout;
  refresh();
  return PollResult::Updated;
}

UpsReading HidSource::reading() const {
  UpsReading r = reading_;
  r.stale = !r.connected || clock_.now_s() - r.updated_s > options_.dead_time_s;
  return r;
}

std::optional<std::string> HidSource::write_verified(const json& changes) {
  if (!device_) return "not connected: " + last_error_;
  if (changes.empty()) return std::nullopt;
  auto enc = binding_->encode(changes);
  if (auto* e = std::get_if<std::string>(&enc)) return *e;
  auto& reports = std::get<std::map<std::uint8_t, Report>>(enc);
  std::optional<std::string> error;
  for (auto& [id, report] : reports) {
    if (auto e = device_->set_feature(report)) {
      error = "the device refused report " + std::to_string(id) + ": " + e->message;
      break;
    }
  }
  for (auto& [id, report] : reports) {  // read back what the device now holds
    auto r = device_->get_feature(id, report.size());
    if (auto* e = error_of(r)) {
      if (e->kind == HidError::Kind::Disconnected) {
        lost(e->message);
        return "device lost while writing: " + e->message;
      }
      return error.value_or("reading back report " + std::to_string(id) + ": " + e->message);
    }
    binding_->store(ReportType::Feature, std::get<Report>(r));
  }
  if (error) {
    refresh();
    return error;
  }
  json now = binding_->values();
  for (auto it = changes.begin(); it != changes.end(); ++it) {
    json one = json::object();
    one[it.key()] = *it;
    if (!diff(one, now).empty()) {
      refresh();
      return "the device did not keep " + it.key() + " = " + it->dump() + " (reads back " +
             (now.contains(it.key()) ? now[it.key()].dump() : "nothing") + ")";
    }
  }
  refresh();
  return std::nullopt;
}

std::optional<std::string> HidSource::write_settings(const UpsSettings& s) {
  if (auto e = check_settings(s); !e) return e.error().field + ": " + e.error().message;
  if (!device_) return "not connected: " + last_error_;
  json want = to_nut_json(s);
  auto cur = binding_->settings();
  return write_verified(cur ? diff(want, to_nut_json(*cur)) : want);
}

std::optional<std::string> HidSource::write_network(const NetworkSettings& n) {
  if (auto e = check_network(n); !e) return e.error().field + ": " + e.error().message;
  if (!device_) return "not connected: " + last_error_;
  json want = to_nut_json(n);
  auto cur = binding_->network();
  return write_verified(cur ? diff(want, to_nut_json(*cur)) : want);
}

std::optional<std::string> HidSource::shutdown_output_after(int delay_s) {
  if (!device_) return "not connected: " + last_error_;
  auto enc = binding_->encode_action("shutdown_output_after", delay_s);
  if (auto* e = std::get_if<std::string>(&enc)) return *e;
  for (auto& [id, report] : std::get<std::map<std::uint8_t, Report>>(enc))
    if (auto e = device_->set_feature(report)) return "the device refused the output-off delay: " + e->message;
  return std::nullopt;
}

std::variant<DeviceOpener, std::string> device_opener_for(const std::string& uri,
                                                          const std::vector<HidProfile>& profiles) {
  auto parsed = parse_hid_uri(uri);
  if (auto* e = std::get_if<std::string>(&parsed)) return *e;
  HidUri u = std::get<HidUri>(parsed);
  if (u.kind == HidUri::Kind::Sim) return DeviceOpener([path = u.path] { return SimSocketDevice::open(path); });
  if (u.kind == HidUri::Kind::Path) return DeviceOpener([path = u.path] { return HidapiDevice::open_path(path); });
  // Candidates: Power Device interfaces, and anything a profile names by VID (and PID).
  std::vector<std::pair<std::uint16_t, std::optional<std::uint16_t>>> known;
  for (auto& p : profiles)
    if (p.match.vendor_id) known.emplace_back(*p.match.vendor_id, p.match.product_id);
  return DeviceOpener([u, known]() -> HidResult<std::unique_ptr<HidDevice>> {
    std::string tried;
    for (const HidInfo& info : HidapiDevice::enumerate()) {
      bool wanted = u.kind == HidUri::Kind::VidPid
                        ? info.vendor_id == u.vendor_id && info.product_id == u.product_id
                        : info.usage_page == 0x84 || std::any_of(known.begin(), known.end(), [&](auto& k) {
                            return k.first == info.vendor_id && (!k.second || *k.second == info.product_id);
                          });
      if (!wanted) continue;
      auto dev = HidapiDevice::open_path(info.path);
      if (!error_of(dev)) return dev;
      tried += " " + info.path + " (" + error_of(dev)->message + ")";
    }
    return HidError{HidError::Kind::NotFound, tried.empty() ? "no HID UPS found" : "no HID UPS could be opened:" + tried};
  });
}

std::variant<std::unique_ptr<HidSource>, std::string> make_hid_source(const std::string& uri, const Clock& clock,
                                                                     HidSourceOptions options) {
  std::vector<HidProfile> profiles;
  try {
    profiles = load_profiles();
  } catch (const ProfileError& e) {
    return std::string(e.what());
  }
  auto opener = device_opener_for(uri, profiles);
  if (auto* e = std::get_if<std::string>(&opener)) return *e;
  bool sim = uri.rfind("sim://", 0) == 0;
  return std::make_unique<HidSource>(uri, sim ? "sim-hid" : "hidapi", sim, std::get<DeviceOpener>(std::move(opener)),
                                     std::move(profiles), clock, options);
}

void register_hid_source_schemes() {
  auto factory = [](const std::string& uri, const Clock& clock) -> SourceOrError {
    auto r = make_hid_source(uri, clock);
    if (auto* e = std::get_if<std::string>(&r)) return *e;
    return std::unique_ptr<UpsSource>(std::move(std::get<std::unique_ptr<HidSource>>(r)));
  };
  register_source_scheme("hid", factory);
  register_source_scheme("sim", factory);
}

}  // namespace aups::hid
