#pragma once
// Asking for a new account's password: on the terminal without echo (twice, to catch a
// typo), or one line from standard input when it is not a terminal (scripts). Only its hash
// goes on, to the helper.

#include <QString>
#include <optional>
#include <string>

namespace cubby::cli {

// The crypt(3) hash of the password given for `account`; nullopt after printing why not.
std::optional<std::string> askPasswordHash(const QString& account);

} // namespace cubby::cli
