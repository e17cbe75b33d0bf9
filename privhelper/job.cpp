#include "job.h"

#include "dbus_errors.h"

#include <QDBusConnection>

namespace cubby {

namespace {

const QString jobInterface = QStringLiteral("io.github.cubby1.Job");

} // namespace

Job::Job(uint id, QString operation, QString target, uint startedBy, CancelHandler onCancel,
         const SignalAudience& audience, QObject* parent)
    : QObject(parent)
    , m_id(id)
    , m_operation(std::move(operation))
    , m_target(std::move(target))
    , m_startedBy(startedBy)
    , m_onCancel(std::move(onCancel))
    , m_audience(audience) {}

QDBusObjectPath Job::path() const {
    return QDBusObjectPath(QStringLiteral("/io/github/cubby1/job/%1").arg(m_id));
}

bool Job::finished() const {
    return m_state != QStringLiteral("running") && m_state != QStringLiteral("cancelling");
}

QVariantMap Job::describe() const {
    return {{QStringLiteral("path"), QVariant::fromValue(path())},
            {QStringLiteral("id"), m_id},
            {QStringLiteral("operation"), m_operation},
            {QStringLiteral("target"), m_target},
            {QStringLiteral("state"), m_state},
            {QStringLiteral("progress"), m_progress},
            {QStringLiteral("status"), m_status},
            {QStringLiteral("error_name"), m_errorName},
            {QStringLiteral("error_message"), m_errorMessage},
            {QStringLiteral("started_by"), m_startedBy}};
}

void Job::update(double fraction, const QString& status) {
    if (finished() || (fraction == m_progress && status == m_status))
        return;
    m_progress = fraction;
    m_status = status;
    emitSignal(QStringLiteral("ProgressChanged"), {m_progress, m_status});
    announce({{QStringLiteral("Progress"), m_progress}, {QStringLiteral("Status"), m_status}});
}

void Job::markCancelling() {
    if (finished())
        return;
    m_state = QStringLiteral("cancelling");
    announce({{QStringLiteral("State"), m_state}});
}

void Job::finish(const QString& state, const Error* error) {
    if (finished())
        return;
    m_state = state;
    QVariantMap changed{{QStringLiteral("State"), m_state}};
    if (state == QStringLiteral("done") && m_progress != 1) {
        m_progress = 1;
        changed[QStringLiteral("Progress")] = m_progress;
    }
    if (error) {
        m_errorName = dbusErrorName(error->kind);
        m_errorMessage = QString::fromStdString(error->message);
        changed[QStringLiteral("ErrorName")] = m_errorName;
        changed[QStringLiteral("ErrorMessage")] = m_errorMessage;
    }
    emitSignal(QStringLiteral("Finished"), {m_state, m_errorName, m_errorMessage});
    announce(changed);
}

void Job::emitSignal(const QString& name, const QVariantList& arguments) {
    m_audience.send(path().path(), jobInterface, name, arguments);
}

void Job::announce(const QVariantMap& changed) {
    m_audience.send(path().path(), QStringLiteral("org.freedesktop.DBus.Properties"),
                    QStringLiteral("PropertiesChanged"), {jobInterface, changed, QStringList()});
}

} // namespace cubby
