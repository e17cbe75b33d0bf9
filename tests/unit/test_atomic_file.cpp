// Definitions are replaced atomically: a writer killed at any moment leaves the old file or
// the new one, whole, never a mix or a truncated file.
#include "atomic_file.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cubby;

namespace {

std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Two versions that differ everywhere, so any mix of them is recognisable.
std::string version(char fill) {
    return std::string(256 * 1024, fill) + "\n<end/>\n";
}

} // namespace

class TestAtomicFile : public QObject {
    Q_OBJECT
private slots:
    void replacesContentsAndMode() {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/box.xml";
        QVERIFY(writeFileAtomically(path, "first", 0600));
        QCOMPARE(readAll(path), std::string("first"));
        QVERIFY(writeFileAtomically(path, "second", 0600));
        QCOMPARE(readAll(path), std::string("second"));
        struct stat info = {};
        QCOMPARE(::stat(path.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t{0600});
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(),
                 1); // no temporaries
    }

    void aMissingDirectoryIsAnError() {
        const auto written = writeFileAtomically("/nonexistent-cubby-dir/box.xml", "x");
        QVERIFY(!written);
        QVERIFY(written.error().message.find("/nonexistent-cubby-dir") != std::string::npos);
    }

    void aWriterKilledAtAnyMomentLeavesAWholeFile() {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/box.xml";
        const std::string a = version('a'), b = version('b');
        QVERIFY(writeFileAtomically(path, a));
        std::mt19937 random(42);
        for (int round = 0; round < 40; ++round) {
            const pid_t writer = fork();
            if (writer == 0) {
                for (int i = 0;; ++i)
                    (void)writeFileAtomically(path, i % 2 ? a : b);
            }
            QVERIFY(writer > 0);
            usleep(std::uniform_int_distribution<int>(200, 20000)(random));
            kill(writer, SIGKILL);
            waitpid(writer, nullptr, 0);
            const std::string now = readAll(path);
            QVERIFY2(now == a || now == b,
                     qPrintable(QStringLiteral("round %1: %2 bytes, not a whole version")
                                    .arg(round)
                                    .arg(now.size())));
        }
    }
};

QTEST_APPLESS_MAIN(TestAtomicFile)
#include "test_atomic_file.moc"
