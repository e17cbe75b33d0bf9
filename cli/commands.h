#pragma once
// cubbyctl's verbs: the virsh verbs of the seed walkthrough, over io.github.cubby1.Manager.

#include <QStringList>
#include <functional>
#include <span>

namespace cubby::cli {

struct Command {
    const char* name;
    const char* usage;       // arguments after the verb
    const char* description; // one line for --help
    int minArguments;
    int maxArguments;
    std::function<int(const QStringList& arguments)> run;
};

// Every verb, in the order --help lists them.
std::span<const Command> commands();
// Root filesystems and jobs (rootfs_commands.cpp).
std::span<const Command> rootfsCommands();
// Shared folders (share_commands.cpp).
std::span<const Command> shareCommands();
// limit_commands.cpp: setmem, apply-live.
std::span<const Command> limitCommands();
// exec_command.cpp: exec.
std::span<const Command> execCommands();
// export_commands.cpp: export, import, copy.
std::span<const Command> exportCommands();
// cp_command.cpp: cp.
std::span<const Command> cpCommands();

} // namespace cubby::cli
