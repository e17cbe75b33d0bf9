#pragma once
// Makes a container from a ContainerRequest, asynchronously, step by step: the root
// filesystem job (CreateRootfs or ImportRootfs, followed through its Job object), its path
// from ListRootfs, DefineContainer with the XML of domainFromRequest(), SetAutostart and
// StartContainer. Nothing waits; every step reports through signals. A root filesystem made
// here and not yet used by a definition is reused by the next attempt (the user went Back to
// fix something else) and deleted when the attempt is abandoned.

#include "container_request.h"

#include <QDBusObjectPath>
#include <QObject>
#include <QPointer>
#include <optional>

class IoGithubCubby1JobInterface;
class QDBusPendingCallWatcher;

namespace cubby {

class HelperConnection;
class ImageDownload;

class ContainerCreation : public QObject {
    Q_OBJECT
public:
    explicit ContainerCreation(HelperConnection* helper, QObject* parent = nullptr);
    ~ContainerCreation() override;

    bool isRunning() const { return m_running; }
    bool jobRunning() const { return m_jobRunning; }
    // The container that an earlier attempt defined (a retry replaces it), or empty.
    QString definedName() const { return m_definedName; }

    void start(const ContainerRequest& request);
    // Cancels the root filesystem job (now, or as soon as the helper names it). Later steps
    // are short and are not interrupted.
    void cancel();
    // The wizard closes: a running job is cancelled, a root filesystem made but not used is
    // deleted, nothing more is defined or started; the object deletes itself once the helper
    // has been told.
    void abandon();

signals:
    // fraction is 0–1, or -1 while unknown; status is the helper's line for people.
    void progress(double fraction, const QString& status);
    void stepChanged(const QString& text);
    void failed(const QString& message);
    void cancelled();
    void succeeded(const QString& name);

private:
    struct MadeRootfs {
        ContainerRequest request; // its rootfs fields are what it was made from
        QString name;
        QString path;
    };

    bool canReuse(const ContainerRequest& request) const;
    void startJob();
    void startDownload();
    void downloadCancelled();
    void startImport(const std::string& path, const QString& step);
    void jobStarted(QDBusPendingCallWatcher& call);
    void jobFinished(const QString& state, const QString& errorMessage);
    void locateRootfs();
    void define(const std::string& rootfsPath);
    void afterDefine();
    void startContainer();
    void fail(const QString& message);
    void finishAbandoning();
    void dropJob();

    HelperConnection* m_helper;
    // One per wizard: a retry after a failed start redefines the same container.
    Uuid m_uuid;
    ContainerRequest m_request;
    std::optional<MadeRootfs> m_made;
    QString m_rootfsName;
    QString m_definedName;
    QPointer<IoGithubCubby1JobInterface> m_job;
    ImageDownload* m_download = nullptr; // RootfsKind::Image, made when first needed
    bool m_running = false;
    bool m_jobRunning = false;
    bool m_cancelWanted = false;
    bool m_abandoned = false;
};

} // namespace cubby
