#pragma once
// The one result type for fallible calls: a value or an Error, never both. Errors are values;
// a failure is returned, not thrown, and its message is what the operator reads.
//   Result<Config> parse(...)   -> a Config, or an Error saying why not
//   Status save(...)            -> success, or an Error
// (g++ 12 has no std::expected; this is the small part of it aups uses.) A domain with more to
// say than a message uses its own error type as E: Result<Report, hid::HidError> carries the
// error kind, Result<void, SettingError> the field to blame.
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace aups {

struct Error {
  std::string message;
};

template <class T, class E = Error>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  Result(E error) : v_(std::in_place_index<1>, std::move(error)) {}
  // Anything T is made from (a unique_ptr<Derived> for a unique_ptr<Base>, a string literal).
  template <class U>
    requires(std::is_constructible_v<T, U &&> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
             !std::is_same_v<std::remove_cvref_t<U>, E> && !std::is_same_v<std::remove_cvref_t<U>, Result>)
  Result(U&& value) : v_(std::in_place_index<0>, std::forward<U>(value)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Only when ok(): std::bad_variant_access otherwise.
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Only when !ok(): std::bad_variant_access otherwise.
  const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

// Success (nothing to return) or an Error: `return {};` succeeds.
template <class E>
class Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)) {}

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  // Only when !ok(): std::bad_optional_access otherwise.
  const E& error() const { return error_.value(); }

 private:
  std::optional<E> error_;
};

using Status = Result<void>;

}  // namespace aups
