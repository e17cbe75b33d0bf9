// cubby-systemd: the controller's calls to systemd and systemd-machined on hosts that run
// them (engine/sys/systemd_host.h), in a program of its own because they need libsystemd's
// sd-bus and the controller is linked statically without it. Root's only, run by the
// controller; it checks its arguments all the same.
//
//   cubby-systemd start-scope NAME PID
//   cubby-systemd register NAME UUID LEADER-PID ROOT-DIRECTORY [IFINDEX...]
//   cubby-systemd unregister NAME
//
// Exit status 0 on success, 3 where machined is not installed, 2 for bad arguments, 1 for any
// other failure; the reason is the last line on stderr.
#include "names.h"
#include "systemd_bus.h"

#include <charconv>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

using namespace cubby;

namespace {

constexpr size_t maxInterfaces = 64;

Result<int64_t> number(std::string_view text, std::string_view what, int64_t max) {
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0 || value > max)
        return failInvalid(std::string(what) + " is not a number from 1 to " + std::to_string(max) +
                           ": " + std::string(text));
    return value;
}

Result<MachineRegistration> parseRegistration(const std::vector<std::string_view>& args) {
    if (args.size() < 4 || args.size() > 4 + maxInterfaces)
        return failInvalid("register takes NAME UUID LEADER-PID ROOT-DIRECTORY [IFINDEX...]");
    MachineRegistration machine;
    CUBBY_CHECK(validateObjectName(args[0], "the container's name"));
    machine.name = args[0];
    CUBBY_TRY(uuid, Uuid::parse(args[1], "the container's UUID"));
    machine.uuid = uuid;
    CUBBY_TRY(leader, number(args[2], "the leader's pid", INT32_MAX));
    machine.leader = static_cast<pid_t>(leader);
    CUBBY_CHECK(validateAbsolutePath(args[3], "the root directory"));
    machine.rootDirectory = args[3];
    for (size_t i = 4; i < args.size(); ++i) {
        CUBBY_TRY(index, number(args[i], "an interface index", INT32_MAX));
        machine.hostInterfaces.push_back(static_cast<int>(index));
    }
    return machine;
}

Status run(std::string_view verb, const std::vector<std::string_view>& args) {
    if (verb == "start-scope") {
        if (args.size() != 2)
            return failInvalid("start-scope takes NAME PID");
        CUBBY_CHECK(validateObjectName(args[0], "the container's name"));
        CUBBY_TRY(pid, number(args[1], "the pid", INT32_MAX));
        return startContainerScope(args[0], static_cast<pid_t>(pid));
    }
    if (verb == "register") {
        CUBBY_TRY(machine, parseRegistration(args));
        return registerMachine(machine);
    }
    if (verb == "unregister") {
        if (args.size() != 1)
            return failInvalid("unregister takes NAME");
        CUBBY_CHECK(validateObjectName(args[0], "the container's name"));
        return unregisterMachine(args[0]);
    }
    return failInvalid("usage: cubby-systemd start-scope|register|unregister ...");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: cubby-systemd start-scope|register|unregister ...\n");
        return systemdToolUsage;
    }
    const std::vector<std::string_view> args(argv + 2, argv + argc);
    const auto done = run(argv[1], args);
    if (done)
        return 0;
    std::fprintf(stderr, "%s\n", done.error().message.c_str());
    switch (done.error().kind) {
    case ErrorKind::InvalidArgument:
        return systemdToolUsage;
    case ErrorKind::NotFound:
        return systemdToolUnavailable;
    default:
        return systemdToolFailed;
    }
}
