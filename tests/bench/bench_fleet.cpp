#include "bench_fleet.h"

#include "helper_bus.h"
#include "libvirt_daemon.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <format>
#include <fstream>
#include <print>
#include <unistd.h>

namespace cubby::bench {

int reexecOnPrivateBus(const char* program, int argc, char** argv,
                       const std::vector<std::string>& fixtureOptions,
                       const std::vector<std::string>& wrapper) {
    char self[4096] = {};
    if (::readlink("/proc/self/exe", self, sizeof self - 1) <= 0) {
        std::println(stderr, "{}: /proc/self/exe: {}", program, std::strerror(errno));
        return 1;
    }
    const std::string bus = CUBBY_BENCH_BUS_DIR;
    std::vector<std::string> command = {
        CUBBY_WITH_SYSTEM_BUS, "--polkit-actions", CUBBY_POLKIT_ACTIONS_DIR,  "--polkit-rules",
        bus + "/polkit-rules", "--bus-services",   bus + "/bus-services",     "--bus-policies",
        bus + "/bus-policies", "--tmpfs",          CUBBY_BENCH_HELPER_PREFIX, "--net"};
    command.insert(command.end(), fixtureOptions.begin(), fixtureOptions.end());
    command.emplace_back("--");
    command.insert(command.end(), wrapper.begin(), wrapper.end());
    command.emplace_back(self);
    command.emplace_back(onPrivateBus);
    for (int i = 1; i < argc; ++i)
        command.emplace_back(argv[i]);
    std::vector<char*> args;
    for (std::string& arg : command)
        args.push_back(arg.data());
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    std::println(stderr, "{}: {}: {}", program, args[0], std::strerror(errno));
    return 1;
}

QString cubbyName(int index) {
    return QString::asprintf("bench-c%03d", index);
}

std::string libvirtName(int index) {
    return std::format("bench-l{:03}", index);
}

std::string domainFor(const std::string& name, const test::BusyboxRoot& root,
                      const std::string& partition) {
    return benchDomainXml(name, root.path(), "/sbin/bench-init", "", partition);
}

Result<std::string> prepareBenchRoot(test::BusyboxRoot& root, std::string_view program) {
    if (!root.ok())
        return fail(Error::of(ErrorKind::System, root.failure()));
    if (!root.writeFile("sbin/bench-init", "#!/bin/sh\nexec /bin/sleep 100000\n"))
        return fail(Error::of(ErrorKind::System, "writing the root's /sbin/bench-init"));
    std::string workDir = std::format("/tmp/cubby-{}-XXXXXX", program);
    if (!::mkdtemp(workDir.data()))
        return fail(Error::system(errno, "mkdtemp"));
    return workDir;
}

Status defineContainer(const std::string& xml) {
    return replyStatus(
        callHelper(QStringLiteral("DefineContainer"), {QString::fromStdString(xml)}).reply);
}

Status destroyContainer(const QString& name) {
    CUBBY_CHECK(replyStatus(callHelper(QStringLiteral("DestroyContainer"), {name}).reply));
    return waitForState(name, QStringLiteral("shut off"));
}

Status populate(const test::BusyboxRoot& root, int defined, int running) {
    for (int i = 0; i < defined; ++i)
        CUBBY_CHECK(defineContainer(domainFor(cubbyName(i).toStdString(), root)));
    for (int i = 0; i < running; ++i)
        CUBBY_CHECK(
            replyStatus(callHelper(QStringLiteral("StartContainer"), {cubbyName(i)}).reply));
    return {};
}

Status depopulate(int defined, int running) {
    Status outcome;
    for (int i = 0; i < running; ++i) {
        if (auto done = destroyContainer(cubbyName(i)); !done)
            outcome = done;
    }
    for (int i = 0; i < defined; ++i)
        (void)callHelper(QStringLiteral("UndefineContainer"), {cubbyName(i)});
    return outcome;
}

Status populateLibvirt(LibvirtDaemon& daemon, const test::BusyboxRoot& root, int defined,
                       int running, const std::string& workDir) {
    for (int i = 0; i < defined; ++i) {
        const std::string name = libvirtName(i);
        const std::string file = workDir + "/" + name + ".xml";
        std::ofstream(file) << domainFor(name, root, daemon.partition());
        CUBBY_CHECK(daemon.virsh({"define", file}));
    }
    for (int i = 0; i < running; ++i)
        CUBBY_CHECK(daemon.virsh({"start", libvirtName(i)}));
    return {};
}

void depopulateLibvirt(LibvirtDaemon& daemon, int defined, int running) {
    for (int i = 0; i < running; ++i)
        (void)daemon.virsh({"destroy", libvirtName(i)});
    for (int i = 0; i < defined; ++i)
        (void)daemon.virsh({"undefine", libvirtName(i)});
}

void removeHelperCgroupParent() {
    ::rmdir("/sys/fs/cgroup/" CUBBY_BENCH_CGROUP_PARENT);
    if (DIR* top = ::opendir("/sys/fs/cgroup")) {
        while (const dirent* entry = ::readdir(top)) {
            const std::string dir =
                std::string("/sys/fs/cgroup/") + entry->d_name + "/" CUBBY_BENCH_CGROUP_PARENT;
            ::rmdir(dir.c_str());
        }
        ::closedir(top);
    }
}

} // namespace cubby::bench
