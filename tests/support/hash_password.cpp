// cubby-test-hash-password: prints the crypt(3) hash (hashPassword, as the app and cubbyctl
// make it) of the one line on standard input. The Debian fixture gives its accounts the test
// password this way.
#include "password_hash.h"

#include <cstdio>
#include <iostream>
#include <string>

int main() {
    std::string password;
    std::getline(std::cin, password);
    const auto hash = cubby::hashPassword(password);
    if (!hash) {
        std::fprintf(stderr, "cubby-test-hash-password: %s\n", hash.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", hash->c_str());
    return 0;
}
