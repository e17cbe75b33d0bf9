// Issue 13: cubbyctl cp, files into and out of a container through the real bus, polkitd,
// cubby-rootfs and (while it runs) the container's controller. Content, mode and owner (as the
// container sees it) come out right, stopped and running; the path is resolved inside the
// container's root whatever symlinks, "..", /proc or FIFOs the container holds; directories
// go both ways (-r); --connect works through the ssh channel (a stand-in ssh here; the real
// second machine is test_remote_machine's); a push cut off keeps the old file; a refused
// caller learns nothing and changes nothing; raw calls with what cubbyctl would never send
// are refused.
#include "busybox_root.h"
#include "helper_client.h"
#include "stream_frames.h"

#include <QDBusMessage>
#include <QDBusUnixFileDescriptor>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace cubby::test;

namespace {

const QByteArray containerShadow = "root:container-only-hash:19000:0:99999:7:::\n";

QByteArray domainXml(const QString& name, const QString& root) {
    return QStringLiteral("<domain type='lxc'><name>%1</name><memory unit='MiB'>64</memory>"
                          "<os><type>exe</type><init>/sbin/init</init></os><features><privnet/>"
                          "</features><devices><filesystem type='mount'><source dir='%2'/>"
                          "<target dir='/'/></filesystem><console type='pty'/></devices>"
                          "</domain>")
        .arg(name, root)
        .toUtf8();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(unreadable)");
}

bool writeLocal(const QString& path, const QByteArray& content, mode_t mode) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(content);
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

struct stat lstatOf(const QString& path) {
    struct stat status = {};
    status.st_mode = 0;
    ::lstat(QFile::encodeName(path).constData(), &status);
    return status;
}

QString ownerAndMode(const QString& path) {
    const struct stat status = lstatOf(path);
    return QStringLiteral("%1:%2 %3")
        .arg(status.st_uid)
        .arg(status.st_gid)
        .arg(status.st_mode & 07777, 0, 8);
}

// A one-member ustar archive naming `name` as it is (even "../x"), which tar would not write.
QByteArray ustarWith(const QByteArray& name, const QByteArray& content) {
    QByteArray header(512, '\0');
    const auto put = [&](int at, const QByteArray& value) {
        std::memcpy(header.data() + at, value.constData(), size_t(value.size()));
    };
    put(0, name);
    put(100, "0000644");
    put(108, "0000000");
    put(116, "0000000");
    put(124, QByteArray::number(content.size(), 8).rightJustified(11, '0'));
    put(136, "00000000000");
    put(156, "0");
    put(257, QByteArray("ustar\0", 6));
    put(263, "00");
    std::memset(header.data() + 148, ' ', 8);
    uint sum = 0;
    for (const char byte : header)
        sum += uchar(byte);
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    QByteArray body = content;
    body.append(QByteArray((512 - content.size() % 512) % 512, '\0'));
    return header + body + QByteArray(1024, '\0');
}

bool makeLocalTree(const QString& base) {
    return QDir().mkpath(base + "/sub") && writeLocal(base + "/one", "one\n", 0640) &&
           writeLocal(base + "/sub/two", "two\n", 0755) &&
           ::symlink("one", QFile::encodeName(base + "/link").constData()) == 0;
}

} // namespace

class TestFileCopy : public QObject {
    Q_OBJECT
    std::unique_ptr<BusyboxRoot> m_tree;
    QTemporaryDir m_files;
    QString m_root;
    QByteArray m_hostShadow;

    QString local(const QString& name) const { return m_files.filePath(name); }
    QString inTree(const QString& path) const { return m_root + path; }

    // As the container sees it: "UID:GID MODE" from its own stat.
    QString statInside(const QString& path) {
        return cubbyctl({"exec", "files", "-T", "--", "stat", "-c", "%u:%g %a", path})
            .out.trimmed();
    }

    // Every refusal a reviewer would try, the container stopped or running: each fails with a
    // clear message and changes nothing, inside the container or on the host.
    void escapesStayInside(bool running) {
        // A symlink to /etc/shadow, and through ../../.. : the container's shadow, not the host's.
        for (const QString& path :
             {QStringLiteral("files:/shadow-link"), QStringLiteral("files:/up/etc/shadow"),
              QStringLiteral("files:/abs-etc/shadow")}) {
            const Run pulled = cubbyctl({"cp", path, "-"});
            QVERIFY2(pulled.exitCode == 0, qPrintable(path + ": " + pulled.err));
            QCOMPARE(pulled.out.toUtf8(), containerShadow);
        }
        // Pushed through a directory symlink that climbs out (../../../../etc) and an absolute
        // one (/etc): lands in the container's /etc, never the host's.
        QVERIFY(writeLocal(local("escape"), "escaped?\n", 0644));
        for (const QString& path :
             {QStringLiteral("/climb/cubby-cp-escape"), QStringLiteral("/abs-etc/cubby-cp-abs")}) {
            const Run pushed = cubbyctl({"cp", local("escape"), "files:" + path});
            QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
            const QString name = path.mid(path.lastIndexOf('/'));
            QVERIFY2(!QFile::exists("/etc" + name), "a push reached the host's /etc");
            QCOMPARE(readAll(inTree("/etc" + name)), QByteArray("escaped?\n"));
            QVERIFY(QFile::remove(inTree("/etc" + name)));
        }
        QCOMPARE(readAll("/etc/shadow"), m_hostShadow);
        // Over a symlink (even one that stays inside): refused, the link and its target kept.
        const Run overLink = cubbyctl({"cp", local("escape"), "files:/shadow-link"});
        QCOMPARE(overLink.exitCode, 1);
        QVERIFY2(overLink.err.contains("is a symbolic link"), qPrintable(overLink.err));
        QVERIFY(S_ISLNK(lstatOf(inTree("/shadow-link")).st_mode));
        QCOMPARE(readAll(inTree("/etc/shadow")), containerShadow);
        // ".." in the path: refused before anything is resolved.
        const Run dots = cubbyctl({"cp", local("escape"), "files:/root/../../etc/passwd"});
        QCOMPARE(dots.exitCode, 1);
        QVERIFY2(dots.err.contains("'..' component"), qPrintable(dots.err));
        const Run dotsOut = cubbyctl({"cp", "files:/root/../../etc/shadow", "-"});
        QCOMPARE(dotsOut.exitCode, 1);
        QVERIFY(dotsOut.out.isEmpty());
        // A FIFO: refused both ways at once (a pull does not wait for a writer).
        const Run overFifo = cubbyctl({"cp", local("escape"), "files:/fifo"});
        QCOMPARE(overFifo.exitCode, 1);
        QVERIFY2(overFifo.err.contains("is a FIFO"), qPrintable(overFifo.err));
        QVERIFY(S_ISFIFO(lstatOf(inTree("/fifo")).st_mode));
        const Run fromFifo = cubbyctl({"cp", "files:/fifo", "-"});
        QCOMPARE(fromFifo.exitCode, 1);
        QVERIFY2(fromFifo.err.contains("not a regular file"), qPrintable(fromFifo.err));
        // Over a directory, or into a directory that does not exist.
        const Run overDirectory = cubbyctl({"cp", local("escape"), "files:/root"});
        QCOMPARE(overDirectory.exitCode, 1);
        QVERIFY2(overDirectory.err.contains("is a directory"), qPrintable(overDirectory.err));
        const Run noDirectory = cubbyctl({"cp", local("escape"), "files:/no/such/file"});
        QCOMPARE(noDirectory.exitCode, 1);
        QVERIFY2(noDirectory.err.contains("does not exist in the container"),
                 qPrintable(noDirectory.err));
        if (!running)
            return;
        // /proc inside the container: its processes' roots are magic links that are not
        // followed; its sysctl files take no new files; a device node is no file to replace.
        // (The copying process may not even look at init's: it is no ptracer there.)
        const Run procRoot = cubbyctl({"cp", "files:/proc/1/root/etc/shadow", "-"});
        QCOMPARE(procRoot.exitCode, 1);
        QVERIFY(procRoot.out.isEmpty());
        QVERIFY2(procRoot.err.contains("link to a process's files") ||
                     procRoot.err.contains("Permission denied"),
                 qPrintable(procRoot.err));
        const Run procPush = cubbyctl({"cp", local("escape"), "files:/proc/1/root/etc/evil"});
        QCOMPARE(procPush.exitCode, 1);
        QVERIFY2(!QFile::exists(inTree("/etc/evil")) && !QFile::exists("/etc/evil"),
                 "a push through /proc/1/root wrote");
        const Run sysctl = cubbyctl({"cp", local("escape"), "files:/proc/sys/kernel/cubby-evil"});
        QCOMPARE(sysctl.exitCode, 1);
        const Run device = cubbyctl({"cp", local("escape"), "files:/dev/null"});
        QCOMPARE(device.exitCode, 1);
        QVERIFY2(device.err.contains("device node"), qPrintable(device.err));
        QCOMPARE(cubbyctl({"exec", "files", "-T", "--", "cat", "/dev/null"}).exitCode, 0);
        QCOMPARE(readAll("/etc/shadow"), m_hostShadow);
    }

private slots:
    void initTestCase() {
        QVERIFY2(geteuid() == 0, "the dbus tier needs root: run it through scripts/test");
        QVERIFY2(qEnvironmentVariableIsSet("CUBBY_TEST_ALLOWED_UID"),
                 "run this test through tests/support/with-system-bus");
        QVERIFY(m_files.isValid());
        QCOMPARE(::chmod(QFile::encodeName(m_files.path()).constData(), 0755), 0);
        m_hostShadow = readAll("/etc/shadow");
        m_tree = std::make_unique<BusyboxRoot>();
        QVERIFY2(m_tree->ok(), m_tree->failure().c_str());
        m_root = QString::fromStdString(m_tree->path());
        QVERIFY(m_tree->writeFile("sbin/init", "#!/bin/sh\nexec /bin/sh\n"));
        QVERIFY(m_tree->writeFile("etc/shadow", containerShadow.toStdString(), 0640));
        QVERIFY(m_tree->writeFile("root/old", "old content\n", 0600));
        QVERIFY(QDir().mkpath(inTree("/home/user")));
        const auto link = [&](const char* target, const QString& at) {
            return ::symlink(target, QFile::encodeName(inTree(at)).constData()) == 0;
        };
        QVERIFY(link("/etc/shadow", "/shadow-link"));
        QVERIFY(link("../../..", "/home/user/up-from-home"));
        QVERIFY(link("../../..", "/up"));
        QVERIFY(link("../../../../etc", "/climb"));
        QVERIFY(link("/etc", "/abs-etc"));
        QCOMPARE(::mkfifo(QFile::encodeName(inTree("/fifo")).constData(), 0644), 0);
        QCOMPARE(cubbyctl({"define", "-"}, 0, domainXml("files", m_root)).exitCode, 0);
    }

    // Stopped: the file lands in the root filesystem with the mode and owner asked for (the
    // container's ids are the ids on disk); a pull brings content and mode back.
    void pushAndPullStopped() {
        QVERIFY(writeLocal(local("tool"), "#!/bin/sh\necho tool\n", 0755));
        const Run pushed = cubbyctl({"cp", local("tool"), "files:/root/tool"});
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
        QCOMPARE(readAll(inTree("/root/tool")), QByteArray("#!/bin/sh\necho tool\n"));
        QCOMPARE(ownerAndMode(inTree("/root/tool")), QStringLiteral("0:0 755"));
        // --owner and --mode, set-group-ID kept (the owner goes first); a trailing '/' takes
        // the local name.
        const Run owned = cubbyctl(
            {"cp", "--owner", "1000:100", "--mode", "2750", local("tool"), "files:/home/user/"});
        QVERIFY2(owned.exitCode == 0, qPrintable(owned.err));
        QCOMPARE(ownerAndMode(inTree("/home/user/tool")), QStringLiteral("1000:100 2750"));
        // From standard input over an existing file: replaced whole, 0644 by default.
        const Run fromStdin = cubbyctl({"cp", "-", "files:/root/old"}, 0, "new content\n");
        QVERIFY2(fromStdin.exitCode == 0, qPrintable(fromStdin.err));
        QCOMPARE(readAll(inTree("/root/old")), QByteArray("new content\n"));
        QCOMPARE(ownerAndMode(inTree("/root/old")), QStringLiteral("0:0 644"));
        QCOMPARE(QDir(inTree("/root")).entryList({".cubby-cp-*"}, QDir::Files | QDir::Hidden),
                 QStringList{});

        // Out again: to a file (its mode less the umask), into a directory, to stdout.
        const Run pulled = cubbyctl({"cp", "files:/root/tool", local("pulled")});
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        QCOMPARE(readAll(local("pulled")), QByteArray("#!/bin/sh\necho tool\n"));
        QVERIFY(lstatOf(local("pulled")).st_mode & S_IXUSR);
        QVERIFY(QDir().mkpath(local("into")));
        QCOMPARE(cubbyctl({"cp", "files:/etc/shadow", local("into")}).exitCode, 0);
        QCOMPARE(readAll(local("into/shadow")), containerShadow);
        const Run toStdout = cubbyctl({"cp", "files:/root/old", "-"});
        QCOMPARE(toStdout.exitCode, 0);
        QCOMPARE(toStdout.out, QStringLiteral("new content\n"));
        // A pull that fails leaves the destination as it was.
        QVERIFY(writeLocal(local("kept"), "kept\n", 0644));
        QCOMPARE(cubbyctl({"cp", "files:/root/missing", local("kept")}).exitCode, 1);
        QCOMPARE(readAll(local("kept")), QByteArray("kept\n"));
        QCOMPARE(QDir(m_files.path()).entryList({".*cubby-cp*"}, QDir::Files | QDir::Hidden),
                 QStringList{});
        // A directory: the tree on disk gets the container root's ids.
        QVERIFY(makeLocalTree(local("stopped-tree")));
        const Run tree = cubbyctl({"cp", "-r", local("stopped-tree"), "files:/root/st"});
        QVERIFY2(tree.exitCode == 0, qPrintable(tree.err));
        QCOMPARE(ownerAndMode(inTree("/root/st/sub/two")), QStringLiteral("0:0 755"));
        QVERIFY(S_ISLNK(lstatOf(inTree("/root/st/link")).st_mode));
    }

    void escapesStayInsideStopped() { escapesStayInside(false); }

    // Running: the path is resolved in the root its init sees (its own /dev/shm tmpfs, not the
    // directory on disk), and the owner is the container's root as it sees it (an unprivileged
    // container: its ids are a range of host ids, its root mapped onto the tree's 0).
    void pushAndPullRunning() {
        const Run started = cubbyctl({"start", "files"});
        QVERIFY2(started.exitCode == 0, qPrintable(started.err));
        const QString xml = cubbyctl({"dumpxml", "files"}).out;
        QVERIFY2(xml.contains("<uid start='0' target='"), "the container is not unprivileged");
        QVERIFY(writeLocal(local("running"), "pushed while running\n", 0750));
        const Run pushed = cubbyctl({"cp", local("running"), "files:/root/running"});
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
        QCOMPARE(statInside("/root/running"), QStringLiteral("0:0 750"));
        QCOMPARE(cubbyctl({"exec", "files", "-T", "--", "cat", "/root/running"}).out,
                 QStringLiteral("pushed while running\n"));
        QCOMPARE(ownerAndMode(inTree("/root/running")), QStringLiteral("0:0 750"));
        const Run owned = cubbyctl({"cp", "--owner", "1000:100", "--mode", "0640", local("running"),
                                    "files:/home/user/r"});
        QVERIFY2(owned.exitCode == 0, qPrintable(owned.err));
        QCOMPARE(statInside("/home/user/r"), QStringLiteral("1000:100 640"));
        // A mount inside the container: the file is in its tmpfs, not in the tree on disk.
        const Run shm = cubbyctl({"cp", local("running"), "files:/dev/shm/pushed"});
        QVERIFY2(shm.exitCode == 0, qPrintable(shm.err));
        QCOMPARE(cubbyctl({"exec", "files", "-T", "--", "cat", "/dev/shm/pushed"}).out,
                 QStringLiteral("pushed while running\n"));
        QVERIFY(!QFile::exists(inTree("/dev/shm/pushed")));
        // Out of it: a file made inside, and one in its tmpfs.
        QCOMPARE(cubbyctl({"exec", "files", "-T", "--", "sh", "-c",
                           "echo made inside > /root/inside; chmod 700 /root/inside"})
                     .exitCode,
                 0);
        const Run pulled = cubbyctl({"cp", "files:/root/inside", "-"});
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        QCOMPARE(pulled.out, QStringLiteral("made inside\n"));
        QCOMPARE(cubbyctl({"cp", "files:/dev/shm/pushed", "-"}).out,
                 QStringLiteral("pushed while running\n"));
        // An owner the container has no id for is refused before anything is asked.
        QCOMPARE(cubbyctl({"cp", "--owner", "70000:0", local("running"), "files:/root/x"}).exitCode,
                 2);
        QVERIFY(!QFile::exists(inTree("/root/x")));
    }

    void escapesStayInsideRunning() { escapesStayInside(true); }

    // cp -r: a directory in as a new directory (owners the container's root's, or --owner),
    // out again to a new local directory or as a tar archive; a taken name and a hostile
    // archive are refused and leave nothing.
    void recursiveCopies() {
        QVERIFY(makeLocalTree(local("tree")));
        const Run pushed = cubbyctl({"cp", "-r", local("tree"), "files:/root/tree"});
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
        QCOMPARE(statInside("/root/tree/sub/two"), QStringLiteral("0:0 755"));
        QCOMPARE(statInside("/root/tree/one"), QStringLiteral("0:0 640"));
        QCOMPARE(cubbyctl({"exec", "files", "-T", "--", "readlink", "/root/tree/link"}).out,
                 QStringLiteral("one\n"));
        QCOMPARE(cubbyctl({"exec", "files", "-T", "--", "cat", "/root/tree/sub/two"}).out,
                 QStringLiteral("two\n"));
        const Run owned =
            cubbyctl({"cp", "-r", "--owner", "1000:100", local("tree"), "files:/home/user/"});
        QVERIFY2(owned.exitCode == 0, qPrintable(owned.err));
        QCOMPARE(statInside("/home/user/tree/sub/two"), QStringLiteral("1000:100 755"));
        QCOMPARE(statInside("/home/user/tree"), QStringLiteral("1000:100 755"));
        const Run taken = cubbyctl({"cp", "-r", local("tree"), "files:/root/tree"});
        QCOMPARE(taken.exitCode, 1);
        QVERIFY2(taken.err.contains("exists"), qPrintable(taken.err));

        const Run pulled = cubbyctl({"cp", "-r", "files:/root/tree", local("back")});
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        QCOMPARE(readAll(local("back/sub/two")), QByteArray("two\n"));
        QCOMPARE(ownerAndMode(local("back/sub/two")), QStringLiteral("0:0 755"));
        QCOMPARE(QFile::symLinkTarget(local("back/link")), local("back/one"));
        const Run again = cubbyctl({"cp", "-r", "files:/root/tree", local("back")});
        QCOMPARE(again.exitCode, 0); // into the existing directory, as back/tree
        QCOMPARE(readAll(local("back/tree/one")), QByteArray("one\n"));
        QProcess listing;
        listing.start(QStringLiteral(CUBBYCTL_PATH), {"cp", "-r", "files:/root/tree", "-"});
        QVERIFY(listing.waitForFinished(60000));
        QCOMPARE(listing.exitCode(), 0);
        QProcess tar;
        tar.start(QStringLiteral("tar"), {"-tvf", "-"});
        tar.write(listing.readAllStandardOutput());
        tar.closeWriteChannel();
        QVERIFY(tar.waitForFinished(60000));
        const QString members = QString::fromUtf8(tar.readAllStandardOutput());
        QVERIFY2(members.contains("./sub/two") && members.contains("./link -> one"),
                 qPrintable(members));
        QCOMPARE(QDir(m_files.path()).entryList({".*cubby-cp*"}, QDir::AllEntries | QDir::Hidden),
                 QStringList{});

        // An archive from standard input naming "../evil": refused, nothing kept.
        const Run hostile =
            cubbyctl({"cp", "-r", "-", "files:/root/hostile"}, 0, ustarWith("../evil", "evil\n"));
        QCOMPARE(hostile.exitCode, 1);
        QVERIFY(!QFile::exists(inTree("/root/evil")) && !QFile::exists(inTree("/root/hostile")));
        QCOMPARE(QDir(inTree("/root")).entryList({".cubby-cp-*"}, QDir::AllEntries | QDir::Hidden),
                 QStringList{});
        // The same archive with a plain name is a directory.
        const Run plain =
            cubbyctl({"cp", "-r", "-", "files:/root/plain"}, 0, ustarWith("ok", "fine\n"));
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QCOMPARE(readAll(inTree("/root/plain/ok")), QByteArray("fine\n"));
    }

    // --connect: the other machine's cubbyctl does the copy through ssh. Here "ssh" is a
    // stand-in (CUBBY_SSH) that runs the remote command line on this machine, and the
    // "remote" cubbyctl is this build's: every byte still goes through the channel's framing,
    // and a channel cut after some bytes (CUT_AFTER) is a connection dropped mid-push.
    void remoteCopiesOverTheChannel() {
        const QString fakeSsh = local("fake-ssh");
        QVERIFY(writeLocal(fakeSsh,
                           "#!/bin/sh\n"
                           "while [ $# -gt 0 ]; do case \"$1\" in --) shift; break;; -p|-e) "
                           "shift 2;; *) shift;; esac; done\n"
                           "shift\n"
                           "if [ -n \"$CUT_AFTER\" ]; then head -c \"$CUT_AFTER\" | sh -c "
                           "\"$1\"; exit $?; fi\n"
                           "exec sh -c \"$1\"\n",
                           0755));
        const QStringList environment = {"CUBBY_SSH=" + fakeSsh,
                                         "CUBBY_REMOTE_CUBBYCTL=" CUBBYCTL_PATH};
        const auto remote = [&](QStringList arguments, const QByteArray& input = {},
                                const QStringList& more = {}) {
            return cubbyctl(QStringList{"--connect", "ssh://machine"} + arguments, 0, input,
                            environment + more);
        };
        QVERIFY(writeLocal(local("far"), "pushed from far away\n", 0700));
        const Run pushed = remote({"cp", local("far"), "files:/root/far"});
        QVERIFY2(pushed.exitCode == 0, qPrintable(pushed.err));
        QCOMPARE(statInside("/root/far"), QStringLiteral("0:0 700"));
        const Run pulled = remote({"cp", "files:/root/far", local("far-back")});
        QVERIFY2(pulled.exitCode == 0, qPrintable(pulled.err));
        QCOMPARE(readAll(local("far-back")), QByteArray("pushed from far away\n"));
        QCOMPARE(remote({"cp", "files:/root/far", "-"}).out,
                 QStringLiteral("pushed from far away\n"));
        const Run tree = remote({"cp", "-r", local("tree"), "files:/root/far-tree"});
        QVERIFY2(tree.exitCode == 0, qPrintable(tree.err));
        QCOMPARE(statInside("/root/far-tree/sub/two"), QStringLiteral("0:0 755"));
        const Run treeBack = remote({"cp", "-r", "files:/root/far-tree", local("far-tree")});
        QVERIFY2(treeBack.exitCode == 0, qPrintable(treeBack.err));
        QCOMPARE(readAll(local("far-tree/sub/two")), QByteArray("two\n"));
        // The connection drops halfway through a push: cancelled there, the old file kept.
        QVERIFY(writeLocal(local("big"), QByteArray(3 << 20, 'b'), 0644));
        const Run cut = remote({"cp", local("big"), "files:/root/far"}, {}, {"CUT_AFTER=100000"});
        QVERIFY2(cut.exitCode != 0, qPrintable(cut.out));
        QCOMPARE(readAll(inTree("/root/far")), QByteArray("pushed from far away\n"));
        QTRY_COMPARE(
            QDir(inTree("/root")).entryList({".cubby-cp-*"}, QDir::AllEntries | QDir::Hidden),
            QStringList{});
        const Run cutTree =
            remote({"cp", "-r", local("tree"), "files:/root/cut-tree"}, {}, {"CUT_AFTER=700"});
        QVERIFY2(cutTree.exitCode != 0, qPrintable(cutTree.out));
        QVERIFY(!QFile::exists(inTree("/root/cut-tree")));
        QTRY_COMPARE(
            QDir(inTree("/root")).entryList({".cubby-cp-*"}, QDir::AllEntries | QDir::Hidden),
            QStringList{});
    }

    // The data stream ends without its end frame (what a dropped SSH connection looks like
    // on the other machine): the job is cancelled, the old file stays, no temporary is left.
    void cutOffPushKeepsTheOldFile() {
        const QByteArray oldContent = readAll(inTree("/root/running"));
        QByteArray framed;
        const QByteArray part(100000, 'x');
        const auto header = cubby::frameHeader(uint32_t(part.size()));
        framed.append(header.data(), qsizetype(header.size()));
        framed.append(part);
        const Run cut = cubbyctl({"cp", "--framed", "-", "files:/root/running"}, 0, framed);
        QVERIFY2(cut.exitCode != 0, qPrintable(cut.out));
        QVERIFY2(cut.err.contains("ended before its end"), qPrintable(cut.err));
        QCOMPARE(readAll(inTree("/root/running")), oldContent);
        QTRY_COMPARE(QDir(inTree("/root")).entryList({".cubby-cp-*"}, QDir::Files | QDir::Hidden),
                     QStringList{});
        // With its end frame the same stream is a push.
        const auto end = cubby::frameHeader(0);
        framed.append(end.data(), qsizetype(end.size()));
        const Run whole = cubbyctl({"cp", "--framed", "-", "files:/root/running"}, 0, framed);
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QCOMPARE(readAll(inTree("/root/running")), part);
    }

    // bob (polkit refuses him) gets the same answer whether the container and the path exist,
    // and nothing changes.
    void deniedCallersLearnNothing() {
        QVERIFY(writeLocal(local("bobs"), "bob was here\n", 0644));
        const QString before = QString::fromUtf8(readAll(inTree("/root/old")));
        const Run existing = cubbyctl({"cp", local("bobs"), "files:/root/old"}, denied());
        const Run missingPath = cubbyctl({"cp", local("bobs"), "files:/no/such/path"}, denied());
        const Run missingContainer = cubbyctl({"cp", local("bobs"), "nosuch:/root/old"}, denied());
        QCOMPARE(existing.exitCode, 1);
        QVERIFY2(existing.err.contains("not authorized"), qPrintable(existing.err));
        QCOMPARE(missingPath.err, existing.err);
        QCOMPARE(QString(missingContainer.err).replace("nosuch", "files"), existing.err);
        QCOMPARE(QString::fromUtf8(readAll(inTree("/root/old"))), before);
        const Run pullExisting = cubbyctl({"cp", "files:/etc/shadow", "-"}, denied());
        const Run pullMissing = cubbyctl({"cp", "nosuch:/etc/shadow", "-"}, denied());
        QCOMPARE(pullExisting.exitCode, 1);
        QVERIFY(pullExisting.out.isEmpty());
        QVERIFY2(pullExisting.err.contains("not authorized"), qPrintable(pullExisting.err));
        QCOMPARE(QString(pullMissing.err).replace("nosuch", "files"), pullExisting.err);
        QVERIFY(!cubbyctl({"jobs"}).out.contains("bob"));
    }

    // Raw calls with what cubbyctl never sends: refused before polkit is asked, nothing made.
    void hostileArgumentsAreRefused() {
        const auto errorOf = [](const QString& method, const QVariantList& arguments) {
            const QDBusMessage reply = call(method, arguments);
            return reply.type() == QDBusMessage::ErrorMessage ? reply.errorMessage()
                                                              : QStringLiteral("(accepted)");
        };
        const auto fd = [](int number) {
            return QVariant::fromValue(QDBusUnixFileDescriptor(number));
        };
        const int readOnly = ::open("/etc/hostname", O_RDONLY | O_CLOEXEC);
        const int directory = ::open("/tmp", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        const int pathOnly = ::open("/etc/hostname", O_PATH | O_CLOEXEC);
        const int writeOnly =
            ::open(QFile::encodeName(local("w")).constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        const int listening = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        const QByteArray socketPath = QFile::encodeName(local("sock"));
        std::memcpy(address.sun_path, socketPath.constData(), size_t(socketPath.size()));
        QCOMPARE(::bind(listening, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
        QCOMPARE(::listen(listening, 1), 0);
        QVERIFY(readOnly >= 0 && directory >= 0 && pathOnly >= 0 && writeOnly >= 0);
        const QString name = QStringLiteral("files");
        const QString target = QStringLiteral("/root/hostile");
        const auto push = [&](const QString& path, const QVariant& data, uint mode = 0644,
                              uint uid = 0) {
            return errorOf("PushFile", {name, path, data, mode, uid, 0u});
        };
        QVERIFY(push(target, fd(writeOnly)).contains("not open for reading"));
        QVERIFY(push(target, fd(directory)).contains("is a directory"));
        QVERIFY(push(target, fd(pathOnly)).contains("not open for reading or writing"));
        QVERIFY(push(target, fd(listening)).contains("listening socket"));
        QVERIFY(push(target, fd(readOnly), 010000).contains("not a file mode"));
        QVERIFY(push(target, fd(readOnly), 0644, 65536).contains("not an owner"));
        QVERIFY(push(QStringLiteral("root/hostile"), fd(readOnly)).contains("not an absolute"));
        QVERIFY(push(QStringLiteral("/"), fd(readOnly)).contains("names no file"));
        QVERIFY(push(QStringLiteral("/root/"), fd(readOnly)).contains("empty component"));
        QVERIFY(push("/" + QString(5000, QLatin1Char('a')), fd(readOnly)).contains("bytes long"));
        // A NUL byte never reaches the helper (D-Bus strings cannot hold one; the client
        // library cuts the string there): whatever arrives is resolved as any path is.
        const QString cut =
            push(QStringLiteral("/root/nul") + QChar(0) + QStringLiteral("/../../../etc/cubby-nul"),
                 fd(readOnly));
        QTRY_VERIFY(cut != QStringLiteral("(accepted)") || QFile::exists(inTree("/root/nul")));
        QVERIFY(!QFile::exists("/etc/cubby-nul") && !QFile::exists(inTree("/etc/cubby-nul")));
        QFile::remove(inTree("/root/nul"));
        QVERIFY(
            errorOf("PushFile", {QStringLiteral("../files"), target, fd(readOnly), 0644u, 0u, 0u})
                .contains("name"));
        QVERIFY(errorOf("PullFile", {name, QStringLiteral("/etc/shadow"), fd(readOnly)})
                    .contains("not open for writing"));
        QVERIFY(errorOf("PullFile", {name, QStringLiteral("/etc/shadow"), fd(directory)})
                    .contains("is a directory"));
        QVERIFY(errorOf("PullFile", {name, QStringLiteral("/etc/../shadow"), fd(writeOnly)})
                    .contains("'..' component"));
        for (const int open : {readOnly, directory, pathOnly, writeOnly, listening})
            ::close(open);
        QVERIFY(!QFile::exists(inTree(target)));
        QCOMPARE(QFileInfo(local("w")).size(), 0);
        QVERIFY(helperOnBus());
        QCOMPARE(cubbyctl({"destroy", "files"}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestFileCopy)
#include "test_file_copy.moc"
