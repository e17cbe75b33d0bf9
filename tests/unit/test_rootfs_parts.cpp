// The pure parts of cubby-rootfs: the BusyBox root's table, how archive member names map into
// the new root, the static/dynamic check of a busybox program, and the command line.
#include "busybox_rootfs.h"
#include "command_line.h"
#include "elf_check.h"
#include "entry_path.h"

#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdlib>
#include <elf.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/stat.h>

using namespace cubby;

namespace {

// What `busybox --list-full` prints, cut down, with a duplicate and a directory the fixed
// table lacks.
constexpr std::string_view sampleApplets = "linuxrc\nbin/sh\nbin/ash\nbin/mount\nbin/umount\n"
                                           "sbin/init\nsbin/reboot\nsbin/udhcpc\nsbin/ip\n"
                                           "usr/bin/awk\nbin/sh\nusr/local/bin/extra\n";

std::vector<RootfsEntry> samplePlan() {
    auto plan = planBusyboxRootfs(sampleApplets);
    if (!plan)
        qFatal("%s", plan.error().message.c_str());
    return *plan;
}

const RootfsEntry* find(const std::vector<RootfsEntry>& plan, std::string_view path) {
    const auto at = std::ranges::find(plan, path, &RootfsEntry::path);
    return at == plan.end() ? nullptr : &*at;
}

// `sh -n`: the script parses (the build root's /bin/sh is dash, stricter than BusyBox ash).
bool shellParses(const std::string& script, std::string& why) {
    QTemporaryDir dir;
    const std::string path = dir.path().toStdString() + "/script";
    std::ofstream(path) << script;
    const std::string command = "/bin/sh -n " + path + " 2>" + path + ".err";
    const int status = std::system(command.c_str());
    std::ifstream err(path + ".err");
    std::stringstream text;
    text << err.rdbuf();
    why = text.str();
    return status == 0;
}

// A minimal ELF image: header plus program headers of the given types.
std::string elfImage(bool is64, bool bigEndian, uint16_t type, std::vector<uint32_t> phdrTypes) {
    const size_t ehsize = is64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    const size_t phentsize = is64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    std::string image(ehsize + phentsize * phdrTypes.size(), '\0');
    const auto put = [&](size_t offset, uint64_t value, size_t size) {
        for (size_t i = 0; i < size; ++i) {
            const size_t shift = 8 * (bigEndian ? size - 1 - i : i);
            image[offset + i] = static_cast<char>((value >> shift) & 0xff);
        }
    };
    image.replace(0, SELFMAG, ELFMAG);
    image[EI_CLASS] = is64 ? ELFCLASS64 : ELFCLASS32;
    image[EI_DATA] = bigEndian ? ELFDATA2MSB : ELFDATA2LSB;
    image[EI_VERSION] = EV_CURRENT;
    put(offsetof(Elf64_Ehdr, e_type), type, 2);
    if (is64) {
        put(offsetof(Elf64_Ehdr, e_phoff), ehsize, 8);
        put(offsetof(Elf64_Ehdr, e_phentsize), phentsize, 2);
        put(offsetof(Elf64_Ehdr, e_phnum), phdrTypes.size(), 2);
    } else {
        put(offsetof(Elf32_Ehdr, e_phoff), ehsize, 4);
        put(offsetof(Elf32_Ehdr, e_phentsize), phentsize, 2);
        put(offsetof(Elf32_Ehdr, e_phnum), phdrTypes.size(), 2);
    }
    for (size_t i = 0; i < phdrTypes.size(); ++i)
        put(ehsize + i * phentsize, phdrTypes[i], 4);
    return image;
}

std::string readFile(const char* path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::expected<RootfsCommand, CommandLineError> parse(std::initializer_list<std::string_view> args) {
    const std::vector<std::string_view> list(args);
    return parseRootfsCommandLine(list);
}

} // namespace

class TestRootfsParts : public QObject {
    Q_OBJECT
private slots:
    void busyboxPlanPathsAreUniqueAndParentsComeFirst() {
        const auto plan = samplePlan();
        std::set<std::string> seenDirectories;
        std::set<std::string> seen;
        for (const auto& entry : plan) {
            QVERIFY2(seen.insert(entry.path).second, entry.path.c_str());
            QVERIFY2(!entry.path.empty() && entry.path.front() != '/', entry.path.c_str());
            QVERIFY(entry.path.find("..") == std::string::npos);
            const size_t slash = entry.path.rfind('/');
            if (slash != std::string::npos)
                QVERIFY2(seenDirectories.contains(entry.path.substr(0, slash)), entry.path.c_str());
            if (entry.kind == RootfsEntry::Kind::Directory)
                seenDirectories.insert(entry.path);
        }
    }

    void busyboxPlanHasTheProgramTheAppletsAndTheModes() {
        const auto plan = samplePlan();
        const auto* busybox = find(plan, "bin/busybox");
        QVERIFY(busybox && busybox->kind == RootfsEntry::Kind::BusyboxBinary);
        QCOMPARE(busybox->mode, 0755u);
        // Every applet once, as a link to /bin/busybox; the unknown directory was added.
        for (const char* applet : {"linuxrc", "bin/sh", "sbin/init", "sbin/udhcpc", "usr/bin/awk",
                                   "usr/local/bin/extra"}) {
            const auto* link = find(plan, applet);
            QVERIFY2(link && link->kind == RootfsEntry::Kind::Symlink, applet);
            QCOMPARE(link->contents, std::string("/bin/busybox"));
        }
        QVERIFY(find(plan, "usr/local/bin") &&
                find(plan, "usr/local/bin")->kind == RootfsEntry::Kind::Directory);
        const std::map<std::string, unsigned> modes = {
            {"tmp", 01777},       {"var/tmp", 01777},
            {"root", 0700},       {"etc/shadow", 0640},
            {"etc/passwd", 0644}, {"etc/init.d/rcS", 0755},
            {"proc", 0555},       {"usr/share/udhcpc/default.script", 0755},
        };
        for (const auto& [path, mode] : modes) {
            const auto* entry = find(plan, path);
            QVERIFY2(entry, path.c_str());
            QCOMPARE(entry->mode, mode);
        }
        for (const char* dir : {"bin", "sbin", "usr/bin", "usr/sbin", "etc", "proc", "sys", "dev",
                                "var/log", "run", "home"}) {
            const auto* entry = find(plan, dir);
            QVERIFY2(entry && entry->kind == RootfsEntry::Kind::Directory, dir);
        }
    }

    void busyboxPlanAccountsAndInit() {
        const auto plan = samplePlan();
        const std::string passwd = find(plan, "etc/passwd")->contents;
        QVERIFY(passwd.starts_with("root:x:0:0:root:/root:/bin/sh\n"));
        QVERIFY(passwd.find("\nnobody:x:65534:65534:") != std::string::npos);
        const std::string group = find(plan, "etc/group")->contents;
        for (const char* line : {"root:x:0:\n", "tty:x:5:\n", "nogroup:x:65534:\n"})
            QVERIFY2(group.find(line) != std::string::npos, line);
        // Locked (no password matches '*') and not "must change at next login".
        QVERIFY(find(plan, "etc/shadow")->contents.starts_with("root:*::"));

        // Every inittab line is "id::action:process" with an action BusyBox init knows, and
        // every program it starts is in the root.
        const std::set<std::string> actions = {"sysinit",  "wait",     "once",    "respawn",
                                               "askfirst", "shutdown", "restart", "ctrlaltdel"};
        std::istringstream inittab(find(plan, "etc/inittab")->contents);
        std::map<std::string, std::string> byAction;
        for (std::string line; std::getline(inittab, line);) {
            if (line.empty() || line.front() == '#')
                continue;
            const size_t first = line.find(':');
            const size_t second = line.find(':', first + 1);
            const size_t third = line.find(':', second + 1);
            QVERIFY2(first != std::string::npos && second == first + 1 &&
                         third != std::string::npos,
                     line.c_str());
            const std::string action = line.substr(second + 1, third - second - 1);
            QVERIFY2(actions.contains(action), line.c_str());
            std::string program = line.substr(third + 1);
            program = program.substr(program.front() == '-' ? 1 : 0, program.find(' '));
            QVERIFY2(find(plan, program.substr(1)), program.c_str());
            byAction[action] = line.substr(third + 1);
        }
        QCOMPARE(byAction["sysinit"], std::string("/etc/init.d/rcS"));
        QCOMPARE(byAction["respawn"], std::string("-/bin/sh")); // a login shell on the console
        // The container's root is a host directory: remounting it read-only at shutdown
        // would reach the host's file system.
        QVERIFY(!byAction.contains("shutdown"));

        const std::string rcS = find(plan, "etc/init.d/rcS")->contents;
        QVERIFY(rcS.starts_with("#!/bin/sh\n"));
        QVERIFY(rcS.find("ip link set lo up") != std::string::npos);
        QVERIFY(rcS.find("udhcpc -b") != std::string::npos);
        QVERIFY(rcS.find("-s /usr/share/udhcpc/default.script") != std::string::npos);
        QVERIFY(rcS.find("mount -t proc") == std::string::npos); // the controller's job
        const std::string script = find(plan, "usr/share/udhcpc/default.script")->contents;
        for (const char* needle : {"deconfig)", "bound | renew)", "ip addr add",
                                   "ip route replace default via", "/etc/resolv.conf"})
            QVERIFY2(script.find(needle) != std::string::npos, needle);
        for (const char* path :
             {"etc/init.d/rcS", "usr/share/udhcpc/default.script", "etc/profile"}) {
            std::string why;
            QVERIFY2(shellParses(find(plan, path)->contents, why), (path + (": " + why)).c_str());
        }
    }

    void busyboxPlanRefusesStrangeAppletPaths() {
        for (const char* list : {"/bin/abs\n", "bin/../x\n", "bin//x\n", "bin/./x\n", "bin/x\x01\n",
                                 "etc/passwd\n", "bin/busybox/x\n", "", "\n\n"}) {
            const auto plan = planBusyboxRootfs(list);
            QVERIFY2(!plan, list);
            QCOMPARE(int(plan.error().kind), int(ErrorKind::InvalidArgument));
        }
    }

    void entryPathsAreReadLikeGnuTar() {
        const std::pair<const char*, const char*> cases[] = {
            {"etc/passwd", "etc/passwd"},
            {"./etc/passwd", "etc/passwd"},
            {"/etc/cubby-escape", "etc/cubby-escape"},
            {"//etc//./x/", "etc/x"},
            {"././a", "a"},
            {".hidden/..dots../x..", ".hidden/..dots../x.."},
            {"", "."},
            {"/", "."},
            {"./", "."},
            {".", "."},
        };
        for (const auto& [name, expected] : cases) {
            const auto path = normalizeEntryPath(name);
            QVERIFY2(path, name);
            QCOMPARE(*path, std::string(expected));
        }
        for (const char* hostile :
             {"../escape", "a/../../b", "a/..", "..", "/../x", "./../x", "a/b/../c"}) {
            const auto path = normalizeEntryPath(hostile);
            QVERIFY2(!path, hostile);
            QCOMPARE(int(path.error().kind), int(ErrorKind::InvalidArgument));
            QVERIFY2(path.error().message.find(hostile) != std::string::npos,
                     path.error().message.c_str());
        }
    }

    void elfLinkageComesFromTheProgramHeaders() {
        QCOMPARE(*elfLinkage(elfImage(true, false, ET_EXEC, {PT_LOAD, PT_INTERP, PT_DYNAMIC}), "x"),
                 ElfLinkage::Dynamic);
        QCOMPARE(*elfLinkage(elfImage(true, false, ET_EXEC, {PT_LOAD, PT_NOTE}), "x"),
                 ElfLinkage::Static);
        // A static PIE: its own PT_DYNAMIC, no interpreter.
        QCOMPARE(*elfLinkage(elfImage(true, false, ET_DYN, {PT_LOAD, PT_DYNAMIC}), "x"),
                 ElfLinkage::Static);
        QCOMPARE(*elfLinkage(elfImage(false, true, ET_EXEC, {PT_INTERP}), "x"),
                 ElfLinkage::Dynamic);
        QCOMPARE(*elfLinkage(elfImage(false, false, ET_EXEC, {PT_LOAD}), "x"), ElfLinkage::Static);
        std::string cut = elfImage(true, false, ET_EXEC, {PT_LOAD, PT_INTERP});
        cut.resize(cut.size() - 10);
        for (const std::string& bad :
             {std::string("#!/bin/sh\necho hi\n"), std::string(1, '\x7f') + "EL",
              elfImage(true, false, ET_REL, {PT_LOAD}), cut, elfImage(true, false, ET_EXEC, {})}) {
            const auto linkage = elfLinkage(bad, "/some/file");
            QVERIFY(!linkage);
            QCOMPARE(int(linkage.error().kind), int(ErrorKind::Unsupported));
            QVERIFY(linkage.error().message.starts_with("/some/file "));
        }
        // The real thing, where the build root has it.
        struct stat st = {};
        if (::stat("/bin/ls", &st) == 0)
            QCOMPARE(*elfLinkage(readFile("/bin/ls"), "/bin/ls"), ElfLinkage::Dynamic);
        if (::stat("/bin/busybox", &st) == 0)
            QCOMPARE(*elfLinkage(readFile("/bin/busybox"), "/bin/busybox"), ElfLinkage::Static);
    }

    void commandLinesThatWork() {
        auto create = parse({"create", "--base", "/var/lib/cubby/rootfs", "--name", "web",
                             "--source", "busybox", "--busybox", "/opt/bb", "--progress-fd", "5"});
        QVERIFY(create);
        QCOMPARE(int(create->verb), int(RootfsCommand::Verb::Create));
        QCOMPARE(int(create->source), int(RootfsCommand::Source::Busybox));
        QCOMPARE(create->base, std::string("/var/lib/cubby/rootfs"));
        QCOMPARE(create->name, std::string("web"));
        QCOMPARE(create->busybox, std::string("/opt/bb"));
        QCOMPARE(create->progressFd, 5);
        auto archive = parse({"create", "--progress-fd", "3", "--source", "archive", "--name",
                              "db.1", "--base", "/b"});
        QVERIFY(archive && archive->source == RootfsCommand::Source::Archive);
        QCOMPARE(archive->busybox, std::string("/bin/busybox"));
        QVERIFY(parse({"remove", "--base", "/b", "--name", "web", "--progress-fd", "3"}));
        auto clean = parse({"clean-stale", "--base", "/b"});
        QVERIFY(clean && clean->progressFd == -1);
        QVERIFY(parse({"--help"}) && parse({"--help"})->verb == RootfsCommand::Verb::Help);
        // A login prompt with passwords to come on standard input: checked fully once read.
        auto logins =
            parse({"create", "--base", "/b", "--name", "srv", "--source", "debian", "--user",
                   "alice", "--autologin", "no", "--passwords", "stdin", "--progress-fd", "3"});
        QVERIFY2(logins, logins ? "" : logins.error().error.message.c_str());
        QCOMPARE(logins->debian.user, std::string("alice"));
        QVERIFY(!logins->debian.consoleAutologin);
        QVERIFY(logins->passwordsOnStdin);
        // cubbyctl cp's jobs: the root and user namespace descriptors, the path, the new file.
        auto push =
            parse({"push", "--root-fd", "4", "--userns-fd", "5", "--path", "/etc/motd", "--mode",
                   "2750", "--uid", "1000", "--gid", "100", "--progress-fd", "6"});
        QVERIFY2(push, push ? "" : push.error().error.message.c_str());
        QCOMPARE(int(push->verb), int(RootfsCommand::Verb::Push));
        QCOMPARE(push->rootFd, 4);
        QCOMPARE(push->usernsFd, 5);
        QCOMPARE(push->path, std::string("/etc/motd"));
        QCOMPARE(push->mode, uint32_t(02750));
        QCOMPARE(push->uid, uint32_t(1000));
        QCOMPARE(push->gid, uint32_t(100));
        auto pull = parse({"pull-tree", "--root-fd", "4", "--path", "/srv", "--progress-fd", "3"});
        QVERIFY(pull && pull->verb == RootfsCommand::Verb::PullTree && pull->usernsFd == -1);
    }

    void commandLinesThatDoNot() {
        // The shape is wrong: exit 2.
        const std::vector<std::vector<std::string_view>> usage = {
            {},
            {"make"},
            {"create", "--base", "/b", "--name", "x", "--source", "busybox"}, // no progress fd
            {"create", "--base", "/b", "--name", "x", "--progress-fd", "3"},  // no source
            {"create", "--base", "/b", "--name", "x", "--source", "http", "--progress-fd", "3"},
            {"create", "--base", "/b", "--name", "x", "--source", "archive", "--busybox", "/bb",
             "--progress-fd", "3"},
            {"create", "--base", "/b", "--name", "x", "--source", "archive", "--progress-fd", "0"},
            {"create", "--base", "/b", "--name", "x", "--source", "archive", "--progress-fd", "-1"},
            {"remove", "--base", "/b", "--progress-fd", "3"}, // no name
            {"remove", "--name", "x", "--progress-fd", "3"},  // no base
            {"remove", "--base", "/b", "--name", "x", "--progress-fd", "3", "--source", "busybox"},
            {"clean-stale", "--base", "/b", "--name", "x"},
            {"clean-stale", "--base"},
            // A password is never a command line's: only "stdin" is taken.
            {"create", "--base", "/b", "--name", "x", "--source", "debian", "--passwords",
             "root:$y$j9T$salt$hash", "--progress-fd", "3"},
            {"create", "--base", "/b", "--name", "x", "--source", "debian", "--autologin", "maybe",
             "--progress-fd", "3"},
            {"create", "--base", "/b", "--name", "x", "--source", "busybox", "--user", "alice",
             "--progress-fd", "3"},
            {"push", "--root-fd", "4", "--progress-fd", "3"},                 // no path
            {"push", "--path", "/x", "--progress-fd", "3"},                   // no root
            {"push", "--root-fd", "2", "--path", "/x", "--progress-fd", "3"}, // a std stream
            {"push", "--root-fd", "3", "--path", "/x", "--progress-fd", "3"}, // the same fd
            {"push", "--root-fd", "4", "--path", "/x", "--mode", "8", "--progress-fd", "3"},
            {"push", "--root-fd", "4", "--path", "/x", "--mode", "17777", "--progress-fd", "3"},
            {"pull", "--root-fd", "4", "--path", "/x", "--mode", "644", "--progress-fd", "3"},
            {"pull", "--root-fd", "4", "--path", "/x", "--base", "/b", "--progress-fd", "3"},
        };
        for (const auto& args : usage) {
            const auto parsed = parseRootfsCommandLine(args);
            QVERIFY(!parsed);
            QVERIFY2(parsed.error().usage, parsed.error().error.message.c_str());
        }
        // The values are wrong: exit 1, like any other failed job.
        for (const char* name : {"../x", "a/b", "", ".hidden", "x..y"}) {
            const auto parsed =
                parse({"remove", "--base", "/b", "--name", name, "--progress-fd", "3"});
            QVERIFY2(!parsed && !parsed.error().usage, name);
            QCOMPARE(int(parsed.error().error.kind), int(ErrorKind::InvalidArgument));
        }
        // Nobody could log in: no autologin and no passwords coming.
        const auto locked = parse({"create", "--base", "/b", "--name", "x", "--source", "debian",
                                   "--autologin", "no", "--progress-fd", "3"});
        QVERIFY(!locked && !locked.error().usage);
        const auto system = parse({"create", "--base", "/b", "--name", "x", "--source", "debian",
                                   "--user", "root", "--progress-fd", "3"});
        QVERIFY(!system && !system.error().usage);
        for (const char* path : {"etc/motd", "/", "/etc/../shadow", "/etc//motd", "/etc/"}) {
            const auto parsed =
                parse({"push", "--root-fd", "4", "--path", path, "--progress-fd", "3"});
            QVERIFY2(!parsed && !parsed.error().usage, path);
        }
        const auto relative = parse({"clean-stale", "--base", "var/lib"});
        QVERIFY(!relative && !relative.error().usage);
        // Even a command line that fails is reported on the progress descriptor.
        const std::vector<std::string_view> broken = {"create", "--progress-fd", "7", "--bogus"};
        QCOMPARE(findProgressFd(broken), 7);
        QCOMPARE(findProgressFd(std::vector<std::string_view>{"create", "--progress-fd"}), -1);
        QVERIFY(rootfsUsage().find("2 bad command line") != std::string_view::npos);
    }
};

QTEST_APPLESS_MAIN(TestRootfsParts)
#include "test_rootfs_parts.moc"
