// The progress lines a worker (cubby-rootfs) writes and the helper reads: what goes out comes
// back the same, and anything else is refused rather than misread.
#include "job_protocol.h"

#include <QTest>

using namespace cubby;

class TestJobProtocol : public QObject {
    Q_OBJECT
private slots:
    void roundTrips() {
        const JobUpdate updates[] = {
            {JobUpdate::Kind::Progress, 0.25, ErrorKind::System, "Unpacking: 12.0 of 48.0 MiB"},
            {JobUpdate::Kind::Progress, -1, ErrorKind::System, "Unpacking: 3 MiB"},
            {JobUpdate::Kind::Progress, 1, ErrorKind::System, ""},
            {JobUpdate::Kind::Done, -1, ErrorKind::System, "skipped 2 device nodes"},
            {JobUpdate::Kind::Error, -1, ErrorKind::InvalidArgument, "entry '../x' leaves"},
            {JobUpdate::Kind::Error, -1, ErrorKind::System, "writing: No space left on device"},
            {JobUpdate::Kind::Cancelled, -1, ErrorKind::System, ""},
        };
        for (const auto& update : updates) {
            const std::string line = formatJobUpdate(update);
            QVERIFY(line.ends_with('\n'));
            QCOMPARE(std::count(line.begin(), line.end(), '\n'), 1);
            const auto parsed = parseJobUpdate(std::string_view(line).substr(0, line.size() - 1));
            QVERIFY2(parsed.has_value(), line.c_str());
            QCOMPARE(int(parsed->kind), int(update.kind));
            QCOMPARE(parsed->text, update.text);
            if (update.kind == JobUpdate::Kind::Progress)
                QCOMPARE(parsed->fraction, update.fraction);
            if (update.kind == JobUpdate::Kind::Error)
                QCOMPARE(int(parsed->errorKind), int(update.errorKind));
        }
    }

    void textNeverBreaksTheLine() {
        const std::string line = formatJobUpdate(
            {JobUpdate::Kind::Error, -1, ErrorKind::Conflict, "two\nlines\rand more"});
        QCOMPARE(std::count(line.begin(), line.end(), '\n'), 1);
        QCOMPARE(parseJobUpdate(line.substr(0, line.size() - 1))->text,
                 std::string("two lines and more"));
    }

    void fractionsAreClampedOnTheWayOut() {
        const std::string over = formatJobUpdate({JobUpdate::Kind::Progress, 1.7, {}, "x"});
        QCOMPARE(parseJobUpdate(over.substr(0, over.size() - 1))->fraction, 1.0);
        const std::string under = formatJobUpdate({JobUpdate::Kind::Progress, -0.3, {}, "x"});
        QCOMPARE(parseJobUpdate(under.substr(0, under.size() - 1))->fraction, -1.0);
    }

    void malformedLinesAreRefused() {
        for (const char* line :
             {"", "progress", "progress x text", "progress 1.5 too far", "progress -0.5 below",
              "progress 0.5x junk", "error", "error Nonsense message", "finished well",
              "Progress 0.5 capitalised", " progress 0.5 leading space"})
            QVERIFY2(!parseJobUpdate(line).has_value(), line);
    }

    void everyErrorKindHasAName() {
        for (const ErrorKind kind :
             {ErrorKind::InvalidArgument, ErrorKind::NotFound, ErrorKind::AlreadyExists,
              ErrorKind::Conflict, ErrorKind::Unsupported, ErrorKind::NotAuthorized,
              ErrorKind::NotAuthenticated, ErrorKind::System}) {
            const std::string_view name = errorKindName(kind);
            QVERIFY(!name.empty());
            QCOMPARE(int(*errorKindFromName(name)), int(kind));
        }
        QVERIFY(!errorKindFromName("Failed").has_value());
    }
};

QTEST_APPLESS_MAIN(TestJobProtocol)
#include "test_job_protocol.moc"
