#pragma once
// The job objects on the bus, /io/github/cubby1/job/ID, answered here rather than by QtDBus.
// QtDBus answers org.freedesktop.DBus.Properties reads of an exported object by itself, to
// any caller, and a job's properties tell what is being made, by whom and how it failed. So
// one virtual object serves every job path: a property read asks polkit for the monitor
// action before it even looks whether the job exists, Cancel goes to the job's owner (which
// asks for manage before it looks at the job's state). Introspection stays QtDBus's, with the
// interface from io.github.cubby1.Job.xml and no list of jobs.

#include "job.h"
#include "polkit_authorizer.h"

#include <QDBusVirtualObject>
#include <functional>

namespace cubby {

class JobObjects : public QDBusVirtualObject {
    Q_OBJECT
public:
    static constexpr QLatin1StringView basePath{"/io/github/cubby1/job"};

    // `find` gives the live job with that id, or null.
    JobObjects(PolkitAuthorizer& authorizer, std::function<Job*(uint id)> find,
               QObject* parent = nullptr);

    QString introspect(const QString& path) const override;
    bool handleMessage(const QDBusMessage& message, const QDBusConnection& connection) override;

private:
    Job* jobAt(const QString& path) const;
    // After polkit allowed the monitor action: the reply to Get or GetAll.
    QDBusMessage propertiesReply(const QDBusMessage& call) const;

    PolkitAuthorizer& m_authorizer;
    std::function<Job*(uint id)> m_find;
};

} // namespace cubby
