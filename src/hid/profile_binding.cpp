#include "hid/profile_binding.hpp"

#include <cmath>

#include "core/nut_json.hpp"
#include "core/ups_vars.hpp"
#include "hid/report_codec.hpp"

namespace aups::hid {
namespace {

using nlohmann::json;

std::span<const std::uint8_t> data_of(const Report& r, const HidField& f) {
  return f.report_id ? std::span(r).subspan(1) : std::span(r);
}

// Elements of a multi-element item (strings, addresses): one value per element, in order.
std::vector<std::uint32_t> elements(const Report& r, const HidField& f, std::uint32_t max) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = f.index; i < f.count && out.size() < max; ++i) {
    auto v = read_bits(data_of(r, f), f.bit_offset + (i - f.index) * f.bit_size, f.bit_size);
    if (!std::holds_alternative<std::uint32_t>(v)) break;
    out.push_back(std::get<std::uint32_t>(v));
  }
  return out;
}

double to_model(const ProfileMap& m, const HidField& f, std::int64_t logical) {
  double dev = m.si_units ? logical_to_si(f, logical) : logical_to_physical(f, logical);
  return dev * m.scale + m.offset;
}

// The inverse of to_model: the logical value for a device value (SI or physical), if it fits.
CodecResult<std::int64_t> to_logical(const ProfileMap& m, const HidField& f, double dev) {
  return m.si_units ? si_to_logical(f, dev) : physical_to_logical(f, dev);
}

// The settings struct from the decoded values, when every one of its variables was read.
template <class Model, class Apply>
std::optional<Model> read_all(const json& j, Apply apply) {
  json part = json::object();
  for (const UpsVar& v : ups_vars()) {
    if (!belongs_to<Model>(v)) continue;
    std::string k(v.name);
    if (!j.contains(k)) return std::nullopt;
    bool whole = v.kind == VarKind::Integer && j[k].is_number();  // device values are physical: 59.99 s is 60 s
    part[k] = whole ? json(std::llround(j[k].get<double>())) : j[k];
  }
  auto r = apply(Model{}, part);
  if (!r) return std::nullopt;
  return *r;
}

}  // namespace

ProfileBinding::ProfileBinding(HidProfile profile, HidReportDescriptor desc)
    : profile_(std::move(profile)), desc_(std::move(desc)) {
  apply_fixes(profile_, desc_);
}

std::optional<std::string> ProfileBinding::store(ReportType type, const Report& report) {
  if (report.empty()) return "empty report";
  std::uint8_t id = desc_.uses_report_ids ? report[0] : 0;
  const ReportLayout* layout = desc_.report(type, id);
  if (!layout) return std::string(to_string(type)) + " report " + std::to_string(id) + " is not in the descriptor";
  if (report.size() < layout->wire_bytes())
    return std::string(to_string(type)) + " report " + std::to_string(id) + " too short: " +
           std::to_string(report.size()) + " bytes, descriptor says " + std::to_string(layout->wire_bytes());
  Report r(report.begin(), report.begin() + layout->wire_bytes());  // extra bytes are ignored
  reports_[{type, id}] = Stored{std::move(r), ++seq_};
  values_.reset();
  return std::nullopt;
}

const Report* ProfileBinding::stored(ReportType type, std::uint8_t report_id) const {
  auto it = reports_.find({type, report_id});
  return it == reports_.end() ? nullptr : &it->second.bytes;
}

const HidField* ProfileBinding::latest_field(const std::string& path) const {
  const HidField* best = nullptr;
  std::uint64_t best_seq = 0;
  for (const HidField& f : desc_.fields) {
    if (f.path != path) continue;
    auto it = reports_.find({f.type, f.report_id});
    if (it != reports_.end() && it->second.seq > best_seq) {
      best = &f;
      best_seq = it->second.seq;
    }
  }
  return best;
}

const HidField* ProfileBinding::feature_field(const std::string& path) const {
  return desc_.find(path, ReportType::Feature);
}

json ProfileBinding::values() const {
  if (!values_) values_ = decode();
  return *values_;
}

json ProfileBinding::decode() const {
  json j = json::object();
  std::string words;
  json trips = json::array();
  for (const ProfileMap& m : profile_.maps) {
    if (m.kind == MapKind::Action) continue;
    const HidField* f = latest_field(m.path);
    if (!f) continue;
    const Report& r = reports_.at({f->type, f->report_id}).bytes;
    if (m.kind == MapKind::Text) {
      std::string s;
      for (auto c : elements(r, *f, 256)) {
        if (c == 0) break;
        s.push_back(static_cast<char>(c));
      }
      if (!s.empty()) j[m.var] = s;
      continue;
    }
    if (m.kind == MapKind::Ipv4) {
      auto b = elements(r, *f, 4);
      if (b.size() != 4) continue;
      bool zero = b[0] + b[1] + b[2] + b[3] == 0;
      j[m.var] = zero ? "" : std::to_string(b[0]) + "." + std::to_string(b[1]) + "." + std::to_string(b[2]) + "." + std::to_string(b[3]);
      continue;
    }
    auto lv = read_logical(r, *f);
    if (!std::holds_alternative<std::int64_t>(lv)) continue;  // out of range: the device does not know
    std::int64_t logical = std::get<std::int64_t>(lv);
    double v = to_model(m, *f, logical);
    switch (m.kind) {
      case MapKind::Number: j[m.var] = v; break;
      case MapKind::Bool: j[m.var] = v != 0; break;
      case MapKind::Enum:
        for (auto& [name, dev] : m.values)
          if (std::abs(dev - v) < 1e-9) j[m.var] = name;
        break;
      case MapKind::Status: {
        bool on = m.when ? std::abs(*m.when - v) < 1e-9 : v != 0;
        if (!on) break;
        if (m.status.rfind("protection:", 0) == 0) trips.push_back(m.status.substr(11));
        else words += (words.empty() ? "" : " ") + m.status;
        break;
      }
      default: break;
    }
  }
  if (!words.empty()) {
    j[var_name(&UpsStatus::flags)] = StatusFlags::parse(words).value_or(StatusFlags{}).to_string();
  }
  if (!trips.empty()) j[var_name(&UpsStatus::protections)] = trips;
  return j;
}

UpsIdentity ProfileBinding::identity(const HidInfo& info) const {
  json j = values();
  for (auto& [k, v] : profile_.identity) j.emplace(k, v);
  if (!info.manufacturer.empty()) j.emplace(var_name(&UpsIdentity::manufacturer), info.manufacturer);
  if (!info.product.empty()) j.emplace(var_name(&UpsIdentity::model), info.product);
  if (!info.serial.empty()) j.emplace(var_name(&UpsIdentity::serial), info.serial);
  return identity_from_nut_json(j);
}

UpsStatus ProfileBinding::status() const {
  json j = values();
  UpsStatus s = status_from_nut_json(j);
  // Without an ACPresent-like mapping, "mains" follows OL (status_from_nut_json's default).
  return s;
}

std::optional<UpsSettings> ProfileBinding::settings() const { return read_all<UpsSettings>(values(), apply_settings_json); }

std::optional<NetworkSettings> ProfileBinding::network() const { return read_all<NetworkSettings>(values(), apply_network_json); }

std::optional<std::string> ProfileBinding::put(std::map<std::uint8_t, Report>& out, const ProfileMap& m,
                                               const json& v) const {
  const HidField* f = feature_field(m.path);
  if (!f) return m.path + " is not a Feature field, so it cannot be written";
  if (!out.count(f->report_id)) {
    const Report* cur = stored(ReportType::Feature, f->report_id);
    if (!cur) return "feature report " + std::to_string(f->report_id) + " was never read";
    out[f->report_id] = *cur;
  }
  Report& r = out[f->report_id];
  auto data = f->report_id ? std::span(r).subspan(1) : std::span(r);
  if (m.kind == MapKind::Text || m.kind == MapKind::Ipv4) {
    std::vector<std::uint8_t> bytes;
    if (m.kind == MapKind::Text) {
      std::string s = v.get<std::string>();
      if (s.size() > f->count - f->index) return m.var + " is longer than the device's " + std::to_string(f->count - f->index) + " bytes";
      bytes.assign(s.begin(), s.end());
      bytes.resize(f->count - f->index, 0);
    } else {
      std::string s = v.get<std::string>();
      auto a = parse_ipv4(s);
      if (!s.empty() && !a) return m.var + ": not an IPv4 address: " + s;
      bytes = a ? std::vector<std::uint8_t>(a->begin(), a->end()) : std::vector<std::uint8_t>(4, 0);
    }
    for (std::size_t i = 0; i < bytes.size(); ++i)
      if (auto e = write_bits(data, f->bit_offset + static_cast<std::uint32_t>(i) * f->bit_size, f->bit_size, bytes[i]))
        return m.var + ": " + e->message;
    return std::nullopt;
  }
  double model;
  if (m.kind == MapKind::Enum) {
    auto it = std::find_if(m.values.begin(), m.values.end(), [&](auto& p) { return v.is_string() && v.get<std::string>() == p.first; });
    if (it == m.values.end()) return m.var + ": the device has no value for " + v.dump();
    model = it->second * m.scale + m.offset;  // values are device values
  } else if (v.is_boolean()) {
    model = v.get<bool>() ? 1.0 : 0.0;
  } else if (v.is_number()) {
    model = v.get<double>();
  } else {
    return m.var + ": cannot encode " + v.dump();
  }
  double dev = (model - m.offset) / m.scale;
  auto logical = to_logical(m, *f, dev);
  if (!std::holds_alternative<std::int64_t>(logical)) return m.var + " = " + v.dump() + " is outside what the device accepts";
  if (auto e = write_logical(r, *f, std::get<std::int64_t>(logical))) return m.var + ": " + e->message;
  return std::nullopt;
}

std::variant<std::map<std::uint8_t, Report>, std::string> ProfileBinding::encode(const json& changes) const {
  std::map<std::uint8_t, Report> out;
  for (auto& [key, v] : changes.items()) {
    const ProfileMap* map = nullptr;
    for (const ProfileMap& m : profile_.maps)  // the last mapping of a variable wins, as in decoding
      if (m.var == key && m.kind != MapKind::Status && feature_field(m.path)) map = &m;
    if (!map) return key + " is not writable on this device (profile " + profile_.name + ")";
    if (auto e = put(out, *map, v)) return *e;
  }
  return out;
}

std::variant<std::map<std::uint8_t, Report>, std::string> ProfileBinding::encode_action(const std::string& action,
                                                                                       double value) const {
  std::map<std::uint8_t, Report> out;
  for (const ProfileMap& m : profile_.maps)
    if (m.kind == MapKind::Action && m.action == action && feature_field(m.path)) {
      ProfileMap as_number = m;
      as_number.kind = MapKind::Number;
      as_number.var = action;
      if (auto e = put(out, as_number, value)) return *e;
      return out;
    }
  return action + " is not supported by this device (profile " + profile_.name + ")";
}

}  // namespace aups::hid
