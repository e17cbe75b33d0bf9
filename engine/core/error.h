#pragma once
// Errors are values: every fallible call returns Result<T> (std::expected) carrying the errno
// (0 for validation failures) and a message that names what was wrong. They are reported once,
// at a boundary (D-Bus error, CLI stderr), never thrown.

#include <cerrno>
#include <expected>
#include <string>
#include <utility>

namespace cubby {

// What kind of failure this is; boundaries map it to a D-Bus error name or an exit code.
enum class ErrorKind {
    InvalidArgument, // the input is wrong; nothing was changed
    NotFound,
    AlreadyExists,
    Conflict,         // the input is fine on its own but clashes with existing state
    Unsupported,      // valid, but this host or this version of Cubby cannot do it
    NotAuthorized,    // polkit said no
    NotAuthenticated, // polkit wanted a password that was not given (cancelled, wrong, no agent)
    System,           // a system call failed; errnoValue says why
};

struct Error {
    ErrorKind kind = ErrorKind::System;
    int errnoValue = 0;
    std::string message;

    static Error invalid(std::string message) {
        return {ErrorKind::InvalidArgument, EINVAL, std::move(message)};
    }
    static Error of(ErrorKind kind, std::string message) { return {kind, 0, std::move(message)}; }
    // `context` says what was being done ("opening /run/cubby"); the errno text is appended.
    static Error system(int err, std::string context);
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

inline std::unexpected<Error> fail(Error error) {
    return std::unexpected(std::move(error));
}
inline std::unexpected<Error> failInvalid(std::string message) {
    return std::unexpected(Error::invalid(std::move(message)));
}

} // namespace cubby

// Early return for Result-returning code, the counterpart of systemd's `r = f(); if (r < 0)
// return r;`. CUBBY_TRY(x, f()) declares `x` holding f()'s value or returns f()'s error.
#define CUBBY_CONCAT_INNER(a, b) a##b
#define CUBBY_CONCAT(a, b) CUBBY_CONCAT_INNER(a, b)
#define CUBBY_TRY(var, expr) CUBBY_TRY_IMPL(var, expr, CUBBY_CONCAT(cubbyTry_, __LINE__))
#define CUBBY_TRY_IMPL(var, expr, tmp)                                                             \
    auto tmp = (expr);                                                                             \
    if (!tmp)                                                                                      \
        return std::unexpected(std::move(tmp.error()));                                            \
    auto var = std::move(*tmp)
// For Status (std::expected<void, Error>) and for results whose value is not needed.
#define CUBBY_CHECK(expr)                                                                          \
    do {                                                                                           \
        if (auto cubbyCheck = (expr); !cubbyCheck)                                                 \
            return std::unexpected(std::move(cubbyCheck.error()));                                 \
    } while (false)
