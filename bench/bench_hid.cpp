// HID stack throughput: report descriptors parsed per second and Input reports decoded per
// second (every field of a report read and scaled to SI), for each real-device descriptor.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "hid/report_codec.hpp"
#include "hid/report_descriptor.hpp"

namespace {

using namespace aups::hid;

const char* const kDevices[] = {"generic_5131_2007", "apc_backups_bx1500g",
                                "cyberpower_cp1500epfclcd", "eaton_3s"};

std::vector<std::uint8_t> load(const std::string& name) {
  std::ifstream in(std::string(AUPS_TESTDATA_DIR) + "/hid/" + name + ".hex");
  std::stringstream ss;
  ss << in.rdbuf();
  auto bytes = parse_hex_bytes(ss.str());
  if (!std::holds_alternative<std::vector<std::uint8_t>>(bytes) || std::get<0>(bytes).empty())
    throw std::runtime_error("cannot read descriptor " + name);
  return std::get<0>(bytes);
}

void BM_ParseDescriptor(benchmark::State& state) {
  const auto bytes = load(kDevices[state.range(0)]);
  state.SetLabel(kDevices[state.range(0)]);
  for (auto _ : state) {
    auto parsed = parse_report_descriptor(bytes);
    benchmark::DoNotOptimize(parsed);
  }
  state.counters["descriptors/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                       benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

// One wire buffer per Input report, each field set to a value inside its logical range.
struct Report {
  std::vector<std::uint8_t> bytes;
  std::vector<const HidField*> fields;
};

void BM_DecodeInputReports(benchmark::State& state) {
  const auto parsed = parse_report_descriptor(load(kDevices[state.range(0)]));
  const auto& desc = std::get<HidReportDescriptor>(parsed);
  std::vector<Report> reports;
  for (const auto& layout : desc.reports) {
    if (layout.type != ReportType::Input) continue;
    Report r;
    r.bytes.assign(layout.wire_bytes(), 0);
    if (layout.report_id) r.bytes[0] = layout.report_id;
    for (const auto& f : desc.fields)
      if (f.type == layout.type && f.report_id == layout.report_id && f.bit_size <= 32 &&
          f.logical_min <= f.logical_max) {
        (void)write_logical(r.bytes, f, f.logical_min + (f.logical_max - f.logical_min) / 2);
        r.fields.push_back(&f);
      }
    reports.push_back(std::move(r));
  }
  state.SetLabel(kDevices[state.range(0)]);
  std::size_t next = 0, fields = 0;
  for (auto _ : state) {
    const Report& r = reports[next];
    next = next + 1 == reports.size() ? 0 : next + 1;
    for (const HidField* f : r.fields) {
      auto v = read_value(r.bytes, *f);
      benchmark::DoNotOptimize(v);
    }
    fields += r.fields.size();
  }
  state.counters["reports/s"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                   benchmark::Counter::kIsRate);
  state.counters["fields/s"] = benchmark::Counter(static_cast<double>(fields), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(BM_ParseDescriptor)->DenseRange(0, 3);
BENCHMARK(BM_DecodeInputReports)->DenseRange(0, 3);
BENCHMARK_MAIN();
