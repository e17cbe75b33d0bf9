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

std::span<const Command> commands();

} // namespace cubby::cli
