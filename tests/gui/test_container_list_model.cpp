// The main window's container list without a bus: rows added, updated in place, removed and
// changing state through the model's update methods, checked through its public roles and
// the signals a view relies on.
#include "container_list_model.h"
#include "cpu_meter.h"
#include "terminal_text.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QSignalSpy>
#include <QTest>

using namespace cubby;

namespace {

ContainerEntry entry(const QString& name, const QString& state, qint64 pid = 0,
                     const QStringList& addresses = {}, bool autostart = false) {
    ContainerEntry result;
    result.name = name;
    result.state = state;
    result.pid = pid;
    result.addresses = addresses;
    result.autostart = autostart;
    return result;
}

QString cell(const ContainerListModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

} // namespace

class TestContainerListModel : public QObject {
    Q_OBJECT
private slots:
    void fromListContainersReply() {
        const QVariantMap map{
            {"name", "web"},          {"state", "running"},
            {"pid", qlonglong(4242)}, {"addresses", QStringList{"10.0.0.2", "10.0.1.2"}},
            {"autostart", true},      {"title", "A web server"}};
        const ContainerEntry parsed = ContainerEntry::fromMap(map);
        QCOMPARE(parsed.name, QStringLiteral("web"));
        QVERIFY(parsed.isRunning());
        QCOMPARE(parsed.pid, 4242);
        QCOMPARE(parsed.addresses.size(), 2);
        QVERIFY(parsed.autostart);
        QCOMPARE(parsed.title, QStringLiteral("A web server"));
        QVERIFY(!parsed.privileged);
        QCOMPARE(parsed.owner, -1);
    }

    void figuresFromGetStats() {
        ContainerListModel model;
        QAbstractItemModelTester tester(&model);
        model.setContainers({entry("web", "running", 42), entry("db", "shut off")});
        const auto stats = [](qulonglong cpuNs, qulonglong memory) {
            return QList<QVariantMap>{
                {{"name", "web"}, {"cpu_time_ns", cpuNs}, {"memory_bytes", memory}}};
        };
        // The first reading has no CPU % yet (two are needed); memory shows at once.
        model.setStats(stats(1'000'000'000, 3 << 20), 10'000'000'000);
        QCOMPARE(cell(model, 1, ContainerListModel::CpuColumn), QStringLiteral("–"));
        QCOMPARE(cell(model, 1, ContainerListModel::MemoryColumn), QStringLiteral("3.0 MiB"));
        // Half a CPU second in one second of wall time: 50 %.
        model.setStats(stats(1'500'000'000, 4 << 20), 11'000'000'000);
        QCOMPARE(cell(model, 1, ContainerListModel::CpuColumn), QStringLiteral("50.0 %"));
        QCOMPARE(model.index(1, ContainerListModel::CpuColumn)
                     .data(ContainerListModel::SortRole)
                     .toDouble(),
                 50.0);
        QCOMPARE(cell(model, 0, ContainerListModel::CpuColumn), QStringLiteral("–"));
        // A state icon, green or grey.
        QVERIFY(!model.index(1, ContainerListModel::StateColumn)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        // Stopped: its figures go.
        model.setState("web", "shut off");
        QCOMPARE(cell(model, 1, ContainerListModel::MemoryColumn), QStringLiteral("–"));
        model.setState("web", "running");
        model.setStats(stats(100, 1 << 20), 12'000'000'000);
        QCOMPARE(cell(model, 1, ContainerListModel::CpuColumn), QStringLiteral("–"));
        model.clearStats();
        QCOMPARE(cell(model, 1, ContainerListModel::MemoryColumn), QStringLiteral("–"));
    }

    void consoleRecordingAsPlainText() {
        // What BusyBox's shell and a colourful ls send, as the Log tab shows it.
        const QString recorded = QStringLiteral(
            "/ # \x1b[6n\x1b[Jecho hi\r\nhi\r\n\x1b]0;title\x07\x1b[1;34mbin\x1b[0m\tetc\r\n"
            "\x1b"
            "7done\x1b]2;t\x1b\\\n");
        QCOMPARE(plainTerminalText(recorded), QStringLiteral("/ # echo hi\nhi\nbin\tetc\ndone\n"));
    }

    void securityAndOwnerColumns() {
        ContainerListModel model;
        ContainerEntry privileged = entry("old", "shut off");
        privileged.privileged = true;
        privileged.owner = 0;
        ContainerEntry mine = ContainerEntry::fromMap(
            {{"name", "mine"}, {"privileged", false}, {"owner", qlonglong(4203999)}});
        model.setContainers({privileged, mine});
        QCOMPARE(cell(model, 1, ContainerListModel::SecurityColumn), QStringLiteral("privileged"));
        QCOMPARE(cell(model, 0, ContainerListModel::SecurityColumn),
                 QStringLiteral("unprivileged"));
        // Names where the account is known here, numbers where it is not.
        QCOMPARE(cell(model, 1, ContainerListModel::OwnerColumn), QStringLiteral("root"));
        QCOMPARE(cell(model, 0, ContainerListModel::OwnerColumn), QStringLiteral("4203999"));
        const QModelIndex warning = model.index(1, ContainerListModel::SecurityColumn);
        QVERIFY(warning.data(Qt::ToolTipRole).toString().contains(QStringLiteral("root on")));
        QVERIFY(warning.data(Qt::ForegroundRole).isValid());
        QVERIFY(
            !model.index(0, ContainerListModel::SecurityColumn).data(Qt::ForegroundRole).isValid());
    }

    void setContainersSortsAndShowsColumns() {
        ContainerListModel model;
        QAbstractItemModelTester tester(&model);
        model.setContainers({entry("web", "running", 4242, {"10.0.0.2", "10.0.1.2"}, true),
                             entry("db", "shut off")});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(ContainerListModel::Columns));
        QCOMPARE(model.names(), (QStringList{"db", "web"}));
        QCOMPARE(cell(model, 1, ContainerListModel::NameColumn), QStringLiteral("web"));
        QCOMPARE(cell(model, 1, ContainerListModel::StateColumn), QStringLiteral("running"));
        QCOMPARE(cell(model, 1, ContainerListModel::PidColumn), QStringLiteral("4242"));
        QCOMPARE(cell(model, 1, ContainerListModel::AddressesColumn),
                 QStringLiteral("10.0.0.2, 10.0.1.2"));
        QCOMPARE(cell(model, 1, ContainerListModel::AutostartColumn), QStringLiteral("yes"));
        QCOMPARE(cell(model, 0, ContainerListModel::PidColumn), QStringLiteral("–"));
        QCOMPARE(cell(model, 0, ContainerListModel::AddressesColumn), QStringLiteral("–"));
        QCOMPARE(cell(model, 0, ContainerListModel::AutostartColumn), QStringLiteral("no"));
        // The roles are the same in every column.
        for (int column = 0; column < model.columnCount(); ++column) {
            const QModelIndex index = model.index(1, column);
            QCOMPARE(index.data(ContainerListModel::NameRole).toString(), QStringLiteral("web"));
            QVERIFY(index.data(ContainerListModel::RunningRole).toBool());
            QCOMPARE(index.data(ContainerListModel::PidRole).toLongLong(), 4242);
            QCOMPARE(index.data(ContainerListModel::AddressesRole).toStringList().size(), 2);
            QVERIFY(index.data(ContainerListModel::AutostartRole).toBool());
        }
        QCOMPARE(model.headerData(ContainerListModel::StateColumn, Qt::Horizontal).toString(),
                 QStringLiteral("State"));
        QVERIFY(model.roleNames().value(ContainerListModel::StateRole) == "state");
    }

    void refreshUpdatesInPlace() {
        ContainerListModel model;
        QAbstractItemModelTester tester(&model);
        model.setContainers(
            {entry("a", "shut off"), entry("b", "shut off"), entry("c", "running", 7)});
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // b went away, d is new, a started.
        model.setContainers(
            {entry("a", "running", 11), entry("c", "running", 7), entry("d", "shut off")});
        QCOMPARE(reset.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 2);
        QVERIFY(changed.count() >= 2);
        QCOMPARE(model.names(), (QStringList{"a", "c", "d"}));
        QCOMPARE(model.container("a")->pid, 11);
        QVERIFY(model.container("b") == nullptr);
    }

    void signalsAddRemoveAndChangeState() {
        ContainerListModel model;
        QAbstractItemModelTester tester(&model);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.addContainer("new");
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowOf("new"), 0);
        // Details follow with the next refresh; until then the state is unknown.
        QCOMPARE(cell(model, 0, ContainerListModel::StateColumn), QStringLiteral("…"));
        model.addContainer("new");
        QCOMPARE(model.rowCount(), 1);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.updateContainer(entry("new", "running", 99, {"192.168.150.2"}));
        model.setState("new", "shut off");
        QCOMPARE(changed.count(), 2);
        const QModelIndex first = changed.last().at(0).toModelIndex();
        const QModelIndex last = changed.last().at(1).toModelIndex();
        QCOMPARE(first.row(), 0);
        QCOMPARE(first.column(), 0);
        QCOMPARE(last.column(), ContainerListModel::Columns - 1);
        QCOMPARE(model.index(0, 0).data(ContainerListModel::StateRole).toString(),
                 QStringLiteral("shut off"));
        QVERIFY(!model.index(0, 0).data(ContainerListModel::RunningRole).toBool());
        QCOMPARE(model.container("new")->pid, 0); // stopped: no init any more
        QCOMPARE(cell(model, 0, ContainerListModel::PidColumn), QStringLiteral("–"));

        // A state change for a row not seen yet adds it.
        model.setState("other", "running");
        QCOMPARE(model.names(), (QStringList{"new", "other"}));
        QVERIFY(model.container("other")->isRunning());

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.removeContainer("new");
        model.removeContainer("never-there");
        QCOMPARE(removed.count(), 1);
        QCOMPARE(model.names(), QStringList{"other"});
    }

    void cpuPercentFromCumulativeTime() {
        CpuMeter meter;
        QVERIFY(!meter.sample(1'000'000'000, 0).has_value());
        // Half a second of CPU time in one second of wall time: 50 %.
        QCOMPARE(*meter.sample(1'500'000'000, 1'000'000'000), 50.0);
        // Two CPUs busy: 200 %.
        QCOMPARE(*meter.sample(3'500'000'000, 2'000'000'000), 200.0);
        // A restarted container's counter starts over: no figure for that step.
        QVERIFY(!meter.sample(10, 3'000'000'000).has_value());
        QCOMPARE(*meter.sample(250'000'010, 4'000'000'000), 25.0);
    }
};

QTEST_MAIN(TestContainerListModel)
#include "test_container_list_model.moc"
