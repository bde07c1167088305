#include <catch2/catch.hpp>

#include <memory>
#include <variant>

#include "core/result.hpp"

using namespace aups;

namespace {
Result<int> half(int n) {
  if (n % 2) return Error{std::to_string(n) + " is odd"};
  return n / 2;
}
Status even(int n) {
  if (auto r = half(n); !r) return r.error();
  return {};
}
struct Base { virtual ~Base() = default; virtual int id() const { return 0; } };
struct Derived : Base { int id() const override { return 7; } };
Result<std::unique_ptr<Base>> make(bool ok) {
  if (!ok) return Error{"no"};
  return std::make_unique<Derived>();  // converts to the base pointer
}
struct Coded { int code; std::string message; };
}  // namespace

TEST_CASE("a Result holds a value or an Error") {
  auto good = half(8);
  REQUIRE(good.ok());
  CHECK(static_cast<bool>(good));
  CHECK(good.value() == 4);
  CHECK(*good == 4);
  CHECK_THROWS_AS(good.error(), std::bad_variant_access);

  auto bad = half(3);
  CHECK_FALSE(bad.ok());
  CHECK_FALSE(static_cast<bool>(bad));
  CHECK(bad.error().message == "3 is odd");
  CHECK_THROWS_AS(bad.value(), std::bad_variant_access);
}

TEST_CASE("a Result moves its value out and converts what T is made from") {
  auto r = make(true);
  REQUIRE(r);
  CHECK(r->get()->id() == 7);
  std::unique_ptr<Base> owned = *std::move(r);
  CHECK(owned->id() == 7);
  CHECK(make(false).error().message == "no");

  Result<std::string> text = "literal";
  CHECK(*text == "literal");
}

TEST_CASE("a Status is success or an Error, and errors pass between results") {
  Status fine;
  CHECK(fine.ok());
  CHECK(even(4).ok());
  auto odd = even(5);
  REQUIRE_FALSE(odd.ok());
  CHECK(odd.error().message == "5 is odd");
  CHECK_THROWS_AS(fine.error(), std::bad_optional_access);
}

TEST_CASE("a domain error type carries more than a message") {
  Result<int, Coded> r = Coded{404, "not found"};
  REQUIRE_FALSE(r);
  CHECK(r.error().code == 404);
  Result<void, Coded> s = Coded{1, "x"};
  CHECK(s.error().message == "x");
}
