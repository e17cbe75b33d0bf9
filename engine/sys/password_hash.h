#pragma once
// Hashing a password the way /etc/shadow keeps it, in the client (the app, cubbyctl): the
// password itself never leaves the process that read it.

#include "error.h"

#include <string>
#include <string_view>

namespace cubby {

// A yescrypt hash ("$y$…", Debian's default since 11) of `password` with a fresh random
// salt, made by libxcrypt. Empty passwords and passwords with a newline are refused.
Result<std::string> hashPassword(std::string_view password);

// Whether `hash` is a hash of `password` (tests, and a client's "repeat the password").
bool passwordMatches(std::string_view password, const std::string& hash);

} // namespace cubby
