// cubbyctl: Cubby from a terminal, with virsh's verbs. Talks to cubby-helper over the system
// bus; polkit decides what the calling user may do.
#include "commands.h"
#include "connection.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <langinfo.h>
#include <unistd.h>

namespace {

void printUsage(std::FILE* stream) {
    std::fputs("usage: cubbyctl [--connect ssh://[USER@]HOST[:PORT]] COMMAND [ARGUMENTS]\n\n"
               "  --connect, -c   manage Cubby on another machine over SSH (or set "
               "CUBBY_CONNECT)\n\ncommands:\n",
               stream);
    for (const auto& command : cubby::cli::commands())
        std::fprintf(stream, "  %-16s %-36s %s\n", command.name, command.usage,
                     command.description);
    std::fputs("\n'cubbyctl COMMAND --help' describes one command.\n", stream);
}

// On another machine, the verbs that hand over descriptors (a console, a shell, exec's
// streams, an archive to import, an image downloaded here) are run by that machine's own
// cubbyctl through ssh, with this terminal or these streams on the channel. 0: not one of them.
// Otherwise whether the remote side gets a terminal: 1 without, 2 with.
int remoteStreamVerb(const QString& verb, const QStringList& arguments) {
    const bool terminalHere = ::isatty(STDIN_FILENO) && ::isatty(STDOUT_FILENO);
    if (verb == QStringLiteral("console") || verb == QStringLiteral("shell"))
        return terminalHere ? 2 : 1;
    if (verb == QStringLiteral("exec")) {
        const qsizetype separator = arguments.indexOf(QStringLiteral("--"));
        const QStringList options = separator < 0 ? arguments : arguments.mid(0, separator);
        if (options.contains(QStringLiteral("-T")))
            return 1;
        return options.contains(QStringLiteral("-t")) || terminalHere ? 2 : 1;
    }
    if (verb == QStringLiteral("rootfs-import"))
        return 1;
    const bool downloads = std::ranges::any_of(arguments, [](const QString& argument) {
        return argument.contains(QStringLiteral("image:"));
    });
    if ((verb == QStringLiteral("create") || verb == QStringLiteral("rootfs-create")) && downloads)
        return terminalHere ? 2 : 1;
    return 0;
}

// rootfs-import's FILE ('-': standard input) is read here and sent over the channel in
// frames, so that the other side keeps the import only when its end arrived. -1 on error.
int openImportInput(QStringList& arguments) {
    QStringList files;
    for (const auto& argument : arguments.mid(1)) {
        if (!argument.startsWith(QLatin1Char('-')) || argument == QStringLiteral("-"))
            files << argument;
    }
    if (files.size() != 1 || arguments.contains(QStringLiteral("--detach"))) {
        std::fputs("error: usage: cubbyctl --connect URI rootfs-import NAME FILE\n", stderr);
        return -1;
    }
    arguments[arguments.indexOf(files[0])] = QStringLiteral("-");
    arguments << QStringLiteral("--framed");
    if (files[0] == QStringLiteral("-"))
        return STDIN_FILENO;
    const int fd = ::open(QFile::encodeName(files[0]).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        std::fprintf(stderr, "error: cannot read %s: %s\n", qPrintable(files[0]),
                     std::strerror(errno));
    return fd;
}

// Qt switches a locale that is not UTF-8 (an ssh session often brings none) to C.UTF-8 and says
// so on stderr, which a console run through ssh would show inside the container's screen (the
// app's remote console tabs): the same switch, made quietly before Qt looks.
void preferUtf8Locale() {
    std::setlocale(LC_ALL, "");
    if (std::strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
        return;
    if (const char* all = std::getenv("LC_ALL"); all != nullptr) {
        ::setenv("LANG", all, 1);
        ::unsetenv("LC_ALL");
    }
    ::setenv("LC_CTYPE", "C.UTF-8", 1);
}

} // namespace

int main(int argc, char** argv) {
    preferUtf8Locale();
    QCoreApplication app(argc, argv);
    QStringList all;
    for (int i = 1; i < argc; ++i)
        all << QString::fromLocal8Bit(argv[i]);
    if (auto chosen = cubby::cli::chooseConnection(all); !chosen) {
        std::fprintf(stderr, "error: %s\n", chosen.error().message.c_str());
        return 2;
    }
    if (all.isEmpty() || all.front() == QStringLiteral("--help") ||
        all.front() == QStringLiteral("-h") || all.front() == QStringLiteral("help")) {
        printUsage(all.isEmpty() ? stderr : stdout);
        return all.isEmpty() ? 2 : 0;
    }
    const QByteArray verb = all.front().toLocal8Bit();
    for (const auto& command : cubby::cli::commands()) {
        if (std::strcmp(verb.constData(), command.name) != 0)
            continue;
        QStringList arguments = all.mid(1);
        if (arguments.contains(QStringLiteral("--help"))) {
            std::printf("usage: cubbyctl %s %s\n  %s\n", command.name, command.usage,
                        command.description);
            return 0;
        }
        if (arguments.size() < command.minArguments || arguments.size() > command.maxArguments) {
            std::fprintf(stderr, "error: usage: cubbyctl %s %s\n", command.name, command.usage);
            return 2;
        }
        if (cubby::cli::remoteTarget()) {
            if (const int stream = remoteStreamVerb(all.front(), arguments); stream != 0) {
                if (all.front() == QStringLiteral("rootfs-import")) {
                    const int input = openImportInput(arguments);
                    return input < 0 ? 2
                                     : cubby::cli::runOnRemoteWithFramedInput(
                                           QStringList{all.front()} + arguments, input);
                }
                return cubby::cli::runOnRemote(QStringList{all.front()} + arguments, stream == 2);
            }
        }
        return command.run(arguments);
    }
    std::fprintf(stderr, "error: unknown command '%s'\n\n", verb.constData());
    printUsage(stderr);
    return 2;
}
