// Issue 13: containers exported to one file and imported again, through the real bus, polkitd
// and cubby-rootfs. The tree comes back as it was (owners, modes, times, hard links, extended
// attributes, file capabilities); the import is a new container (new uuid, MAC address, id
// range) that boots; a cancelled export leaves no file; what is not an export, a taken name
// and a refused caller change nothing.
#include "busybox_root.h"
#include "helper_client.h"
#include "loop_disk.h"
#include "tree_snapshot.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <linux/fiemap.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace cubby::test;

namespace {

const QString rootfsDir = QStringLiteral(CUBBY_TEST_PREFIX "/var/lib/cubby/rootfs");

QByteArray domainXml(const QString& name, const QString& root) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>/sbin/init</init></os><devices>"
                          "<filesystem type='mount'><source dir='%2'/><target dir='/'/>"
                          "</filesystem><interface type='bridge'><source bridge='br-export'/>"
                          "<mac address='52:54:00:0e:0e:01'/></interface>"
                          "<console type='pty'/></devices></domain>")
        .arg(name, root)
        .toUtf8();
}

QString field(const QString& xml, const QString& pattern) {
    return QRegularExpression(pattern).match(xml).captured(1);
}

// A file capability as setcap writes it (VFS_CAP_REVISION_2, cap_net_raw permitted and
// effective), so that the test needs no libcap tools.
QByteArray netRawCapability() {
    QByteArray value(20, '\0');
    const quint32 magicEffective = 0x02000000 | 0x1; // revision 2, effective
    const quint32 permitted = 1u << 13;              // CAP_NET_RAW
    memcpy(value.data(), &magicEffective, 4);
    memcpy(value.data() + 4, &permitted, 4);
    return value;
}

// Entries an export leaves out by design (device nodes, sockets): not expected back.
TreeSnapshot withoutSpecialFiles(TreeSnapshot tree) {
    std::erase_if(tree, [](const auto& entry) {
        const mode_t type = entry.second.mode & S_IFMT;
        return type == S_IFCHR || type == S_IFBLK || type == S_IFSOCK;
    });
    return tree;
}

pid_t exportWorkerPid() {
    for (const ProcessInfo& process : processes()) {
        if (process.cmdline.contains("cubby-rootfs") && process.cmdline.contains("export"))
            return process.pid;
    }
    return 0;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
    std::unique_ptr<BusyboxRoot> m_tree;
    QTemporaryDir m_files;
    TreeSnapshot m_original;
    std::unique_ptr<LoopDisk> m_btrfs; // the helper's root filesystems, where reflinks work
    QString m_btrfsProblem;            // why not, when the kernel refused

    // Exports `name` to `path` and imports it as `newName`; the import's root as a snapshot.
    void roundTrip(const QString& name, const QString& newName, const QString& path) {
        const Run exported = cubbyctl({"export", name, path});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const Run imported = cubbyctl({"import", path, newName});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        QVERIFY(m_files.isValid());
        QCOMPARE(QProcess::execute("ip", {"link", "add", "br-export", "type", "bridge"}), 0);
        // The helper's root filesystems on btrfs (before its first job makes the directory),
        // so that a clone of one of them can use reflinks.
        m_btrfs = std::make_unique<LoopDisk>("/var/tmp", 3072, LoopDisk::Kind::Btrfs);
        if (m_btrfs->ok()) {
            QVERIFY(QDir().mkpath(rootfsDir));
            QCOMPARE(
                QProcess::execute(
                    "mount", {"--bind", QString::fromStdString(m_btrfs->mountPoint()), rootfsDir}),
                0);
            QCOMPARE(::chmod(QFile::encodeName(rootfsDir).constData(), 0700), 0);
        } else {
            m_btrfsProblem = QString::fromStdString(m_btrfs->failure());
        }
        m_tree = std::make_unique<BusyboxRoot>();
        QVERIFY2(m_tree->ok(), m_tree->failure().c_str());
        QVERIFY(m_tree->writeFile("sbin/init", "#!/bin/sh\necho welcome to $(hostname)\n"
                                               "exec /bin/sh\n"));
        // What an archive must keep: another user's files, set-user-ID, a hard link, a FIFO,
        // a symlink, an extended attribute and a file capability.
        const std::string root = m_tree->path();
        QVERIFY(m_tree->writeFile("home/user/notes", "private notes\n", 0640));
        QCOMPARE(::chown((root + "/home/user").c_str(), 1000, 1000), 0);
        QCOMPARE(::chown((root + "/home/user/notes").c_str(), 1000, 100), 0);
        QVERIFY(m_tree->writeFile("usr/bin/pinger", "#!/bin/sh\necho ping\n", 04755));
        QCOMPARE(::chmod((root + "/usr/bin/pinger").c_str(), 04755), 0);
        QCOMPARE(::link((root + "/usr/bin/pinger").c_str(), (root + "/usr/bin/pinger2").c_str()),
                 0);
        QCOMPARE(::mkfifo((root + "/run-fifo").c_str(), 0600), 0);
        QCOMPARE(::symlink("usr/bin/pinger", (root + "/pinger-link").c_str()), 0);
        QCOMPARE(::setxattr((root + "/home/user/notes").c_str(), "user.cubby", "kept", 4, 0), 0);
        const QByteArray capability = netRawCapability();
        QCOMPARE(::setxattr((root + "/usr/bin/pinger").c_str(), "security.capability",
                            capability.constData(), size_t(capability.size()), 0),
                 0);
        QCOMPARE(::mknod((root + "/dev-null-copy").c_str(), S_IFCHR | 0666, makedev(1, 3)), 0);
        m_original = withoutSpecialFiles(snapshotTree(root));
        QCOMPARE(
            cubbyctl({"define", "-"}, 0, domainXml("orig", QString::fromStdString(root))).exitCode,
            0);
    }

    // The file is a plain .tar.zst of the root to tar, with the definition in front; the import
    // brings the tree back whole under a new container with a new identity, and it boots.
    void exportAndImportRoundTrip() {
        const QString path = m_files.filePath(QStringLiteral("orig.cubby"));
        roundTrip(QStringLiteral("orig"), QStringLiteral("again"), path);
        struct stat file = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &file), 0);
        QCOMPARE(file.st_mode & 0777, mode_t(0600)); // the tree's secrets are in it

        QProcess tar;
        tar.start(QStringLiteral("tar"), {"--zstd", "-tvf", path});
        QVERIFY(tar.waitForFinished(60000));
        const QString listing = QString::fromUtf8(tar.readAllStandardOutput());
        QCOMPARE(tar.exitCode(), 0);
        QVERIFY2(listing.contains("./bin/busybox"), qPrintable(listing));
        QVERIFY2(!listing.contains("dev-null-copy"), "device nodes are left out");

        const QString root = rootfsDir + "/again";
        const std::string differences =
            treeDifferences(m_original, snapshotTree(root.toStdString()));
        QVERIFY2(differences.empty(), differences.c_str());

        const QString before = cubbyctl({"dumpxml", "orig", "--inactive"}).out;
        const QString after = cubbyctl({"dumpxml", "again", "--inactive"}).out;
        QVERIFY2(after.contains("<name>again</name>"), qPrintable(after));
        QVERIFY2(after.contains("<source dir='" + root + "'/>"), qPrintable(after));
        const QString uuidPattern = QStringLiteral("<uuid>([0-9a-f-]+)</uuid>");
        const QString macPattern = QStringLiteral("<mac address='([0-9a-f:]+)'/>");
        const QString idPattern = QStringLiteral("<uid start='0' target='(\\d+)'");
        QVERIFY(!field(after, uuidPattern).isEmpty());
        QVERIFY(field(after, uuidPattern) != field(before, uuidPattern));
        // The exported MAC address is not carried over: the import gets its own.
        QCOMPARE(field(before, macPattern), QStringLiteral("52:54:00:0e:0e:01"));
        QVERIFY2(!after.contains("52:54:00:0e:0e:01"), qPrintable(after));
        QVERIFY(!field(after, idPattern).isEmpty());
        QVERIFY2(field(after, idPattern) != field(before, idPattern), qPrintable(after));

        const Run started = cubbyctl({"start", "again"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const QDBusMessage console = call(QStringLiteral("OpenConsole"), {QStringLiteral("again")});
        QVERIFY2(console.type() == QDBusMessage::ReplyMessage, qPrintable(console.errorMessage()));
        const int fd =
            qvariant_cast<QDBusUnixFileDescriptor>(console.arguments().at(0)).fileDescriptor();
        const QByteArray command =
            "cat /home/user/notes; cat /sys/class/net/eth0/address; ls -l /usr/bin/pinger\n";
        QCOMPARE(::write(fd, command.constData(), size_t(command.size())), ssize_t(command.size()));
        const QString seen = readFd(fd, "pinger\r\n", 20000);
        QVERIFY2(seen.contains("welcome to again") && seen.contains("private notes") &&
                     seen.contains("-rwsr-xr-x"),
                 qPrintable(seen));
        const QString mac =
            QRegularExpression("([0-9a-f]{2}(:[0-9a-f]{2}){5})\r\n").match(seen).captured(1);
        QVERIFY2(!mac.isEmpty() && mac != "52:54:00:0e:0e:01", qPrintable(seen));
        QCOMPARE(cubbyctl({"destroy", "again"}).exitCode, 0);
    }

    // A clone is a new container on a copy of the tree; from another filesystem it is a full
    // copy and says so.
    void cloneBootsWithANewIdentity() {
        const Run cloned = cubbyctl({"clone", "orig", "dup"});
        QVERIFY2(cloned.exitCode == 0, qPrintable(cloned.err));
        QVERIFY2(cloned.out.contains("Domain 'orig' cloned to 'dup'"), qPrintable(cloned.out));
        QVERIFY2(cloned.out.contains("as a full copy (the trees are on different filesystems)"),
                 qPrintable(cloned.out));
        const std::string differences = treeDifferences(
            m_original, withoutSpecialFiles(snapshotTree((rootfsDir + "/dup").toStdString())));
        QVERIFY2(differences.empty(), differences.c_str());
        const QString before = cubbyctl({"dumpxml", "orig", "--inactive"}).out;
        const QString after = cubbyctl({"dumpxml", "dup", "--inactive"}).out;
        const QString uuidPattern = QStringLiteral("<uuid>([0-9a-f-]+)</uuid>");
        QVERIFY(field(after, uuidPattern) != field(before, uuidPattern));
        QVERIFY(!after.contains("52:54:00:0e:0e:01"));
        const Run started = cubbyctl({"start", "dup"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const Run hostname = cubbyctl({"exec", "dup", "-T", "--", "cat", "/home/user/notes"});
        QCOMPARE(hostname.out, QStringLiteral("private notes\n"));
        // A running container is not cloned (its tree would change under the copy).
        const Run running = cubbyctl({"clone", "dup", "dup-again"});
        QCOMPARE(running.exitCode, 1);
        QVERIFY2(running.err.contains("clone it once it is stopped"), qPrintable(running.err));
        QCOMPARE(cubbyctl({"destroy", "dup"}).exitCode, 0);
        // The name must be free.
        const Run taken = cubbyctl({"clone", "orig", "dup"});
        QCOMPARE(taken.exitCode, 1);
        QVERIFY2(taken.err.contains("exists"), qPrintable(taken.err));
    }

    // Where the filesystem shares blocks, a clone is made of reflinks: its files' extents are
    // the original's (FIEMAP says shared), and no data was copied.
    void cloneOnBtrfsUsesReflinks() {
        if (!m_btrfsProblem.isEmpty())
            QSKIP(qPrintable("no btrfs test disk (the kernel refused): " + m_btrfsProblem));
        const QString source = rootfsDir + "/again";
        QFile big(source + "/var-big.bin");
        QVERIFY(big.open(QIODevice::WriteOnly));
        for (int i = 0; i < 8; ++i)
            big.write(QByteArray(1 << 20, char('a' + i)));
        big.close();
        QCOMPARE(::system("sync"), 0);
        const Run cloned = cubbyctl({"clone", "again", "thin"});
        QVERIFY2(cloned.exitCode == 0, qPrintable(cloned.err));
        QVERIFY2(cloned.out.contains("with reflinks"), qPrintable(cloned.out));
        const int fd = ::open(QFile::encodeName(rootfsDir + "/thin/var-big.bin").constData(),
                              O_RDONLY | O_CLOEXEC);
        QVERIFY(fd >= 0);
        alignas(fiemap) char buffer[sizeof(fiemap) + 16 * sizeof(fiemap_extent)] = {};
        auto* map = reinterpret_cast<fiemap*>(buffer);
        map->fm_length = ~0ULL;
        map->fm_flags = FIEMAP_FLAG_SYNC;
        map->fm_extent_count = 16;
        QCOMPARE(::ioctl(fd, FS_IOC_FIEMAP, map), 0);
        ::close(fd);
        QVERIFY(map->fm_mapped_extents > 0);
        for (unsigned i = 0; i < map->fm_mapped_extents; ++i)
            QVERIFY2(map->fm_extents[i].fe_flags & FIEMAP_EXTENT_SHARED,
                     "the clone's data is its own copy, not a reflink");
        QFile copy(rootfsDir + "/thin/var-big.bin");
        QVERIFY(copy.open(QIODevice::ReadOnly));
        QCOMPARE(copy.read(1), QByteArray("a"));
        QCOMPARE(cubbyctl({"undefine", "thin"}).exitCode, 0);
        QCOMPARE(cubbyctl({"rootfs-delete", "thin"}).exitCode, 0);
    }

    // A snapshot restored brings back what was deleted after it, whole; a running container,
    // a root Cubby did not make, a taken or unknown snapshot name and a refused caller change
    // nothing.
    void snapshotsBringBackWhatWasDeleted() {
        const QString root = rootfsDir + "/again";
        const TreeSnapshot before = snapshotTree(root.toStdString());
        const Run made = cubbyctl({"snapshot", "again", "before"});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        QVERIFY2(made.out.contains("Snapshot 'before' of 'again' made"), qPrintable(made.out));
        QVERIFY2(made.out.contains(m_btrfsProblem.isEmpty() ? "with reflinks" : "full copy"),
                 qPrintable(made.out));
        QVERIFY(cubbyctl({"snapshot-list", "again"}).out.contains("before"));

        QCOMPARE(cubbyctl({"start", "again"}).exitCode, 0);
        QCOMPARE(cubbyctl({"exec", "again", "-T", "--", "rm", "/home/user/notes"}).exitCode, 0);
        const Run running = cubbyctl({"snapshot-restore", "again", "before"});
        QCOMPARE(running.exitCode, 1);
        QVERIFY2(running.err.contains("is running"), qPrintable(running.err));
        QCOMPARE(cubbyctl({"destroy", "again"}).exitCode, 0);
        QVERIFY(!QFile::exists(root + "/home/user/notes"));

        const Run restored = cubbyctl({"snapshot-restore", "again", "before"});
        QVERIFY2(restored.exitCode == 0, qPrintable(restored.err));
        const std::string differences = treeDifferences(before, snapshotTree(root.toStdString()));
        QVERIFY2(differences.empty(), differences.c_str());
        QCOMPARE(cubbyctl({"start", "again"}).exitCode, 0);
        const Run notes = cubbyctl({"exec", "again", "-T", "--", "cat", "/home/user/notes"});
        QCOMPARE(notes.out, QStringLiteral("private notes\n"));
        QCOMPARE(cubbyctl({"destroy", "again"}).exitCode, 0);

        const Run notCubbys = cubbyctl({"snapshot", "orig", "x"});
        QCOMPARE(notCubbys.exitCode, 1);
        QVERIFY2(notCubbys.err.contains("on a root filesystem Cubby made"),
                 qPrintable(notCubbys.err));
        const Run taken = cubbyctl({"snapshot", "again", "before"});
        QCOMPARE(taken.exitCode, 1);
        QVERIFY2(taken.err.contains("has a snapshot named 'before'"), qPrintable(taken.err));
        const Run refused = cubbyctl({"snapshot", "again", "bobs"}, denied());
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains("not authorized"), qPrintable(refused.err));
        const Run refusedRestore = cubbyctl({"snapshot-restore", "again", "before"}, denied());
        QVERIFY2(refusedRestore.err.contains("not authorized"), qPrintable(refusedRestore.err));
        QVERIFY(!cubbyctl({"snapshot-list", "again"}).out.contains("bobs"));

        QCOMPARE(cubbyctl({"snapshot-delete", "again", "before"}).exitCode, 0);
        QVERIFY(!cubbyctl({"snapshot-list", "again"}).out.contains("before"));
        const Run gone = cubbyctl({"snapshot-restore", "again", "before"});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains("no snapshot named 'before'"), qPrintable(gone.err));
    }

    // A Debian system (the root tier's fixture tree, systemd, file capabilities on ping, ACLs
    // on the journal) comes back the same, and its import boots systemd.
    void debianRoundTrip() {
        const QString tree = qEnvironmentVariable("CUBBY_DEBIAN_SYSTEM_ROOT");
        QVERIFY2(QFile::exists(tree + "/usr/lib/systemd/systemd"),
                 "the debian_system_root fixture makes the tree (tests/root/CMakeLists.txt)");
        const QByteArray xml =
            QStringLiteral("<domain type='lxc'><name>deb</name><memory unit='MiB'>512</memory>"
                           "<os><type>exe</type><init>/sbin/init</init></os><features><privnet/>"
                           "</features><devices><filesystem type='mount'><source dir='%1'/>"
                           "<target dir='/'/></filesystem><console type='pty'/></devices>"
                           "</domain>")
                .arg(tree)
                .toUtf8();
        QCOMPARE(cubbyctl({"define", "-"}, 0, xml).exitCode, 0);
        const QString path = m_files.filePath(QStringLiteral("deb.cubby"));
        roundTrip(QStringLiteral("deb"), QStringLiteral("deb2"), path);
        const std::string differences =
            treeDifferences(withoutSpecialFiles(snapshotTree(tree.toStdString())),
                            snapshotTree((rootfsDir + "/deb2").toStdString()));
        QVERIFY2(differences.empty(), differences.c_str());

        const Run started = cubbyctl({"start", "deb2"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        QString state;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 120000 && state != "running" && state != "degraded") {
            const Run asked =
                cubbyctl({"exec", "deb2", "-T", "--", "systemctl", "is-system-running"});
            state = asked.out.trimmed();
            if (state != "running" && state != "degraded")
                QTest::qWait(500);
        }
        QVERIFY2(state == "running", qPrintable(state));
        QCOMPARE(cubbyctl({"destroy", "deb2"}).exitCode, 0);
        QCOMPARE(cubbyctl({"undefine", "deb2"}).exitCode, 0);
        QCOMPARE(cubbyctl({"rootfs-delete", "deb2"}).exitCode, 0);
        QCOMPARE(cubbyctl({"undefine", "deb"}).exitCode, 0);
        QFile::remove(path);
    }

    // Started while it is exported: refused; exported while it runs: refused.
    void exportAndStartExcludeEachOther() {
        QVERIFY(cubbyctl({"start", "orig"}).exitCode == 0);
        const Run running = cubbyctl({"export", "orig", m_files.filePath("running.cubby")});
        QCOMPARE(running.exitCode, 1);
        QVERIFY2(running.err.contains("is running; stop it"), qPrintable(running.err));
        QVERIFY(!QFile::exists(m_files.filePath("running.cubby")));
        QCOMPARE(cubbyctl({"destroy", "orig"}).exitCode, 0);
    }

    // Ctrl+C halfway: the job is cancelled, and no file (not even a partial one) is left.
    void cancelledExportLeavesNoFile() {
        // Enough data that the packing takes a moment; the worker is held (SIGSTOP) until the
        // cancel has reached it, so the test does not race the export.
        QFile big(QString::fromStdString(m_tree->path()) + "/big.bin");
        QVERIFY(big.open(QIODevice::WriteOnly));
        QFile random(QStringLiteral("/dev/urandom"));
        QVERIFY(random.open(QIODevice::ReadOnly));
        for (int i = 0; i < 32; ++i)
            big.write(random.read(1 << 20));
        big.close();
        const QString path = m_files.filePath(QStringLiteral("cancelled.cubby"));
        QProcess exporting;
        exporting.start(QStringLiteral(CUBBYCTL_PATH), {"export", "orig", path});
        QVERIFY(exporting.waitForStarted());
        pid_t worker = 0;
        QElapsedTimer timer;
        timer.start();
        while ((worker = exportWorkerPid()) == 0 && timer.elapsed() < 20000)
            QTest::qWait(1);
        QVERIFY(worker > 0);
        QCOMPARE(::kill(worker, SIGSTOP), 0);
        QTRY_VERIFY(cubbyctl({"jobs"}).out.contains(
            QRegularExpression("export-container\\s+orig\\s+running")));
        QCOMPARE(::kill(pid_t(exporting.processId()), SIGINT), 0);
        QTRY_VERIFY(cubbyctl({"jobs"}).out.contains("cancelling") ||
                    cubbyctl({"jobs"}).out.contains("cancelled"));
        ::kill(worker, SIGCONT);
        QVERIFY(exporting.waitForFinished(30000));
        QVERIFY2(exporting.exitCode() == 130, exporting.readAllStandardError().constData());
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(m_files.path()).entryList({"cancelled*"}, QDir::Files | QDir::Hidden),
                 QStringList{});
        QFile::remove(big.fileName());
    }

    // What is not an export, a name that is taken, an existing file: refused, nothing changed.
    void badImportsAndExportsChangeNothing() {
        const QString tarball = m_files.filePath(QStringLiteral("plain.tar"));
        QCOMPARE(QProcess::execute("tar", {"-C", QString::fromStdString(m_tree->path()), "-cf",
                                           tarball, "./bin"}),
                 0);
        const Run notExport = cubbyctl({"import", tarball, "plain"});
        QCOMPARE(notExport.exitCode, 1);
        QVERIFY2(notExport.err.contains("not a container exported by Cubby"),
                 qPrintable(notExport.err));

        const QString path = m_files.filePath(QStringLiteral("twice.cubby"));
        QCOMPARE(cubbyctl({"export", "orig", path}).exitCode, 0);
        const QByteArray exported = [&] {
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        const Run again = cubbyctl({"export", "orig", path});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("exists; an export never replaces"), qPrintable(again.err));
        QFile kept(path);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), exported);

        const Run taken = cubbyctl({"import", path, "orig"});
        QCOMPARE(taken.exitCode, 1);
        QVERIFY2(taken.err.contains("exists"), qPrintable(taken.err));
        QVERIFY(!QFile::exists(rootfsDir + "/orig"));

        // A truncated export fails and keeps nothing.
        const QString cut = m_files.filePath(QStringLiteral("cut.cubby"));
        QFile cutFile(cut);
        QVERIFY(cutFile.open(QIODevice::WriteOnly));
        cutFile.write(exported.left(exported.size() * 2 / 3));
        cutFile.close();
        const Run truncated = cubbyctl({"import", cut, "cut"});
        QCOMPARE(truncated.exitCode, 1);
        QVERIFY(!QFile::exists(rootfsDir + "/cut"));
        QVERIFY(!cubbyctl({"list", "--all"}).out.contains(QRegularExpression("\\scut\\s")));
    }

    // Raw calls with what cubbyctl would never send: refused, nothing made.
    void hostileArgumentsAreRefused() {
        const auto errorOf = [](const QString& method, const QVariantList& arguments) {
            const QDBusMessage reply = call(method, arguments);
            return reply.type() == QDBusMessage::ErrorMessage ? reply.errorMessage()
                                                              : QStringLiteral("(accepted)");
        };
        const int readOnly = ::open("/etc/hostname", O_RDONLY | O_CLOEXEC);
        const int directory = ::open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const int writeOnly = ::open(QFile::encodeName(m_files.filePath("w")).constData(),
                                     O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        QVERIFY(readOnly >= 0 && directory >= 0 && writeOnly >= 0);
        const auto fd = [](int number) {
            return QVariant::fromValue(QDBusUnixFileDescriptor(number));
        };
        QVERIFY(errorOf("ExportContainer", {QStringLiteral("orig"), fd(readOnly)})
                    .contains("not open for writing"));
        QVERIFY(errorOf("ExportContainer", {QStringLiteral("orig"), fd(directory)})
                    .contains("is a directory"));
        QVERIFY(errorOf("ExportContainer", {QStringLiteral("../orig"), fd(writeOnly)})
                    .contains("name"));
        const QString definition = QString::fromUtf8(domainXml("hostile", "/tmp"));
        QVERIFY(errorOf("ImportContainer", {definition, QString(), fd(writeOnly)})
                    .contains("not open for reading"));
        QVERIFY(errorOf("ImportContainer", {definition, QString(), fd(directory)})
                    .contains("is a directory"));
        QVERIFY(errorOf("ImportContainer", {definition, QStringLiteral("../../etc"), fd(readOnly)})
                    .contains("name"));
        QVERIFY(errorOf("ImportContainer",
                        {QString(2 * 1024 * 1024, QLatin1Char('<')), QString(), fd(readOnly)})
                    .contains("larger than a definition may be"));
        QVERIFY(errorOf("ImportContainer", {QStringLiteral("<domain"), QString(), fd(readOnly)}) !=
                QStringLiteral("(accepted)"));
        QVERIFY(errorOf("CloneContainer", {QStringLiteral("orig"), QStringLiteral("a/b")})
                    .contains("name"));
        QVERIFY(errorOf("CloneContainer", {QStringLiteral("nosuch"), QStringLiteral("fresh")})
                    .contains("nosuch"));
        for (const int open : {readOnly, directory, writeOnly})
            ::close(open);
        QVERIFY(!cubbyctl({"list", "--all"}).out.contains("hostile"));
        QVERIFY(!QFile::exists(rootfsDir + "/hostile") && !QFile::exists(rootfsDir + "/fresh"));
    }

    // A caller polkit refuses learns nothing and gets no job, whether the container exists.
    void deniedCallersAreRefused() {
        // bob may write his own directory and read the export: only polkit stands in his way.
        const QString bobs = m_files.filePath(QStringLiteral("bob"));
        QVERIFY(QDir().mkpath(bobs));
        QCOMPARE(::chmod(QFile::encodeName(m_files.path()).constData(), 0755), 0);
        QCOMPARE(::chown(QFile::encodeName(bobs).constData(), denied(), denied()), 0);
        const QString twice = m_files.filePath(QStringLiteral("twice.cubby"));
        QCOMPARE(::chmod(QFile::encodeName(twice).constData(), 0644), 0);
        const Run existing = cubbyctl({"export", "orig", bobs + "/a.cubby"}, denied());
        const Run missing = cubbyctl({"export", "nosuch", bobs + "/b.cubby"}, denied());
        QCOMPARE(existing.exitCode, 1);
        QVERIFY2(existing.err.contains("not authorized"), qPrintable(existing.err));
        QCOMPARE(existing.err, missing.err);
        QCOMPARE(QDir(bobs).entryList(QDir::Files | QDir::Hidden), QStringList{});
        const Run imported = cubbyctl({"import", twice, "bobs"}, denied());
        QCOMPARE(imported.exitCode, 1);
        QVERIFY2(imported.err.contains("not authorized"), qPrintable(imported.err));
        QVERIFY(!QFile::exists(rootfsDir + "/bobs"));
        QVERIFY(!cubbyctl({"jobs"}).out.contains("bobs"));
        QVERIFY(!cubbyctl({"list", "--all"}).out.contains("bobs"));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
