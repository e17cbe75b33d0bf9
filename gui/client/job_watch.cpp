#include "job_watch.h"

#include "helper_connection.h"
#include "job_interface.h"

#include <QDBusMessage>
#include <QDBusPendingReply>

namespace cubby {

JobWatch::JobWatch(HelperConnection* helper, const QString& path, QObject* parent)
    : QObject(parent)
    , m_helper(helper)
    , m_job(
          new IoGithubCubby1JobInterface(helper->manager()->service(), path, helper->bus(), this)) {
    connect(m_job, &IoGithubCubby1JobInterface::ProgressChanged, this,
            [this](double fraction, const QString& status) {
                m_status = status;
                if (!m_ended)
                    emit progress(fraction, status);
            });
    connect(m_job, &IoGithubCubby1JobInterface::Finished, this,
            [this](const QString& state, const QString&, const QString& message) {
                end(state, message);
            });
    QDBusMessage getAll = QDBusMessage::createMethodCall(
        helper->manager()->service(), path, QStringLiteral("org.freedesktop.DBus.Properties"),
        QStringLiteral("GetAll"));
    getAll.setArguments({IoGithubCubby1JobInterface::staticInterfaceName()});
    helper->watch(helper->bus().asyncCall(getAll), this, [this](QDBusPendingCallWatcher& w) {
        const QDBusPendingReply<QVariantMap> props = w;
        if (props.isError() || m_ended)
            return;
        const QString state = props.value().value(QStringLiteral("State")).toString();
        if (const QString status = props.value().value(QStringLiteral("Status")).toString();
            !status.isEmpty())
            m_status = status;
        if (state == QLatin1String("done") || state == QLatin1String("failed") ||
            state == QLatin1String("cancelled"))
            end(state, props.value().value(QStringLiteral("ErrorMessage")).toString());
    });
}

void JobWatch::cancel() {
    if (!m_ended)
        m_helper->watch(m_job->Cancel(), this, [](QDBusPendingCallWatcher&) {
            // Conflict: it finished meanwhile; finished() says how, and that is what counts.
        });
}

void JobWatch::end(const QString& state, const QString& message) {
    if (std::exchange(m_ended, true))
        return;
    emit finished(state, message);
}

} // namespace cubby
