#include "password_hash.h"

#include <cerrno>
#include <crypt.h>
#include <cstring>
#include <memory>

namespace cubby {

namespace {

// crypt_r's scratch space is large (32 KiB): on the heap, and wiped, since it held the
// password.
struct CryptScratch {
    crypt_data data = {};
    ~CryptScratch() { explicit_bzero(&data, sizeof data); }
};

// libxcrypt takes phrases shorter than CRYPT_MAX_PASSPHRASE_SIZE (512 with its NUL).
constexpr size_t maxPassword = 256;

} // namespace

Result<std::string> hashPassword(std::string_view password) {
    if (password.empty())
        return failInvalid("an empty password would let anyone log in; choose one");
    if (password.size() > maxPassword)
        return failInvalid("a password of more than 256 characters");
    if (password.find_first_of("\n\r") != std::string_view::npos ||
        password.find('\0') != std::string_view::npos)
        return failInvalid("a password cannot hold a line break");
    // nullptr entropy: libxcrypt reads the system's random source itself.
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    if (!crypt_gensalt_rn("$y$", 0, nullptr, 0, salt, sizeof salt))
        return fail(Error::system(errno, "making a salt for the password"));
    const std::string copy(password); // crypt_r wants a terminated string
    auto scratch = std::make_unique<CryptScratch>();
    const char* hash = crypt_r(copy.c_str(), salt, &scratch->data);
    // libxcrypt fails with a hash starting '*', never a null pointer, unless asked otherwise.
    if (!hash || hash[0] == '*')
        return fail(Error::system(errno ? errno : EINVAL, "hashing the password"));
    return std::string(hash);
}

bool passwordMatches(std::string_view password, const std::string& hash) {
    const std::string copy(password);
    auto scratch = std::make_unique<CryptScratch>();
    const char* computed = crypt_r(copy.c_str(), hash.c_str(), &scratch->data);
    return computed && computed[0] != '*' && hash == computed;
}

} // namespace cubby
