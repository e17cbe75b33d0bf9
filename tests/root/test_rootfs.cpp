// cubby-rootfs, the worker that makes and removes root filesystems for the helper, run as the
// helper runs it: a BusyBox root that boots to a shell and gets a DHCP lease, archives
// unpacked with owners, modes, links and capabilities intact, hostile archives that leave
// nothing behind and write nothing outside, cancellation, killed workers and their
// leftovers, and removal that neither follows symlinks nor enters mounts.
#include "busybox_root.h"
#include "controller_run.h"
#include "file_helpers.h"
#include "job_protocol.h"
#include "netns_fixture.h"
#include "network_run.h"
#include "rootfs_worker.h"
#include "test_archives.h"
#include "tree_snapshot.h"

#include <QScopeGuard>
#include <QTest>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <format>
#include <memory>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <thread>
#include <unistd.h>

using namespace cubby;
using namespace cubby::test;
using namespace std::chrono_literals;

namespace {

// A file capability: cap_net_raw+ep (struct vfs_cap_data, revision 2, little-endian).
std::string netRawCapability() {
    std::string value(20, '\0');
    const uint32_t words[5] = {0x02000001, 1u << 13, 0, 0, 0};
    std::memcpy(value.data(), words, sizeof words);
    return value;
}

std::string domainXml(const std::string& name, const std::string& root,
                      const std::string& interfaces = "") {
    return "<domain type='lxc'><name>" + name +
           "</name><memory unit='MiB'>64</memory><os><type>exe</type><init>/sbin/init</init>"
           "</os>" +
           unprivilegedIdmapXml() + "<devices><filesystem type='mount'><source dir='" + root +
           "'/><target dir='/'/></filesystem>" + interfaces +
           "<console type='pty'/></devices></domain>";
}

} // namespace

class TestRootfs : public QObject {
    Q_OBJECT

    std::string m_outside; // a directory outside every BASE that hostile input aims at

    // The outside directory must stay as the test made it: "keep" and "sub/keep2".
    std::string outsideProblem() const {
        const auto names = directoryEntries(m_outside);
        if (names != std::vector<std::string>{"keep", "sub"})
            return "the outside directory changed:\n" + joinedLines(names);
        if (readFile(m_outside + "/keep") != "outside\n" ||
            directoryEntries(m_outside + "/sub").size() != 1)
            return "the outside directory's files changed";
        return {};
    }

    // What is in BASE, for messages.
    static std::string leftovers(const ScratchBase& base) {
        return joinedLines(directoryEntries(base.path()));
    }

    // Sends `signal` and checks the worker stops within a second, says "cancelled", exits 3 and
    // leaves nothing in `base`.
    static void cancelsAtOnce(RootfsWorker& worker, int signal, const ScratchBase& base) {
        const auto asked = std::chrono::steady_clock::now();
        QCOMPARE(::kill(worker.pid(), signal), 0);
        QCOMPARE(worker.finish(5s), 3);
        const auto took = std::chrono::steady_clock::now() - asked;
        qInfo("cancelled in %lld ms", static_cast<long long>(took / 1ms));
        QVERIFY(took < 1s);
        const std::string problem = protocolProblem(worker, JobUpdate::Kind::Cancelled);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY2(directoryEntries(base.path()).empty(), leftovers(base).c_str());
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the root tier needs root: run it through scripts/test");
        ::signal(SIGPIPE, SIG_IGN); // feeders write into pipes whose reader was killed
        m_outside = temporaryDirectory("cubby-rootfs-outside", 0755);
        QVERIFY(!m_outside.empty());
        QVERIFY(writeFile(m_outside + "/keep", "outside\n"));
        QCOMPARE(::mkdir((m_outside + "/sub").c_str(), 0755), 0);
        QVERIFY(writeFile(m_outside + "/sub/keep2", "outside too\n"));
    }

    void cleanupTestCase() {
        if (!m_outside.empty())
            removeTree(m_outside);
    }

    void busyboxRootBootsToARootShell() {
        ScratchBase base;
        RootfsWorker worker(createArgs(base, "bb", "busybox"));
        QCOMPARE(worker.finish(), 0);
        JobUpdate done;
        const std::string problem = protocolProblem(worker, JobUpdate::Kind::Done, &done);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY2(done.text.find("BusyBox") != std::string::npos, done.text.c_str());
        QCOMPARE(directoryEntries(base.path()), std::vector<std::string>{"bb"});
        const std::string root = base / "bb";
        struct stat st = {};
        QCOMPARE(::lstat((root + "/bin/busybox").c_str(), &st), 0);
        QVERIFY(S_ISREG(st.st_mode));
        QCOMPARE(st.st_mode & 07777, mode_t{0755});
        QCOMPARE(readFile(root + "/bin/busybox"), readFile("/bin/busybox"));
        char target[256] = {};
        QVERIFY(::readlink((root + "/bin/sh").c_str(), target, sizeof target - 1) > 0);
        QCOMPARE(std::string(target), std::string("/bin/busybox"));
        QVERIFY(readFile(root + "/etc/passwd").starts_with("root:x:0:0:"));
        QVERIFY(readFile(root + "/etc/inittab").find("::sysinit:/etc/init.d/rcS") !=
                std::string::npos);
        QCOMPARE(::lstat((root + "/tmp").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t{01777});
        QCOMPARE(::lstat((root + "/etc/shadow").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t{0640});

        // BusyBox init boots it: rcS runs, then a root login shell on the console.
        TestPrefix prefix;
        {
            ControllerRun run(prefix, "bbinit", domainXml("bbinit", root));
            QVERIFY2(run.waitReady(), run.error().c_str());
            auto client = run.connect();
            QVERIFY(client && client->request(ControlMessage::AttachConsole));
            const std::string prompt = readConsoleUntil(*client, "root@bbinit:");
            QVERIFY2(prompt.find("root@bbinit:") != std::string::npos, prompt.c_str());
            QVERIFY(client->send(ControlMessage::ConsoleInput,
                                 "echo ok-$((6*7)) home=$HOME run=$(grep -c '^tmpfs /run ' "
                                 "/proc/mounts) lo=$(ip link show lo | grep -c ,UP)\n"));
            const std::string out = readConsoleUntil(*client, "lo=1");
            QVERIFY2(out.find("ok-42 home=/root run=1 lo=1") != std::string::npos, out.c_str());
            // Powering off goes through BusyBox init's own shutdown, well before the
            // controller's fallback kill.
            const auto asked = std::chrono::steady_clock::now();
            QVERIFY(client->request(ControlMessage::Shutdown, "20"));
            QCOMPARE(run.waitExit(30s), 0);
            QVERIFY(std::chrono::steady_clock::now() - asked < 15s);
        }
    }

    void busyboxRootGetsADhcpLeaseAtBoot() {
        // The whole path of rcS and udhcpc's default.script: a NAT network's dnsmasq hands
        // out an address from its range (the MAC has no reservation, so nothing configures
        // the interface beforehand), and the script sets address, route and resolv.conf.
        ScratchBase base;
        QVERIFY2(
            runProblem(createArgs(base, "leased", "busybox"), 0, JobUpdate::Kind::Done).empty(),
            "create failed");
        auto lab = HostAndUplink::create();
        QVERIFY2(lab, lab ? "" : lab.error().message.c_str());
        TestPrefix prefix;
        const std::string networkXml =
            "<network><name>lan</name><forward mode='nat'/><bridge name='cubbybr7' stp='off'/>"
            "<domain name='lab.test'/><ip address='192.168.157.1' prefix='24'><dhcp><range "
            "start='192.168.157.100' end='192.168.157.199'/></dhcp></ip></network>";
        std::unique_ptr<NetworkRun> network;
        std::unique_ptr<ControllerRun> run;
        {
            NetNamespaceGuard inside(lab->host);
            network = std::make_unique<NetworkRun>(prefix, "lan", networkXml);
            QVERIFY2(network->waitReady(), network->error().c_str());
            run = std::make_unique<ControllerRun>(
                prefix, "leased",
                domainXml("leased", base / "leased",
                          "<interface type='network'><source network='lan'/><mac "
                          "address='52:54:00:00:9d:0c'/></interface>"));
        }
        QVERIFY2(run->waitReady(), run->error().c_str());
        auto client = run->connect();
        QVERIFY(client && client->request(ControlMessage::AttachConsole));
        const std::string prompt = readConsoleUntil(*client, "root@leased:", 30s);
        QVERIFY2(prompt.find("root@leased:") != std::string::npos, prompt.c_str());
        QVERIFY(client->send(ControlMessage::ConsoleInput,
                             "ip -4 -o addr show eth0; ip route; cat /etc/resolv.conf; echo "
                             "END-$((1+1))\n"));
        const std::string out = readConsoleUntil(*client, "END-2");
        QVERIFY2(out.find("inet 192.168.157.1") != std::string::npos, out.c_str());
        QVERIFY2(out.find("default via 192.168.157.1 dev eth0") != std::string::npos, out.c_str());
        QVERIFY2(out.find("nameserver 192.168.157.1") != std::string::npos, out.c_str());
        QVERIFY2(out.find("search lab.test") != std::string::npos, out.c_str());
    }

    void archiveImportKeepsOwnersModesLinksAndCapabilities() {
        const std::string source = temporaryDirectory("cubby-rootfs-source", 0755);
        QVERIFY(!source.empty());
        const auto cleanup = qScopeGuard([&] { removeTree(source); });
        const auto dir = [&](const std::string& path, mode_t mode, uid_t uid = 0, gid_t gid = 0) {
            ::mkdir((source + "/" + path).c_str(), mode);
            ::chown((source + "/" + path).c_str(), uid, gid);
            ::chmod((source + "/" + path).c_str(), mode);
        };
        const auto file = [&](const std::string& path, const std::string& data, mode_t mode,
                              uid_t uid = 0, gid_t gid = 0) {
            writeFile(source + "/" + path, data);
            ::chown((source + "/" + path).c_str(), uid, gid);
            ::chmod((source + "/" + path).c_str(), mode);
        };
        dir("etc", 0755);
        file("etc/config", "setting=1\n", 0644);
        QCOMPARE(::setxattr((source + "/etc/config").c_str(), "user.cubby", "yes", 3, 0), 0);
        dir("home", 0755);
        dir("home/user", 0750, 1000, 1000);
        file("home/user/notes", "mine\n", 0600, 1000, 1000);
        dir("usr", 0755);
        dir("usr/bin", 0755);
        file("usr/bin/su-like", randomBytes(100000, 1), 04755);
        file("usr/bin/ping-like", "#!/bin/sh\n", 0755);
        const std::string capability = netRawCapability();
        QCOMPARE(::setxattr((source + "/usr/bin/ping-like").c_str(), "security.capability",
                            capability.data(), capability.size(), 0),
                 0);
        file("usr/bin/first", "same inode\n", 0755);
        QCOMPARE(::link((source + "/usr/bin/first").c_str(), (source + "/usr/bin/second").c_str()),
                 0);
        QCOMPARE(::symlink("su-like", (source + "/usr/bin/relative").c_str()), 0);
        QCOMPARE(::symlink("/etc/config", (source + "/etc/absolute").c_str()), 0);
        QCOMPARE(::symlink("/nonexistent", (source + "/dangling").c_str()), 0);
        dir("var", 0755);
        dir("var/mail", 02775, 0, 8);
        dir("secret", 0, 1000, 1000);
        QCOMPARE(::mkfifo((source + "/var/fifo").c_str(), 0620), 0);
        const timespec old[2] = {{1000000000, 0}, {1000000000, 0}};
        QCOMPARE(::utimensat(AT_FDCWD, (source + "/etc/config").c_str(), old, 0), 0);
        QCOMPARE(::utimensat(AT_FDCWD, (source + "/var").c_str(), old, 0), 0);
        const std::string tarball = source + ".tar.gz";
        const auto removeTarball = qScopeGuard([&] { ::unlink(tarball.c_str()); });
        const std::string tar = std::format("tar --numeric-owner --xattrs --xattrs-include='*' "
                                            "-C {} -czf {} .",
                                            source, tarball);
        QCOMPARE(std::system(tar.c_str()), 0);
        const auto expected = snapshotTree(source);
        QVERIFY(expected.at("usr/bin/ping-like").xattrs.find("security.capability") !=
                std::string::npos);

        ScratchBase base;
        // From a regular file: fractions of the file's size, up to 1.
        {
            const int input = ::open(tarball.c_str(), O_RDONLY | O_CLOEXEC);
            RootfsWorker worker(createArgs(base, "fromfile", "archive"), input);
            ::close(input);
            QCOMPARE(worker.finish(), 0);
            JobUpdate done;
            const std::string problem = protocolProblem(worker, JobUpdate::Kind::Done, &done);
            QVERIFY2(problem.empty(), problem.c_str());
            double highest = 0;
            for (const auto& line : worker.lines()) {
                const auto update = parseJobUpdate(line);
                if (update->kind == JobUpdate::Kind::Progress &&
                    update->text.starts_with("Unpacking: "))
                    highest = std::max(highest, update->fraction);
            }
            QVERIFY2(highest > 0.99, joinedLines(worker.lines()).c_str());
            const std::string differences =
                treeDifferences(expected, snapshotTree(base / "fromfile"));
            QVERIFY2(differences.empty(), differences.c_str());
            struct stat first = {};
            struct stat second = {};
            QCOMPARE(::lstat((base / "fromfile/usr/bin/first").c_str(), &first), 0);
            QCOMPARE(::lstat((base / "fromfile/usr/bin/second").c_str(), &second), 0);
            QCOMPARE(first.st_ino, second.st_ino);
        }
        // From a pipe: no total, so no fraction.
        {
            PipeFeeder feeder(readFile(tarball), false);
            RootfsWorker worker(createArgs(base, "frompipe", "archive"), feeder.readEnd());
            feeder.handedOver();
            QCOMPARE(worker.finish(), 0);
            const std::string problem = protocolProblem(worker, JobUpdate::Kind::Done);
            QVERIFY2(problem.empty(), problem.c_str());
            for (const auto& line : worker.lines()) {
                if (line.starts_with("progress ") && line.find("Unpacking: ") != std::string::npos)
                    QVERIFY2(line.starts_with("progress -1.0000 Unpacking: "), line.c_str());
            }
            const std::string differences =
                treeDifferences(expected, snapshotTree(base / "frompipe"));
            QVERIFY2(differences.empty(), differences.c_str());
        }
        QCOMPARE(directoryEntries(base.path()), (std::vector<std::string>{"fromfile", "frompipe"}));
    }

    void everyFormatAndCompression_data() {
        QTest::addColumn<void*>("format");
        QTest::addColumn<void*>("filter");
        const auto row = [](const char* name, ArchiveSetup format, ArchiveSetup filter) {
            QTest::newRow(name) << reinterpret_cast<void*>(format)
                                << reinterpret_cast<void*>(filter);
        };
        row("tar", archive_write_set_format_pax_restricted, archive_write_add_filter_none);
        row("tar.gz", archive_write_set_format_gnutar, archive_write_add_filter_gzip);
        row("tar.bz2", archive_write_set_format_ustar, archive_write_add_filter_bzip2);
        row("tar.xz", archive_write_set_format_pax_restricted, archive_write_add_filter_xz);
        row("tar.zst", archive_write_set_format_pax_restricted, archive_write_add_filter_zstd);
        row("tar.lz4", archive_write_set_format_pax_restricted, archive_write_add_filter_lz4);
        row("cpio.gz", archive_write_set_format_cpio_newc, archive_write_add_filter_gzip);
    }

    void everyFormatAndCompression() {
        QFETCH(void*, format);
        QFETCH(void*, filter);
        ScratchBase base;
        const std::string archive = makeArchive(
            {{"etc", AE_IFDIR, 0755},
             {"etc/hostname", AE_IFREG, 0644, "formats\n"},
             {"bin", AE_IFDIR, 0755},
             {"bin/tool", AE_IFREG, 04755, randomBytes(70000, 8)},
             {"bin/alias", AE_IFLNK, 0777, {}, "tool"}},
            false, reinterpret_cast<ArchiveSetup>(format), reinterpret_cast<ArchiveSetup>(filter));
        QVERIFY(archive.size() > 100);
        PipeFeeder feeder(archive, false);
        RootfsWorker worker(createArgs(base, "formats", "archive"), feeder.readEnd());
        feeder.handedOver();
        QCOMPARE(worker.finish(), 0);
        const std::string problem = protocolProblem(worker, JobUpdate::Kind::Done);
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(readFile(base / "formats/etc/hostname"), std::string("formats\n"));
        QCOMPARE(readFile(base / "formats/bin/tool"), randomBytes(70000, 8));
        struct stat st = {};
        QCOMPARE(::stat((base / "formats/bin/alias").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 07777, mode_t{04755});
    }

    void refusedArchivesLeaveNothing_data() {
        QTest::addColumn<QByteArray>("archive");
        QTest::addColumn<QString>("kind");
        const auto bytes = [](const std::string& text) {
            return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
        };
        const ArchiveMember file{"etc/ok", AE_IFREG, 0644, "fine\n", {}, {}};
        QTest::newRow("dotdot") << bytes(makeArchive({file, {"../escape", AE_IFREG, 0644, "x"}}))
                                << QStringLiteral("InvalidArgument");
        QTest::newRow("dotdot inside")
            << bytes(makeArchive({{"a/../../escape", AE_IFREG, 0644, "x"}}))
            << QStringLiteral("InvalidArgument");
        QTest::newRow("symlink then through it")
            << bytes(makeArchive({{"evil", AE_IFLNK, 0777, {}, m_outside},
                                  {"evil/owned", AE_IFREG, 0644, "pwned\n"}}))
            << QStringLiteral("InvalidArgument");
        QTest::newRow("relative symlink then through it")
            << bytes(makeArchive({{"evil", AE_IFLNK, 0777, {}, "../../../../../../" + m_outside},
                                  {"evil/owned", AE_IFREG, 0644, "pwned\n"}}))
            << QStringLiteral("InvalidArgument");
        QTest::newRow("hardlink up")
            << bytes(makeArchive({file, {"shadow", AE_IFREG, 0644, {}, {}, "../../etc/shadow"}}))
            << QStringLiteral("InvalidArgument");
        QTest::newRow("hardlink to an absolute host file")
            << bytes(makeArchive({file, {"shadow", AE_IFREG, 0644, {}, {}, "/etc/passwd"}}))
            << QStringLiteral("InvalidArgument");
        std::string truncated = makeArchive({{"big", AE_IFREG, 0644, randomBytes(300000, 2)}});
        truncated.resize(truncated.size() / 2);
        QTest::newRow("truncated") << bytes(truncated) << QStringLiteral("InvalidArgument");
        QTest::newRow("garbage") << bytes(randomBytes(8192, 3))
                                 << QStringLiteral("InvalidArgument");
        QTest::newRow("zero bytes") << QByteArray() << QStringLiteral("InvalidArgument");
        QTest::newRow("no members") << bytes(makeArchive({})) << QStringLiteral("InvalidArgument");
        // Zip keeps owners and modes at its end, out of a stream's reach: refused.
        QTest::newRow("zip") << bytes(makeArchive({file}, false, archive_write_set_format_zip))
                             << QStringLiteral("InvalidArgument");
        QTest::newRow("nothing but the root")
            << bytes(makeArchive({{"./", AE_IFDIR, 0755}})) << QStringLiteral("InvalidArgument");
    }

    void refusedArchivesLeaveNothing() {
        QFETCH(QByteArray, archive);
        QFETCH(QString, kind);
        ScratchBase base;
        struct stat passwdBefore = {};
        QCOMPARE(::stat("/etc/passwd", &passwdBefore), 0);
        const std::string input = base.path() + ".archive";
        const auto removeInput = qScopeGuard([&] { ::unlink(input.c_str()); });
        const int fd = fileWith(input, archive.toStdString());
        JobUpdate last;
        const std::string problem = runProblem(createArgs(base, "hostile", "archive"), 1,
                                               JobUpdate::Kind::Error, fd, &last);
        ::close(fd);
        QVERIFY2(problem.empty(), problem.c_str());
        QCOMPARE(QString::fromStdString(std::string(errorKindName(last.errorKind))), kind);
        QVERIFY(!last.text.empty());
        QVERIFY2(directoryEntries(base.path()).empty(), leftovers(base).c_str());
        // Nothing escaped next to BASE, into the outside directory or onto a host file.
        const std::string parent = base.path().substr(0, base.path().rfind('/'));
        QVERIFY(!pathExists(parent + "/escape"));
        const std::string outside = outsideProblem();
        QVERIFY2(outside.empty(), outside.c_str());
        struct stat passwdAfter = {};
        QCOMPARE(::stat("/etc/passwd", &passwdAfter), 0);
        QCOMPARE(passwdAfter.st_nlink, passwdBefore.st_nlink);
    }

    void absoluteMembersLandInsideAndDevicesAreSkipped() {
        ScratchBase base;
        QVERIFY(!pathExists("/etc/cubby-escape"));
        const std::string input = base.path() + ".archive";
        const auto removeInput = qScopeGuard([&] { ::unlink(input.c_str()); });
        const int fd = fileWith(
            input, makeArchive({{"/etc/cubby-escape", AE_IFREG, 0644, "inside\n"},
                                {"./dev/evil-null", AE_IFCHR, 0666},
                                {"dev/evil-again", AE_IFREG, 0644, {}, {}, "dev/evil-null"},
                                {"bin/tool", AE_IFREG, 0755, "#!/bin/sh\n"}}));
        JobUpdate done;
        const std::string problem =
            runProblem(createArgs(base, "abs", "archive"), 0, JobUpdate::Kind::Done, fd, &done);
        ::close(fd);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(!pathExists("/etc/cubby-escape"));
        QCOMPARE(readFile(base / "abs/etc/cubby-escape"), std::string("inside\n"));
        QCOMPARE(readFile(base / "abs/bin/tool"), std::string("#!/bin/sh\n"));
        // The device and its second name are skipped; the controller makes /dev.
        QVERIFY(!pathExists(base / "abs/dev/evil-null"));
        QVERIFY(!pathExists(base / "abs/dev/evil-again"));
        QVERIFY2(done.text.find("skipped 2 device nodes") != std::string::npos, done.text.c_str());
    }

    void cancelStopsAStalledImportAtOnce() {
        ScratchBase base;
        std::string tarball = makeArchive({{"one", AE_IFREG, 0644, randomBytes(1 << 20, 4)},
                                           {"two", AE_IFREG, 0644, randomBytes(1 << 20, 5)},
                                           {"three", AE_IFREG, 0644, randomBytes(1 << 20, 6)}},
                                          false);
        tarball.resize(tarball.size() * 2 / 3); // and then the feeder stalls: a blocked read
        PipeFeeder feeder(tarball, true);
        RootfsWorker worker(createArgs(base, "stalled", "archive"), feeder.readEnd());
        feeder.handedOver();
        QVERIFY(worker.waitForProgress("Unpacking"));
        std::this_thread::sleep_for(300ms); // it has read all there is and waits for more
        QVERIFY(pathExists(base / ".partial-stalled"));
        cancelsAtOnce(worker, SIGTERM, base);
    }

    void cancelStopsABusyImportAtOnce() {
        ScratchBase base;
        EndlessArchive endless;
        RootfsWorker worker(createArgs(base, "busy", "archive"), endless.readEnd());
        QVERIFY(worker.waitForProgress("Unpacking"));
        std::this_thread::sleep_for(500ms);
        cancelsAtOnce(worker, SIGINT, base);
    }

    void killedImportLeavesAPartialThatCleanStaleRemoves() {
        ScratchBase base;
        PipeFeeder feeder(makeArchive({{"one", AE_IFREG, 0644, "1\n"}}, false).substr(0, 700),
                          true);
        {
            RootfsWorker worker(createArgs(base, "killed", "archive"), feeder.readEnd());
            QVERIFY(worker.waitForProgress("Unpacking"));
            QCOMPARE(::kill(worker.pid(), SIGKILL), 0);
            QCOMPARE(worker.finish(5s), 128 + SIGKILL);
        }
        feeder.handedOver();
        QCOMPARE(directoryEntries(base.path()), std::vector<std::string>{".partial-killed"});
        // A leftover of a removal that died, and a live worker's directory (locked here).
        QCOMPARE(::mkdir((base / ".removing-old").c_str(), 0755), 0);
        QVERIFY(writeFile(base / ".removing-old/file", "x"));
        QCOMPARE(::mkdir((base / ".partial-live").c_str(), 0755), 0);
        const int live =
            ::open((base / ".partial-live").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        QCOMPARE(::flock(live, LOCK_EX), 0);
        // A live worker's create of the same name is refused.
        JobUpdate refused;
        QVERIFY(
            runProblem(createArgs(base, "live", "busybox"), 1, JobUpdate::Kind::Error, -1, &refused)
                .empty());
        QCOMPARE(int(refused.errorKind), int(ErrorKind::AlreadyExists));
        QVERIFY2(refused.text.find("is being created") != std::string::npos, refused.text.c_str());

        JobUpdate done;
        QVERIFY(runProblem({"clean-stale", "--base", base.path(), "--progress-fd", "3"}, 0,
                           JobUpdate::Kind::Done, -1, &done)
                    .empty());
        QCOMPARE(done.text, std::string("removed 2 leftovers; left 1 in use"));
        QCOMPARE(directoryEntries(base.path()), std::vector<std::string>{".partial-live"});
        ::close(live);
        // Without a progress descriptor it works silently.
        RootfsWorker silent({"clean-stale", "--base", base.path()});
        QCOMPARE(silent.finish(), 0);
        QVERIFY(silent.lines().empty());
        QVERIFY(directoryEntries(base.path()).empty());
    }

    void aStaleLeftoverDoesNotBlockTheNextCreate() {
        ScratchBase base;
        QCOMPARE(::mkdir((base / ".partial-again").c_str(), 0755), 0);
        QVERIFY(writeFile(base / ".partial-again/half-made", "x"));
        QVERIFY(runProblem(createArgs(base, "again", "busybox"), 0, JobUpdate::Kind::Done).empty());
        QCOMPARE(directoryEntries(base.path()), std::vector<std::string>{"again"});
        QVERIFY(!pathExists(base / "again/half-made"));
    }

    void removeNeverFollowsSymlinksOutside() {
        ScratchBase base;
        QVERIFY(
            runProblem(createArgs(base, "doomed", "busybox"), 0, JobUpdate::Kind::Done).empty());
        const std::string root = base / "doomed";
        QCOMPARE(::symlink((m_outside + "/keep").c_str(), (root + "/link-to-file").c_str()), 0);
        QCOMPARE(::symlink(m_outside.c_str(), (root + "/link-to-dir").c_str()), 0);
        QCOMPARE(::symlink(("../../../../.." + m_outside).c_str(), (root + "/etc/rel").c_str()), 0);
        QCOMPARE(::link((m_outside + "/keep").c_str(), (root + "/hardlink").c_str()), 0);
        // A directory nobody may enter, and a chain deeper than the worker keeps open.
        QCOMPARE(::mkdir((root + "/locked").c_str(), 0755), 0);
        QCOMPARE(::mkdir((root + "/locked/inner").c_str(), 0755), 0);
        QVERIFY(writeFile(root + "/locked/inner/file", "x"));
        QCOMPARE(::chmod((root + "/locked/inner").c_str(), 0), 0);
        QCOMPARE(::chmod((root + "/locked").c_str(), 0), 0);
        std::string deep = root;
        for (int level = 0; level < 300; ++level) {
            deep += "/d";
            QCOMPARE(::mkdir(deep.c_str(), 0755), 0);
        }
        QCOMPARE(::symlink(m_outside.c_str(), (deep + "/deep-link").c_str()), 0);

        RootfsWorker worker(
            {"remove", "--base", base.path(), "--name", "doomed", "--progress-fd", "3"});
        QCOMPARE(worker.finish(), 0);
        JobUpdate done;
        const std::string problem = protocolProblem(worker, JobUpdate::Kind::Done, &done);
        QVERIFY2(problem.empty(), problem.c_str());
        const auto removing = std::ranges::find_if(worker.lines(), [](const std::string& line) {
            return line.find(" Removing: ") != std::string::npos;
        });
        QVERIFY2(removing != worker.lines().end(), joinedLines(worker.lines()).c_str());
        QVERIFY2(worker.lines().rbegin()[1].starts_with("progress 1.0000 Removing: "),
                 joinedLines(worker.lines()).c_str());
        QVERIFY2(directoryEntries(base.path()).empty(), leftovers(base).c_str());
        const std::string outside = outsideProblem();
        QVERIFY2(outside.empty(), outside.c_str());
        struct stat st = {};
        QCOMPARE(::stat((m_outside + "/keep").c_str(), &st), 0);
        QCOMPARE(st.st_nlink, nlink_t{1});
    }

    void removeLeavesMountsAndWhatIsInThem_data() {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("a tmpfs") << true;
        QTest::newRow("a bind mount of the same file system") << false;
    }

    void removeLeavesMountsAndWhatIsInThem() {
        QFETCH(bool, tmpfs);
        ScratchBase base;
        QVERIFY(
            runProblem(createArgs(base, "mounted", "busybox"), 0, JobUpdate::Kind::Done).empty());
        const std::string mountPoint = base / "mounted/var/log/data";
        QCOMPARE(::mkdir(mountPoint.c_str(), 0755), 0);
        const int mounted =
            tmpfs ? ::mount("tmpfs", mountPoint.c_str(), "tmpfs", 0, "size=1m")
                  : ::mount(m_outside.c_str(), mountPoint.c_str(), nullptr, MS_BIND, nullptr);
        QCOMPARE(mounted, 0);
        const auto unmount = qScopeGuard([&] { ::umount2(mountPoint.c_str(), MNT_DETACH); });
        if (tmpfs)
            QVERIFY(writeFile(mountPoint + "/precious", "keep me\n"));
        JobUpdate error;
        QVERIFY(
            runProblem({"remove", "--base", base.path(), "--name", "mounted", "--progress-fd", "3"},
                       1, JobUpdate::Kind::Error, -1, &error)
                .empty());
        QCOMPARE(int(error.errorKind), int(ErrorKind::Conflict));
        QVERIFY2(error.text.find(mountPoint + " is a mount point") != std::string::npos,
                 error.text.c_str());
        // Found before anything went: the tree keeps its name and everything in it.
        QCOMPARE(directoryEntries(base.path()), std::vector<std::string>{"mounted"});
        QVERIFY(pathExists(base / "mounted/bin/busybox"));
        if (tmpfs)
            QCOMPARE(readFile(mountPoint + "/precious"), std::string("keep me\n"));
        const std::string outside = outsideProblem();
        QVERIFY2(outside.empty(), outside.c_str());
        // Unmounted, it goes.
        QCOMPARE(::umount2(mountPoint.c_str(), 0), 0);
        QVERIFY(
            runProblem({"remove", "--base", base.path(), "--name", "mounted", "--progress-fd", "3"},
                       0, JobUpdate::Kind::Done)
                .empty());
        QVERIFY(directoryEntries(base.path()).empty());
    }

    void removeOfNothingIsNotFound() {
        ScratchBase base;
        JobUpdate error;
        QVERIFY(
            runProblem({"remove", "--base", base.path(), "--name", "ghost", "--progress-fd", "3"},
                       1, JobUpdate::Kind::Error, -1, &error)
                .empty());
        QCOMPARE(int(error.errorKind), int(ErrorKind::NotFound));
    }

    void badNamesAndBasesAreRefused_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("dotdot") << QStringLiteral("../x");
        QTest::newRow("slash") << QStringLiteral("a/b");
        QTest::newRow("empty") << QStringLiteral("");
        QTest::newRow("hidden") << QStringLiteral(".partial-x");
    }

    void badNamesAndBasesAreRefused() {
        QFETCH(QString, name);
        ScratchBase base;
        JobUpdate error;
        QVERIFY(runProblem(createArgs(base, name.toStdString(), "busybox"), 1,
                           JobUpdate::Kind::Error, -1, &error)
                    .empty());
        QCOMPARE(int(error.errorKind), int(ErrorKind::InvalidArgument));
        QVERIFY(directoryEntries(base.path()).empty());
        QVERIFY(!pathExists(base.path().substr(0, base.path().rfind('/')) + "/x"));
    }

    void unsafeBasesAndBadCommandLinesAreRefused() {
        ScratchBase base;
        // Writable by others, a symlink, or not root's: someone else could swap directories.
        QCOMPARE(::chmod(base.path().c_str(), 0777), 0);
        JobUpdate error;
        QVERIFY(runProblem(createArgs(base, "x", "busybox"), 1, JobUpdate::Kind::Error, -1, &error)
                    .empty());
        QVERIFY2(error.text.find("may be written by others") != std::string::npos,
                 error.text.c_str());
        QCOMPARE(::chmod(base.path().c_str(), 0700), 0);
        QCOMPARE(::chown(base.path().c_str(), 1000, 1000), 0);
        QVERIFY(runProblem(createArgs(base, "x", "busybox"), 1, JobUpdate::Kind::Error).empty());
        QCOMPARE(::chown(base.path().c_str(), 0, 0), 0);
        const std::string link = base.path() + ".link";
        QCOMPARE(::symlink(base.path().c_str(), link.c_str()), 0);
        const auto removeLink = qScopeGuard([&] { ::unlink(link.c_str()); });
        QVERIFY(runProblem({"create", "--base", link, "--name", "x", "--source", "busybox",
                            "--progress-fd", "3"},
                           1, JobUpdate::Kind::Error)
                    .empty());
        QVERIFY(directoryEntries(base.path()).empty());
        // A bad command line is exit 2, reported on the progress descriptor too.
        QVERIFY(runProblem({"create", "--base", base.path(), "--name", "x", "--source", "ftp",
                            "--progress-fd", "3"},
                           2, JobUpdate::Kind::Error)
                    .empty());
        // Standard input that is a directory is no archive.
        const int directory = ::open(base.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        QVERIFY(runProblem(createArgs(base, "x", "archive"), 1, JobUpdate::Kind::Error, directory,
                           &error)
                    .empty());
        ::close(directory);
        QCOMPARE(int(error.errorKind), int(ErrorKind::InvalidArgument));
        QVERIFY(directoryEntries(base.path()).empty());
    }

    void anExistingTreeIsNeverTouched() {
        ScratchBase base;
        QVERIFY(runProblem(createArgs(base, "taken", "busybox"), 0, JobUpdate::Kind::Done).empty());
        QVERIFY(writeFile(base / "taken/etc/marker", "mine\n"));
        const auto before = snapshotTree(base / "taken");
        JobUpdate error;
        QVERIFY(
            runProblem(createArgs(base, "taken", "busybox"), 1, JobUpdate::Kind::Error, -1, &error)
                .empty());
        QCOMPARE(int(error.errorKind), int(ErrorKind::AlreadyExists));
        const std::string input = base.path() + ".archive";
        const auto removeInput = qScopeGuard([&] { ::unlink(input.c_str()); });
        const int fd = fileWith(input, makeArchive({{"etc/marker", AE_IFREG, 0644, "theirs\n"}}));
        QVERIFY(
            runProblem(createArgs(base, "taken", "archive"), 1, JobUpdate::Kind::Error, fd, &error)
                .empty());
        ::close(fd);
        QCOMPARE(int(error.errorKind), int(ErrorKind::AlreadyExists));
        const std::string differences = treeDifferences(before, snapshotTree(base / "taken"));
        QVERIFY2(differences.empty(), differences.c_str());
        QCOMPARE(directoryEntries(base.path()), std::vector<std::string>{"taken"});
    }

    void aDynamicallyLinkedBusyboxIsUnsupported() {
        ScratchBase base;
        auto args = createArgs(base, "dyn", "busybox");
        args.insert(args.end(), {"--busybox", "/bin/ls"});
        JobUpdate error;
        QVERIFY(runProblem(args, 1, JobUpdate::Kind::Error, -1, &error).empty());
        QCOMPARE(int(error.errorKind), int(ErrorKind::Unsupported));
        QVERIFY2(error.text.find("/bin/ls is dynamically linked") != std::string::npos &&
                     error.text.find("busybox-static") != std::string::npos,
                 error.text.c_str());
        QVERIFY(directoryEntries(base.path()).empty());
    }
};

QTEST_APPLESS_MAIN(TestRootfs)
#include "test_rootfs.moc"
