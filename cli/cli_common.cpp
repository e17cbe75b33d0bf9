#include "cli_common.h"

#include "connection.h"
#include "domain_xml.h"
#include "launch_support.h"
#include "xml_reader.h"

#include <QDBusConnection>
#include <QDBusMetaType>
#include <QFile>
#include <cstdio>

namespace cubby::cli {

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

int failWith(const QString& message) {
    out().flush();
    std::fprintf(stderr, "error: %s\n", qPrintable(message));
    return 1;
}

Manager& manager() {
    static Manager* proxy = [] {
        qDBusRegisterMetaType<QList<QVariantMap>>();
        qDBusRegisterMetaType<QMap<QString, QString>>();
        auto* created = new Manager(QStringLiteral("io.github.cubby1"),
                                    QStringLiteral("/io/github/cubby1"), helperBus());
        // Long enough for someone to answer an authentication dialog.
        created->setTimeout(10 * 60 * 1000);
        return created;
    }();
    return *proxy;
}

bool readFile(const QString& path, QString& text) {
    QFile file(path);
    if (path == QStringLiteral("-") ? !file.open(stdin, QIODevice::ReadOnly)
                                    : !file.open(QIODevice::ReadOnly)) {
        failWith(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    text = QString::fromUtf8(file.read(qint64(maxXmlDocumentBytes) + 1));
    return true;
}

void printTable(const QStringList& header, const QList<QStringList>& rows) {
    QList<int> widths;
    for (const auto& cell : header)
        widths << cell.size();
    for (const auto& row : rows) {
        for (int i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], int(row[i].size()));
    }
    const auto line = [&](const QStringList& cells) {
        QString text = QStringLiteral(" ");
        for (int i = 0; i < cells.size(); ++i)
            text += cells[i].leftJustified(widths[i] + (i + 1 < cells.size() ? 3 : 0));
        out() << text.trimmed().prepend(' ') << '\n';
    };
    line(header);
    int total = 1;
    for (const int width : widths)
        total += width + 3;
    out() << QString(total, '-') << '\n';
    for (const auto& row : rows)
        line(row);
    out() << '\n';
}

int redefine(const QString& name, const std::function<Status(Domain&)>& edit) {
    auto stored = manager().GetContainerXml(name, false);
    if (!wait(stored))
        return 1;
    auto domain = parseDomainXml(stored.value().toStdString(), randomUuid);
    if (!domain)
        return failWith(QString::fromStdString(domain.error().message));
    if (auto edited = edit(*domain); !edited)
        return failWith(QString::fromStdString(edited.error().message));
    auto defined = manager().DefineContainer(QString::fromStdString(formatDomainXml(*domain)));
    if (!wait(defined))
        return 1;
    for (const auto& warning : defined.argumentAt<1>())
        std::fprintf(stderr, "warning: %s\n", qPrintable(warning));
    return 0;
}

} // namespace cubby::cli
