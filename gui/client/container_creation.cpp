#include "container_creation.h"

#include "domain_xml.h"
#include "helper_connection.h"
#include "helper_errors.h"
#include "image_fetch.h"
#include "job_interface.h"
#include "password_hash.h"
#include "unique_fd.h"

#include <QDBusMessage>
#include <QDBusPendingReply>
#include <QDBusUnixFileDescriptor>
#include <QRandomGenerator>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

namespace cubby {

namespace {

const QString jobInterface = QStringLiteral("io.github.cubby1.Job");

Uuid randomUuid() {
    std::array<uint8_t, 16> bytes{};
    for (auto& byte : bytes)
        byte = static_cast<uint8_t>(QRandomGenerator::system()->bounded(256));
    return Uuid::fromRandomBytes(bytes);
}

// Opened as the user who runs the GUI, so nobody imports what they could not read. Without
// O_NONBLOCK a FIFO would block this thread until a writer came; it is cleared again so the
// helper's reads wait for data as they should.
Result<UniqueFd> openArchive(const std::string& path) {
    UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!fd)
        return fail(Error::system(errno, "opening " + path));
    struct stat st = {};
    if (::fstat(fd.get(), &st) != 0)
        return fail(Error::system(errno, "examining " + path));
    if (S_ISDIR(st.st_mode))
        return failInvalid(path + " is a directory, not an archive");
    const int flags = ::fcntl(fd.get(), F_GETFL);
    if (flags < 0 || ::fcntl(fd.get(), F_SETFL, flags & ~O_NONBLOCK) != 0)
        return fail(Error::system(errno, "preparing " + path));
    return fd;
}

bool sameRootfs(const ContainerRequest& a, const ContainerRequest& b) {
    return a.rootfs == b.rootfs && a.debianSuite == b.debianSuite && a.image == b.image &&
           a.debianPackages == b.debianPackages && a.debianMinimal == b.debianMinimal &&
           a.debianLogin == b.debianLogin && a.debianUser == b.debianUser &&
           a.debianPassword == b.debianPassword && a.tarballPath == b.tarballPath;
}

} // namespace

ContainerCreation::ContainerCreation(HelperConnection* helper, QObject* parent)
    : QObject(parent)
    , m_helper(helper)
    , m_uuid(randomUuid()) {}

ContainerCreation::~ContainerCreation() = default;

bool ContainerCreation::canReuse(const ContainerRequest& request) const {
    return m_made && sameRootfs(m_made->request, request);
}

void ContainerCreation::start(const ContainerRequest& request) {
    if (m_running || m_abandoned)
        return;
    m_request = request;
    m_running = true;
    m_cancelWanted = false;
    if (!needsRootfsJob(request.rootfs)) {
        define({});
    } else if (canReuse(request)) {
        emit stepChanged(tr("Using the root filesystem “%1” made before").arg(m_made->name));
        define(m_made->path.toStdString());
    } else {
        startJob();
    }
}

void ContainerCreation::startDownload() {
    // Downloaded by the app as the user, checked, cached; then imported like a tarball.
    if (!m_download) {
        m_download = new ImageDownload(this);
        connect(m_download, &ImageDownload::progress, this, [this](qint64 received, qint64 total) {
            emit progress(total > 0 ? double(received) / double(total) : -1,
                          tr("%1 of %2 MiB")
                              .arg(double(received) / (1 << 20), 0, 'f', 1)
                              .arg(double(total) / (1 << 20), 0, 'f', 1));
        });
        connect(m_download, &ImageDownload::finished, this, [this](const QString& path) {
            if (m_abandoned || m_cancelWanted) {
                m_jobRunning = false;
                if (m_abandoned)
                    finishAbandoning();
                else
                    downloadCancelled();
                return;
            }
            startImport(path.toStdString(), tr("Importing the root filesystem…"));
        });
        connect(m_download, &ImageDownload::failed, this, [this](const QString& message) {
            m_jobRunning = false;
            if (m_abandoned)
                finishAbandoning();
            else
                fail(message);
        });
        connect(m_download, &ImageDownload::cancelled, this, [this] {
            m_jobRunning = false;
            if (m_abandoned)
                finishAbandoning();
            else
                downloadCancelled();
        });
    }
    m_jobRunning = true;
    emit stepChanged(tr("Downloading %1…").arg(QString::fromStdString(m_request.image->title)));
    emit progress(-1, tr("Reading from %1…").arg(QString::fromStdString(m_request.imageServer)));
    m_download->start(QString::fromStdString(m_request.imageServer), *m_request.image);
}

void ContainerCreation::downloadCancelled() {
    m_running = false;
    emit stepChanged(tr("Cancelled: nothing was made."));
    emit cancelled();
}

void ContainerCreation::startImport(const std::string& path, const QString& step) {
    auto archive = openArchive(path);
    if (!archive) {
        m_jobRunning = false;
        fail(QString::fromStdString(archive.error().message));
        return;
    }
    m_rootfsName = QString::fromStdString(m_request.name);
    // The message holds its own duplicate; ours closes at the end of this scope.
    const QDBusPendingCall call =
        m_helper->manager()->ImportRootfs(m_rootfsName, QDBusUnixFileDescriptor(archive->get()));
    m_jobRunning = true;
    emit stepChanged(step);
    emit progress(-1, tr("Waiting for cubby-helper…"));
    m_helper->watch(call, this, [this](QDBusPendingCallWatcher& reply) { jobStarted(reply); });
}

void ContainerCreation::startJob() {
    if (m_request.rootfs == RootfsKind::Image && m_request.image) {
        startDownload();
        return;
    }
    if (m_request.rootfs == RootfsKind::Tarball) {
        startImport(m_request.tarballPath, tr("Importing the root filesystem…"));
        return;
    }
    m_rootfsName = QString::fromStdString(m_request.name);
    QVariantMap options = rootfsOptions(m_request);
    if (const QString key = loginPasswordOption(m_request); !key.isEmpty()) {
        // Hashed here: the password itself never leaves the app (yescrypt takes tens of
        // milliseconds, once, as the user clicks Create).
        auto hash = hashPassword(m_request.debianPassword);
        if (!hash) {
            fail(QString::fromStdString(hash.error().message));
            return;
        }
        options.insert(key, QString::fromStdString(*hash));
    }
    const QDBusPendingCall call =
        m_helper->manager()->CreateRootfs(m_rootfsName, rootfsSource(m_request), options);
    m_jobRunning = true;
    emit stepChanged(tr("Making the root filesystem…"));
    emit progress(-1, tr("Waiting for cubby-helper…"));
    m_helper->watch(call, this, [this](QDBusPendingCallWatcher& reply) { jobStarted(reply); });
}

void ContainerCreation::jobStarted(QDBusPendingCallWatcher& call) {
    const QDBusPendingReply<QDBusObjectPath> reply = call;
    if (reply.isError()) {
        m_jobRunning = false;
        if (m_abandoned)
            finishAbandoning();
        else
            fail(tr("The root filesystem could not be started: %1")
                     .arg(helperErrorText(reply.error())));
        return;
    }
    const QString path = reply.value().path();
    emit progress(-1,
                  m_request.rootfs != RootfsKind::Busybox && m_request.rootfs != RootfsKind::Debian
                      ? tr("Reading the archive…")
                      : tr("Started…"));
    m_job =
        new IoGithubCubby1JobInterface(m_helper->manager()->service(), path, m_helper->bus(), this);
    connect(m_job, &IoGithubCubby1JobInterface::ProgressChanged, this,
            [this](double fraction, const QString& status) {
                if (m_jobRunning)
                    emit progress(fraction, status);
            });
    connect(m_job, &IoGithubCubby1JobInterface::Finished, this,
            [this](const QString& state, const QString&, const QString& message) {
                jobFinished(state, message);
            });
    // Connected first, then read: a job that ended before we listened is still readable.
    QDBusMessage getAll = QDBusMessage::createMethodCall(
        m_helper->manager()->service(), path, QStringLiteral("org.freedesktop.DBus.Properties"),
        QStringLiteral("GetAll"));
    getAll.setArguments({jobInterface});
    m_helper->watch(m_helper->bus().asyncCall(getAll), this, [this](QDBusPendingCallWatcher& w) {
        const QDBusPendingReply<QVariantMap> props = w;
        if (props.isError() || !m_jobRunning)
            return;
        const QString state = props.value().value(QStringLiteral("State")).toString();
        if (state == QLatin1String("done") || state == QLatin1String("failed") ||
            state == QLatin1String("cancelled"))
            jobFinished(state, props.value().value(QStringLiteral("ErrorMessage")).toString());
        else if (const QString status = props.value().value(QStringLiteral("Status")).toString();
                 !status.isEmpty()) // before the worker's first report Progress is a bare 0
            emit progress(props.value().value(QStringLiteral("Progress")).toDouble(), status);
    });
    if (m_cancelWanted)
        cancel();
}

void ContainerCreation::cancel() {
    if (!m_jobRunning)
        return;
    m_cancelWanted = true;
    if (m_download && m_download->isRunning()) {
        emit stepChanged(tr("Cancelling…"));
        m_download->cancel(); // cancelled() follows
        return;
    }
    if (!m_job)
        return; // the helper has not named the job yet: cancelled when it does
    emit stepChanged(tr("Cancelling…"));
    m_helper->watch(m_job->Cancel(), this, [](QDBusPendingCallWatcher&) {
        // Conflict: it finished meanwhile; Finished says how, and that is what counts.
    });
}

void ContainerCreation::jobFinished(const QString& state, const QString& errorMessage) {
    if (!m_jobRunning)
        return; // Finished and the property read can both report the end
    m_jobRunning = false;
    dropJob();
    if (state == QLatin1String("done")) {
        m_made = MadeRootfs{m_request, m_rootfsName, {}};
        if (m_abandoned) {
            finishAbandoning();
            return;
        }
        emit progress(1, tr("Root filesystem ready"));
        locateRootfs();
    } else if (state == QLatin1String("cancelled")) {
        m_running = false;
        if (m_abandoned) {
            finishAbandoning();
            return;
        }
        emit stepChanged(tr("Cancelled: nothing was made."));
        emit cancelled();
    } else if (m_abandoned) {
        finishAbandoning();
    } else {
        fail(tr("Making the root filesystem failed: %1").arg(errorMessage));
    }
}

void ContainerCreation::locateRootfs() {
    emit stepChanged(tr("Finding the root filesystem…"));
    m_helper->watch(m_helper->manager()->ListRootfs(), this, [this](QDBusPendingCallWatcher& w) {
        const QDBusPendingReply<QList<QVariantMap>> reply = w;
        if (m_abandoned) {
            finishAbandoning();
            return;
        }
        if (reply.isError()) {
            fail(tr("Could not list the root filesystems: %1").arg(helperErrorText(reply.error())));
            return;
        }
        for (const QVariantMap& entry : reply.value()) {
            if (entry.value(QStringLiteral("name")).toString() == m_made->name)
                m_made->path = entry.value(QStringLiteral("path")).toString();
        }
        if (m_made->path.isEmpty()) {
            fail(tr("The root filesystem “%1” is not listed by cubby-helper").arg(m_made->name));
            return;
        }
        define(m_made->path.toStdString());
    });
}

void ContainerCreation::define(const std::string& rootfsPath) {
    const auto domain = domainFromRequest(m_request, rootfsPath, m_uuid);
    if (!domain) {
        fail(QString::fromStdString(domain.error().message));
        return;
    }
    emit stepChanged(tr("Defining the container…"));
    const QString xml = QString::fromStdString(formatDomainXml(*domain));
    m_helper->watch(
        m_helper->manager()->DefineContainer(xml), this, [this](QDBusPendingCallWatcher& w) {
            const QDBusPendingReply<QString, QStringList> reply = w;
            if (reply.isError()) {
                if (m_abandoned)
                    finishAbandoning();
                else
                    fail(tr("The definition was refused: %1").arg(helperErrorText(reply.error())));
                return;
            }
            m_definedName = reply.argumentAt<0>();
            if (m_made && needsRootfsJob(m_request.rootfs))
                m_made.reset(); // a definition uses it now: it is the container's
            afterDefine();
        });
}

void ContainerCreation::afterDefine() {
    if (m_abandoned) {
        finishAbandoning();
        return;
    }
    if (!m_request.autostart) {
        startContainer();
        return;
    }
    m_helper->watch(m_helper->manager()->SetAutostart(m_definedName, true), this,
                    [this](QDBusPendingCallWatcher& w) {
                        if (w.isError()) {
                            fail(tr("“%1” was defined, but autostart could not be set: %2")
                                     .arg(m_definedName, helperErrorText(w.error())));
                            return;
                        }
                        startContainer();
                    });
}

void ContainerCreation::startContainer() {
    if (!m_request.startWhenCreated || m_abandoned) {
        m_running = false;
        emit succeeded(m_definedName);
        if (m_abandoned)
            finishAbandoning();
        return;
    }
    emit stepChanged(tr("Starting the container…"));
    m_helper->watch(m_helper->manager()->StartContainer(m_definedName), this,
                    [this](QDBusPendingCallWatcher& w) {
                        if (w.isError()) {
                            fail(tr("“%1” was defined, but it could not start: %2")
                                     .arg(m_definedName, helperErrorText(w.error())));
                            return;
                        }
                        m_running = false;
                        emit succeeded(m_definedName);
                    });
}

void ContainerCreation::fail(const QString& message) {
    m_running = false;
    emit failed(message);
}

void ContainerCreation::abandon() {
    m_abandoned = true;
    // Outlives the wizard that owned it until the helper has been told what to undo.
    setParent(m_helper);
    if (m_jobRunning) {
        cancel();
        return; // finishAbandoning() follows the job's end
    }
    if (!m_running)
        finishAbandoning();
}

void ContainerCreation::finishAbandoning() {
    m_running = false;
    if (m_made && !m_made->name.isEmpty()) {
        // Made for a container that will not be defined: nobody else knows it is there.
        m_helper->watch(m_helper->manager()->DeleteRootfs(m_made->name), m_helper,
                        [](QDBusPendingCallWatcher&) {});
        m_made.reset();
    }
    deleteLater();
}

void ContainerCreation::dropJob() {
    if (m_job)
        m_job->deleteLater();
    m_job = nullptr;
}

} // namespace cubby
