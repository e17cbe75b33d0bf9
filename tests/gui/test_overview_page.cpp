// The overview tab offscreen: GetContainerInfo fields and GetStats samples as a person reads
// them, and the graphs painting what they were fed.
#include "overview_page.h"
#include "sparkline.h"

#include <QDir>
#include <QLabel>
#include <QTest>

using namespace cubby;

namespace {

constexpr qint64 second = 1'000'000'000;

QVariantMap stats(qulonglong cpuNs, qulonglong memory, qulonglong limit) {
    return {{"name", "web"},
            {"cpu_time_ns", cpuNs},
            {"memory_bytes", memory},
            {"memory_max_bytes", limit}};
}

bool showsText(const QWidget& page, const QString& text) {
    for (const QLabel* label : page.findChildren<QLabel*>()) {
        if (label->text() == text)
            return true;
    }
    return false;
}

} // namespace

class TestOverviewPage : public QObject {
    Q_OBJECT
private slots:
    void infoFields() {
        OverviewPage page;
        page.setContainer("web");
        page.setInfo({{"name", "web"},
                      {"id", qlonglong(4242)},
                      {"uuid", "c7a5fdbd-edaf-9455-926a-d65c16db1809"},
                      {"state", "running"},
                      {"max_memory_kib", qulonglong(65536)},
                      {"used_memory_kib", qulonglong(2048)},
                      {"cpu_time_ns", qulonglong(1'500'000'000)},
                      {"autostart", true},
                      {"console", "/dev/pts/3"}});
        QVERIFY(showsText(page, "web"));
        QVERIFY(showsText(page, "running"));
        QVERIFY(showsText(page, "4242"));
        QVERIFY(showsText(page, "c7a5fdbd-edaf-9455-926a-d65c16db1809"));
        QVERIFY(showsText(page, "2.0 MiB used of 64.0 MiB"));
        QVERIFY(showsText(page, "1.50 s"));
        QVERIFY(showsText(page, "yes"));
        QVERIFY(showsText(page, "/dev/pts/3"));
        // Another container's reply (a late one for the previous selection) changes nothing.
        page.setInfo({{"name", "other"}, {"state", "shut off"}});
        QVERIFY(showsText(page, "running"));
    }

    void statsFeedTheGraphs() {
        OverviewPage page;
        page.setContainer("web");
        page.addStats(stats(0, 1 << 20, 64 << 20), 0);
        QCOMPARE(page.cpuGraph()->totalSamples(), 0); // one reading: no rate yet
        QCOMPARE(page.memoryGraph()->totalSamples(), 1);
        page.addStats(stats(second / 4, 2 << 20, 64 << 20), second);
        page.addStats(stats(second, 3 << 20, 64 << 20), 2 * second);
        page.addStats(stats(5 * second, 3 << 20, 64 << 20), 2 * second); // same instant: no rate
        QCOMPARE(page.cpuGraph()->totalSamples(), 2);
        QCOMPARE(page.memoryGraph()->totalSamples(), 4);
        QCOMPARE(page.memoryGraph()->accessibleDescription(),
                 QStringLiteral("3.0 MiB of 64.0 MiB"));
        page.addStats(stats(6 * second, 3 << 20, 64 << 20), 3 * second);
        QCOMPARE(page.cpuGraph()->accessibleDescription(), QStringLiteral("100.0 %"));
        // Other containers' entries in the same GetStats reply are not ours.
        page.addStats(QVariantMap{{"name", "db"}, {"cpu_time_ns", qulonglong(1)}}, 4 * second);
        QCOMPARE(page.cpuGraph()->totalSamples(), 3);

        // No limit (cgroup v2 "max"): the definition's memory is the reference.
        page.setInfo({{"name", "web"}, {"state", "running"}, {"max_memory_kib", qulonglong(1024)}});
        page.addStats(stats(6 * second, 512 << 10, ~qulonglong(0)), 4 * second);
        QCOMPARE(page.memoryGraph()->accessibleDescription(),
                 QStringLiteral("512.0 KiB of 1.0 MiB"));

        page.resize(600, 400);
        page.show();
        const QImage image = page.grab().toImage();
        QVERIFY(!image.isNull());
        const QString dir =
            qEnvironmentVariable("CUBBY_ARTIFACTS_DIR", QDir::tempPath()) + "/screenshots";
        QDir().mkpath(dir);
        QVERIFY(image.save(dir + "/overview-offscreen.png"));
    }

    void roundScales() {
        QCOMPARE(Sparkline::roundUp(0.3), 0.5);
        QCOMPARE(Sparkline::roundUp(7), 10.0);
        QCOMPARE(Sparkline::roundUp(10), 10.0);
        QCOMPARE(Sparkline::roundUp(11), 20.0);
        QCOMPARE(Sparkline::roundUp(21), 25.0);
        QCOMPARE(Sparkline::roundUp(125), 200.0);
        QCOMPARE(Sparkline::roundUp(0), 1.0);
    }

    void stoppedContainer() {
        OverviewPage page;
        page.setContainer("web");
        page.addStats(stats(0, 1 << 20, 64 << 20), 0);
        page.addStats(stats(second, 1 << 20, 64 << 20), second);
        page.setInfo({{"name", "web"},
                      {"state", "shut off"},
                      {"id", qlonglong(-1)},
                      {"max_memory_kib", qulonglong(65536)}});
        QVERIFY(showsText(page, "limit 64.0 MiB"));
        QCOMPARE(page.cpuGraph()->sampleCount(), 0);
        QCOMPARE(page.memoryGraph()->sampleCount(), 0);
        page.setContainer({});
        QVERIFY(showsText(page, "No container selected"));
    }
};

QTEST_MAIN(TestOverviewPage)
#include "test_overview_page.moc"
