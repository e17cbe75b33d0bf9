// The XML tab's pointer to the line: element paths as the engine and the helper write them,
// resolved in the text a person edits, and the check as typed with the helper's parser.
#include "xml_problem.h"

#include <QTest>

using namespace cubby;

namespace {

const QString definition = QStringLiteral(R"(<domain type='lxc'>
  <name>web</name>
  <memory unit='MiB'>256</memory>
  <os>
    <type>exe</type>
    <init>/sbin/init</init>
  </os>
  <devices>
    <filesystem type='mount'>
      <source dir='/srv/a'/>
      <target dir='/'/>
    </filesystem>
    <filesystem type='mount'>
      <source dir='/srv/b'/>
      <target dir='/data'/>
    </filesystem>
    <console type='pty'/>
  </devices>
</domain>
)");

} // namespace

class TestXmlProblem : public QObject {
    Q_OBJECT
private slots:
    void pathsResolveToTheirLines_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("line");
        const auto row = [](const char* name, const char* path, int line) {
            QTest::newRow(name) << QString::fromLatin1(path) << line;
        };
        row("root", "/domain", 1);
        row("child", "/domain/memory", 3);
        row("nested", "/domain/os/init", 6);
        row("first of a kind", "/domain/devices/filesystem[1]", 9);
        row("second of a kind", "/domain/devices/filesystem[2]", 13);
        row("inside the second", "/domain/devices/filesystem[2]/target", 15);
        row("an attribute is its element's", "/domain/devices/filesystem[2]/source/@dir", 14);
        row("missing child: its parent", "/domain/os/initdir", 4);
        row("third that is not there: the parent", "/domain/devices/filesystem[3]", 8);
        row("another root", "/network/name", 0);
    }
    void pathsResolveToTheirLines() {
        QFETCH(QString, path);
        QFETCH(int, line);
        QCOMPARE(lineOfXmlPath(definition, path), line);
    }

    void messagesPointAtLines() {
        QCOMPARE(lineOfXmlMessage(definition, "/domain/memory: 'x' is not a whole number"), 3);
        QCOMPARE(lineOfXmlMessage(definition, "the domain XML is malformed at line 7, column 3: x"),
                 7);
        QCOMPARE(lineOfXmlMessage(definition, "no container named 'web'"), 0);
    }

    void checkAsTyped() {
        QVERIFY(!checkDomainText(definition).has_value());

        QString badValue = definition;
        badValue.replace(QStringLiteral(">256<"), QStringLiteral(">lots<"));
        const auto value = checkDomainText(badValue);
        QVERIFY(value.has_value());
        QCOMPARE(value->line, 3);
        QVERIFY2(value->message.contains(QLatin1String("/domain/memory")),
                 qPrintable(value->message));

        QString unclosed = definition;
        unclosed.replace(QStringLiteral("</os>"), QStringLiteral("</oss>"));
        const auto syntax = checkDomainText(unclosed);
        QVERIFY(syntax.has_value());
        QCOMPARE(syntax->line, 7);
    }
};

QTEST_GUILESS_MAIN(TestXmlProblem)
#include "test_xml_problem.moc"
