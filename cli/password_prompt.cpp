#include "password_prompt.h"

#include "cli_common.h"
#include "password_hash.h"

#include <cstdio>
#include <cstring>
#include <termios.h>
#include <unistd.h>

namespace cubby::cli {

namespace {

// One line from `fd` without its newline; nullopt at end of input before any newline.
std::optional<std::string> readLine(int fd) {
    std::string line;
    char c = 0;
    for (;;) {
        const ssize_t got = ::read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return line.empty() ? std::nullopt : std::optional(line);
        if (c == '\n')
            return line;
        if (line.size() > 4096)
            return std::nullopt;
        line += c;
    }
}

// A line typed on the terminal with echo off (restored whatever happens).
std::optional<std::string> readHidden(const char* prompt) {
    std::fputs(prompt, stderr);
    std::fflush(stderr);
    termios saved = {};
    const bool terminal = ::tcgetattr(0, &saved) == 0;
    if (terminal) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(0, TCSAFLUSH, &quiet);
    }
    auto line = readLine(0);
    if (terminal) {
        ::tcsetattr(0, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    }
    return line;
}

void wipe(std::optional<std::string>& secret) {
    if (secret)
        explicit_bzero(secret->data(), secret->size());
}

} // namespace

std::optional<std::string> askPasswordHash(const QString& account) {
    std::optional<std::string> password;
    if (::isatty(0)) {
        const QByteArray prompt = QStringLiteral("New password for %1: ").arg(account).toUtf8();
        password = readHidden(prompt.constData());
        auto repeated = readHidden("Repeat it: ");
        const bool same = password && repeated && *password == *repeated;
        wipe(repeated);
        if (!same) {
            wipe(password);
            failWith(QStringLiteral("the two passwords for %1 differ").arg(account));
            return std::nullopt;
        }
    } else {
        password = readLine(0);
        if (!password) {
            failWith(QStringLiteral("no password for %1 on standard input").arg(account));
            return std::nullopt;
        }
    }
    auto hash = hashPassword(*password);
    wipe(password);
    if (!hash) {
        failWith(QString::fromStdString(hash.error().message));
        return std::nullopt;
    }
    return *hash;
}

} // namespace cubby::cli
