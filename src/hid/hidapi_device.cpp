#include "hid/hidapi_device.hpp"

#include <fcntl.h>
#include <linux/hidraw.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <clocale>
#include <cstring>
#include <cwchar>

#include <hidapi.h>

#include "hid/report_descriptor.hpp"

namespace aups::hid {
namespace {

std::string narrow(const wchar_t* w) {
  if (!w) return {};
  std::string out;
  for (; *w; ++w) out.push_back(*w < 128 ? static_cast<char>(*w) : '?');
  return out;
}

bool init_hidapi() {
  static const bool ok = hid_init() == 0;
  return ok;
}

// Descriptor and identity straight from the hidraw node (what hidapi 0.13 does not expose).
HidResult<std::vector<std::uint8_t>> read_node(const std::string& path, HidInfo& info) {
  int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) {
    auto kind = errno == ENOENT || errno == ENODEV ? HidError::Kind::NotFound : HidError::Kind::Io;
    return HidError{kind, "cannot open " + path + ": " + std::strerror(errno)};
  }
  int size = 0;
  hidraw_report_descriptor rd{};
  hidraw_devinfo di{};
  char name[256] = {};
  bool ok = ::ioctl(fd, HIDIOCGRDESCSIZE, &size) == 0 && size >= 0 && size <= HID_MAX_DESCRIPTOR_SIZE;
  rd.size = static_cast<__u32>(size);
  ok = ok && ::ioctl(fd, HIDIOCGRDESC, &rd) == 0;
  int err = errno;
  if (ok && ::ioctl(fd, HIDIOCGRAWINFO, &di) == 0) {
    info.vendor_id = static_cast<std::uint16_t>(di.vendor);
    info.product_id = static_cast<std::uint16_t>(di.product);
  }
  if (ok && ::ioctl(fd, HIDIOCGRAWNAME(sizeof name - 1), name) >= 0 && info.product.empty()) info.product = name;
  ::close(fd);
  if (!ok) return HidError{HidError::Kind::Io, path + " is not a hidraw node: " + std::strerror(err)};
  return std::vector<std::uint8_t>(rd.value, rd.value + rd.size);
}

}  // namespace

HidResult<std::unique_ptr<HidDevice>> HidapiDevice::open_path(const std::string& path) {
  if (!init_hidapi()) return HidError{HidError::Kind::Io, "hid_init failed"};
  HidInfo info;
  info.path = path;
  for (auto& e : enumerate())  // USB strings, when udev knows the node
    if (e.path == path) info = e;
  auto desc = read_node(path, info);
  if (auto* e = error_of(desc)) return *e;
  hid_device* dev = hid_open_path(path.c_str());
  if (!dev) return HidError{HidError::Kind::NotFound, "hid_open_path(" + path + "): " + narrow(hid_error(nullptr))};
  auto bytes = std::get<0>(std::move(desc));
  auto parsed = parse_report_descriptor(bytes);
  bool numbered = std::holds_alternative<HidReportDescriptor>(parsed) && std::get<HidReportDescriptor>(parsed).uses_report_ids;
  return std::unique_ptr<HidDevice>(new HidapiDevice(dev, std::move(info), std::move(bytes), numbered));
}

std::vector<HidInfo> HidapiDevice::enumerate() {
  std::vector<HidInfo> out;
  if (!init_hidapi()) return out;
  hid_device_info* list = hid_enumerate(0, 0);
  for (auto* d = list; d; d = d->next)
    out.push_back({d->path ? d->path : "", d->vendor_id, d->product_id, narrow(d->manufacturer_string),
                   narrow(d->product_string), narrow(d->serial_number), d->usage_page, d->usage});
  hid_free_enumeration(list);
  return out;
}

HidapiDevice::~HidapiDevice() { close(); }

void HidapiDevice::close() {
  if (dev_) hid_close(dev_);
  dev_ = nullptr;
}

HidError HidapiDevice::error(HidError::Kind kind, const char* what) const {
  return HidError{kind, std::string(what) + " on " + info_.path + ": " + (dev_ ? narrow(hid_error(dev_)) : "closed")};
}

HidResult<Report> HidapiDevice::read_input(double timeout_s) {
  if (!dev_) return HidError{HidError::Kind::Disconnected, "device closed"};
  Report buf(4097);
  int ms = timeout_s <= 0 ? 0 : static_cast<int>(timeout_s * 1000 + 0.999);
  int n = hid_read_timeout(dev_, buf.data(), buf.size(), ms);
  if (n < 0) return error(HidError::Kind::Disconnected, "read");  // hidraw: ENODEV / POLLHUP once unplugged
  buf.resize(static_cast<std::size_t>(n));
  return buf;
}

HidResult<Report> HidapiDevice::get_feature(std::uint8_t report_id, std::size_t wire_size) {
  if (!dev_) return HidError{HidError::Kind::Disconnected, "device closed"};
  // hidapi always puts the report number first; 0 for devices without report IDs.
  Report buf(wire_size + (numbered_ ? 0 : 1), 0);
  buf[0] = report_id;
  int n = hid_get_feature_report(dev_, buf.data(), buf.size());
  if (n < 0) {
    auto kind = (errno == ENODEV || errno == EBADF || errno == ENOENT) ? HidError::Kind::Disconnected : HidError::Kind::Io;
    return error(kind, "get feature report");
  }
  buf.resize(static_cast<std::size_t>(n));
  if (!numbered_ && !buf.empty()) buf.erase(buf.begin());
  return buf;
}

std::optional<HidError> HidapiDevice::set_feature(std::span<const std::uint8_t> report) {
  if (!dev_) return HidError{HidError::Kind::Disconnected, "device closed"};
  if (report.empty()) return HidError{HidError::Kind::Io, "empty feature report"};
  Report buf(report.begin(), report.end());
  if (!numbered_) buf.insert(buf.begin(), 0);  // hidapi wants the report number first, 0 for none
  if (hid_send_feature_report(dev_, buf.data(), buf.size()) < 0) {
    auto kind = (errno == ENODEV || errno == EBADF || errno == ENOENT) ? HidError::Kind::Disconnected : HidError::Kind::Io;
    return error(kind, "set feature report");
  }
  return std::nullopt;
}

}  // namespace aups::hid
