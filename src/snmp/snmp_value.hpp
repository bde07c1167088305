#pragma once
// One SNMP variable as a UPS agent (or a recording of one) returns it, and a set of them keyed
// by OID. Both the offline decoder (snmprec files) and the network client fill these, so the
// UPS-MIB mapping exists once.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace aups::snmp {

// ASN.1 / SMI tags as snmpsim's snmprec format numbers them.
enum class SnmpType : std::uint8_t {
  Integer = 2,
  OctetString = 4,
  Null = 5,
  ObjectId = 6,
  IpAddress = 64,
  Counter32 = 65,
  Gauge32 = 66,
  TimeTicks = 67,
  Opaque = 68,
  Counter64 = 70,
  NoSuchObject = 128,   // v2c exceptions: the agent has no such thing
  NoSuchInstance = 129,
  EndOfMibView = 130,
};
const char* type_name(SnmpType t);

struct SnmpValue {
  SnmpType type = SnmpType::Null;
  std::optional<std::int64_t> number;  // numeric types; absent when out of int64 range
  std::string text;                    // OCTET STRING bytes, OID or IpAddress in dotted form

  bool numeric() const {
    return type == SnmpType::Integer || type == SnmpType::Counter32 || type == SnmpType::Gauge32 ||
           type == SnmpType::TimeTicks || type == SnmpType::Counter64;
  }
  static SnmpValue integer(SnmpType t, std::int64_t v) { return {t, v, {}}; }
  static SnmpValue string(std::string s) { return {SnmpType::OctetString, std::nullopt, std::move(s)}; }
  static SnmpValue oid(std::string s) { return {SnmpType::ObjectId, std::nullopt, std::move(s)}; }
  bool operator==(const SnmpValue&) const = default;
};

// Dotted numeric OIDs ("1.3.6.1.2.1.33.1.2.4.0") ordered as SNMP orders them (numerically).
struct OidLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};
using SnmpVarbinds = std::map<std::string, SnmpValue, OidLess>;

// True for a well-formed dotted OID: at least two arcs, digits only, each fits 32 bits.
bool valid_oid(std::string_view oid);
// "a.b.c" starts with the subtree "a.b" (arc-wise, so 1.3.6.10 is not under 1.3.6.1).
bool oid_under(std::string_view oid, std::string_view subtree);

}  // namespace aups::snmp
