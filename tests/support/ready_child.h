#pragma once
// Starting a program the way the helper does for the root tier's fixtures (ControllerRun,
// NetworkRun): with a "ready descriptor" it reports on ("ready …" or "error …").

#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace cubby::test {

struct ReadyChild {
    pid_t pid = -1;
    int readyFd = -1;  // the read end, close-on-exec; the caller closes it
    std::string error; // why it could not be spawned
};

// Spawns `argv` (argv[0] is the program's path), every "{ready-fd}" in it replaced by the
// number of the descriptor the child reports on.
ReadyChild spawnReadyChild(std::vector<std::string> argv);

// The first line on `readyFd`, without its newline; `error` gets what went wrong (a timeout,
// or "WHAT exited without a word") and the result is empty then.
std::string readReadyLine(int readyFd, std::chrono::milliseconds timeout, const std::string& what,
                          std::string& error);

} // namespace cubby::test
