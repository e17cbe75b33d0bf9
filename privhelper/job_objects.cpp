#include "job_objects.h"

#include "dbus_errors.h"
#include "job_interface_xml.h"
#include "manager_common.h"

#include <QDBusConnection>
#include <QDBusVariant>
#include <QMetaProperty>

namespace cubby {

namespace {

const QString propertiesInterface = QStringLiteral("org.freedesktop.DBus.Properties");
const QString jobInterface = QStringLiteral("io.github.cubby1.Job");

QDBusMessage unknownObject(const QDBusMessage& call) {
    return call.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.UnknownObject"),
                                 QStringLiteral("no job at ") + call.path());
}

} // namespace

JobObjects::JobObjects(PolkitAuthorizer& authorizer, std::function<Job*(uint id)> find,
                       QObject* parent)
    : QDBusVirtualObject(parent)
    , m_authorizer(authorizer)
    , m_find(std::move(find)) {}

QString JobObjects::introspect(const QString& /*path*/) const {
    // The <interface> of io.github.cubby1.Job.xml, the same for every path, existing job or not.
    const QString file = QString::fromUtf8(jobInterfaceXml);
    const qsizetype begin = file.indexOf(QStringLiteral("<interface"));
    const QString end = QStringLiteral("</interface>");
    return file.mid(begin, file.lastIndexOf(end) + end.size() - begin);
}

Job* JobObjects::jobAt(const QString& path) const {
    const QString prefix = QString(basePath) + QLatin1Char('/');
    if (!path.startsWith(prefix))
        return nullptr;
    bool number = false;
    const uint id = path.mid(prefix.size()).toUInt(&number);
    return number ? m_find(id) : nullptr;
}

QDBusMessage JobObjects::propertiesReply(const QDBusMessage& call) const {
    const Job* job = jobAt(call.path());
    if (!job)
        return unknownObject(call);
    const QList<QVariant> arguments = call.arguments();
    if (arguments.isEmpty() || arguments.front().toString() != jobInterface)
        return call.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.UnknownInterface"),
                                     QStringLiteral("a job has only the interface ") +
                                         jobInterface);
    const QMetaObject* meta = job->metaObject();
    if (call.member() == QStringLiteral("GetAll")) {
        QVariantMap all;
        for (int i = meta->propertyOffset(); i < meta->propertyCount(); ++i)
            all.insert(QString::fromLatin1(meta->property(i).name()), meta->property(i).read(job));
        return call.createReply(QVariant::fromValue(all));
    }
    const QString name = arguments.size() > 1 ? arguments.at(1).toString() : QString();
    const int index = meta->indexOfProperty(name.toLatin1().constData());
    if (index < meta->propertyOffset())
        return call.createErrorReply(QStringLiteral("org.freedesktop.DBus.Error.UnknownProperty"),
                                     QStringLiteral("a job has no property ") + name);
    return call.createReply(QVariant::fromValue(QDBusVariant(meta->property(index).read(job))));
}

bool JobObjects::handleMessage(const QDBusMessage& message, const QDBusConnection& connection) {
    if (message.type() != QDBusMessage::MethodCallMessage)
        return false;
    const QString interface = message.interface();
    const QString member = message.member();
    if (interface == propertiesInterface &&
        (member == QStringLiteral("Get") || member == QStringLiteral("GetAll"))) {
        // Asked before anything is looked up: a refused caller gets the same answer for a
        // job that exists and one that does not.
        m_authorizer.check(message.service(), manager::monitorAction, {},
                           [this, message, connection](Status allowed) {
                               QDBusConnection bus = connection;
                               bus.send(allowed
                                            ? propertiesReply(message)
                                            : message.createErrorReply(
                                                  dbusErrorName(allowed.error().kind),
                                                  QString::fromStdString(allowed.error().message)));
                           });
        return true;
    }
    if (interface == propertiesInterface) {
        QDBusConnection(connection)
            .send(message.createErrorReply(
                QStringLiteral("org.freedesktop.DBus.Error.PropertyReadOnly"),
                QStringLiteral("a job's properties are read-only")));
        return true;
    }
    if ((interface.isEmpty() || interface == jobInterface) && member == QStringLiteral("Cancel")) {
        if (Job* job = jobAt(message.path())) {
            job->requestCancel(message); // the owner asks polkit, then looks at the state
            return true;
        }
        // No such job: polkit is asked all the same (the monitor action, as a job's owner asks
        // first), so that only a caller who may see jobs learns so.
        m_authorizer.check(
            message.service(), manager::monitorAction, {}, [message, connection](Status allowed) {
                QDBusConnection(connection)
                    .send(allowed ? unknownObject(message)
                                  : message.createErrorReply(
                                        dbusErrorName(allowed.error().kind),
                                        QString::fromStdString(allowed.error().message)));
            });
        return true;
    }
    return false; // Introspectable and Peer: QtDBus's own answers, the same for every path
}

} // namespace cubby
