// Passwords for a new system's accounts: hashed in the client with a fresh salt, so that only
// the hash travels (to the helper over D-Bus, then to the worker in a sealed memory file that
// no one can change on the way).
#include "debian_bootstrap.h"
#include "memory_file.h"
#include "password_hash.h"

#include <QTest>
#include <cerrno>
#include <unistd.h>

using namespace cubby;

class TestPasswordHash : public QObject {
    Q_OBJECT

private slots:
    void hashesVerifyAndDiffer() {
        const auto first = hashPassword("correct horse");
        const auto second = hashPassword("correct horse");
        QVERIFY(first && second);
        QVERIFY(first->starts_with("$y$")); // yescrypt, as Debian's own passwd makes
        QVERIFY(validPasswordHash(*first));
        QVERIFY(*first != *second); // a fresh salt each time
        QVERIFY(first->find("correct") == std::string::npos);
        QVERIFY(passwordMatches("correct horse", *first));
        QVERIFY(!passwordMatches("correct horsE", *first));
        QVERIFY(!passwordMatches("", *first));
    }

    void unusablePasswordsAreRefused() {
        QVERIFY(!hashPassword(""));
        QVERIFY(!hashPassword("two\nlines"));
        QVERIFY(!hashPassword(std::string("nul\0byte", 8)));
        QVERIFY(!hashPassword(std::string(257, 'x')));
        QVERIFY(hashPassword(std::string(256, 'x')));
    }

    void theMemoryFileIsSealed() {
        auto file = sealedMemoryFile("cubby-test", "root:$y$a$b\n");
        QVERIFY(file);
        char buffer[64] = {};
        QCOMPARE(::read(file->get(), buffer, sizeof buffer), ssize_t(12));
        QCOMPARE(std::string(buffer), std::string("root:$y$a$b\n"));
        // Whoever holds the descriptor cannot change what the worker reads.
        QCOMPARE(::pwrite(file->get(), "x", 1, 0), ssize_t(-1));
        QCOMPARE(errno, EPERM);
        QCOMPARE(::ftruncate(file->get(), 0), -1);
    }
};

QTEST_GUILESS_MAIN(TestPasswordHash)
#include "test_password_hash.moc"
