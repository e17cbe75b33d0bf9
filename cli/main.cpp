// cubbyctl: Cubby from a terminal, with virsh's verbs. Talks to cubby-helper over the system
// bus; polkit decides what the calling user may do.
#include "commands.h"

#include <QCoreApplication>
#include <cstdio>
#include <cstring>

namespace {

void printUsage(std::FILE* stream) {
    std::fputs("usage: cubbyctl COMMAND [ARGUMENTS]\n\ncommands:\n", stream);
    for (const auto& command : cubby::cli::commands())
        std::fprintf(stream, "  %-16s %-36s %s\n", command.name, command.usage,
                     command.description);
    std::fputs("\n'cubbyctl COMMAND --help' describes one command.\n", stream);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
        !std::strcmp(argv[1], "help")) {
        printUsage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (const auto& command : cubby::cli::commands()) {
        if (std::strcmp(argv[1], command.name) != 0)
            continue;
        QStringList arguments;
        for (int i = 2; i < argc; ++i)
            arguments << QString::fromLocal8Bit(argv[i]);
        if (arguments.contains(QStringLiteral("--help"))) {
            std::printf("usage: cubbyctl %s %s\n  %s\n", command.name, command.usage,
                        command.description);
            return 0;
        }
        if (arguments.size() < command.minArguments || arguments.size() > command.maxArguments) {
            std::fprintf(stderr, "error: usage: cubbyctl %s %s\n", command.name, command.usage);
            return 2;
        }
        return command.run(arguments);
    }
    std::fprintf(stderr, "error: unknown command '%s'\n\n", argv[1]);
    printUsage(stderr);
    return 2;
}
