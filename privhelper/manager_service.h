#pragma once
// The object behind io.github.cubby1.Manager. Every method runs in the same order:
// validate the input → ask polkit (asynchronously; the reply is delayed, other callers are
// served meanwhile) → check the state (defined, running…) → act → reply. Nothing is touched,
// and no answer depends on containers, networks, root filesystems or jobs, before polkit said
// yes: a caller polkit refuses gets the same error whether the name exists or not.

#include "container_runtime.h"
#include "definition_store.h"
#include "dhcp_leases.h"
#include "dhcp_reservations.h"
#include "domain.h"
#include "file_stamp.h"
#include "job_registry.h"
#include "network.h"
#include "network_processes.h"
#include "polkit_authorizer.h"
#include "risk_assessment.h"

#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusUnixFileDescriptor>
#include <QObject>
#include <QStringList>
#include <QVariantMap>
#include <functional>

namespace cubby {

using QVariantMapList = QList<QVariantMap>;

class ManagerService : public QObject, protected QDBusContext {
    Q_OBJECT
public:
    explicit ManagerService(HelperConfig config, QObject* parent = nullptr);

    // True while a check, a start or a call is in flight (the helper must not exit then).
    bool busy() const;

    // On the helper's first start since boot (no marker under the run directory, which is on
    // a tmpfs): starts the networks marked autostart, then the containers marked autostart
    // whose networks are up. Asynchronous; failures are logged. See manager_autostart.cpp.
    void autostartOnBoot();
    // Removes what root filesystem jobs of an earlier helper left unfinished (it was killed
    // mid-way). Asynchronous, through cubby-rootfs clean-stale.
    void cleanStaleRootfs();

public slots:
    QVariantMapList ListContainers();
    QString DefineContainer(const QString& xml, QStringList& warnings);
    void UndefineContainer(const QString& name);
    QString GetContainerXml(const QString& name, bool live);
    qlonglong StartContainer(const QString& name);
    void ShutdownContainer(const QString& name, uint timeout);
    void DestroyContainer(const QString& name);
    void RebootContainer(const QString& name);
    void SetAutostart(const QString& name, bool enabled);
    QStringList ApplyLiveLimits(const QString& name, QStringList& atNextStart);
    QVariantMap GetContainerInfo(const QString& name);
    QMap<QString, QString> GetPermissions(const QString& name);
    QString GetLog(const QString& name, QString& console);
    QVariantMapList GetStats();
    QDBusUnixFileDescriptor OpenConsole(const QString& name, QString& ptyName);
    QDBusUnixFileDescriptor OpenShell(const QString& name, const QString& user, QString& ptyName);
    QDBusUnixFileDescriptor Exec(const QString& name, const QStringList& argv, const QString& user,
                                 QDBusUnixFileDescriptor& input, QDBusUnixFileDescriptor& output,
                                 QDBusUnixFileDescriptor& errors);
    QDBusUnixFileDescriptor ExecTerminal(const QString& name, const QStringList& argv,
                                         const QString& user, QDBusUnixFileDescriptor& pty,
                                         QString& ptyName);
    QVariantMapList ListNetworks();
    QVariantMapList ListHostLans();
    QString DefineNetwork(const QString& xml, QStringList& warnings);
    void UndefineNetwork(const QString& name);
    QString GetNetworkXml(const QString& name);
    void StartNetwork(const QString& name);
    void StopNetwork(const QString& name);
    void SetNetworkAutostart(const QString& name, bool enabled);
    QVariantMapList GetDhcpLeases(const QString& name);
    QVariantMapList DiagnoseNetwork(const QString& name);
    QVariantMapList ListRootfs();
    QDBusObjectPath CreateRootfs(const QString& name, const QString& source,
                                 const QVariantMap& options);
    QDBusObjectPath ImportRootfs(const QString& name, const QDBusUnixFileDescriptor& archive);
    QDBusObjectPath DeleteRootfs(const QString& name);
    // manager_export.cpp: a stopped container to a descriptor the caller opened, and back.
    QDBusObjectPath ExportContainer(const QString& name, const QDBusUnixFileDescriptor& archive);
    QDBusObjectPath ImportContainer(const QString& definition, const QString& name,
                                    const QDBusUnixFileDescriptor& archive);
    // A stopped container's copy under a new name (reflinks where the filesystem has them).
    QDBusObjectPath CloneContainer(const QString& name, const QString& newName);
    // manager_snapshots.cpp: snapshots of a stopped container's root.
    QDBusObjectPath CreateSnapshot(const QString& name, const QString& snapshot);
    QVariantMapList ListSnapshots(const QString& name);
    QDBusObjectPath RestoreSnapshot(const QString& name, const QString& snapshot);
    QDBusObjectPath DeleteSnapshot(const QString& name, const QString& snapshot);
    // manager_files.cpp: cubbyctl cp, a file into or out of a container.
    QDBusObjectPath PushFile(const QString& name, const QString& path,
                             const QDBusUnixFileDescriptor& data, uint mode, uint uid, uint gid);
    QDBusObjectPath PullFile(const QString& name, const QString& path,
                             const QDBusUnixFileDescriptor& output);
    QDBusObjectPath PushDirectory(const QString& name, const QString& path,
                                  const QDBusUnixFileDescriptor& archive, uint mode, uint uid,
                                  uint gid);
    QDBusObjectPath PullDirectory(const QString& name, const QString& path,
                                  const QDBusUnixFileDescriptor& output);
    QVariantMapList ListJobs();

signals:
    void activity(); // any call arrived or finished: restarts the idle timer

private:
    using Action = std::function<void(const QDBusMessage& call)>;
    // One of io.github.cubby1.Manager's signals (ContainerAdded…), addressed to each client
    // polkit allowed to monitor (signal_audience.h); the interface file lists them, the
    // adaptor relays none.
    void notify(const QString& member, const QVariantList& arguments);
    // What must hold of the state for the call to go on; checked after polkit, its error is
    // the reply.
    using Precondition = std::function<Status()>;

    // Replies to `call` now with the error's D-Bus name and message.
    void replyError(const QDBusMessage& call, const Error& error);
    // The same during a call, before any delayed work: no automatic reply follows.
    void replyError(const Error& error);
    // Delays the reply, asks polkit for `actionId`, then runs `act` (which replies).
    void authorizeThen(const QString& actionId, const QMap<QString, QString>& details, Action act);
    // The same, with `ready` checked once polkit allowed the call and before `act`.
    void authorizeThen(const QString& actionId, const QMap<QString, QString>& details,
                       Precondition ready, Action act);
    // Authorization that matches the risk (manager_ownership.cpp): asks polkit for the
    // monitor action (the caller may see Cubby's state at all), then runs `assess`, then
    // asks for manage-own when it found the caller's own unprivileged container or root
    // filesystem and for `adminAction` otherwise, with details naming what was asked and
    // why. `assess` runs again before `act` when it found the caller's own, so a change
    // made meanwhile cannot slip through; its error (NotFound…) is the reply.
    using Assessor = std::function<Result<RiskAssessment>()>;
    void authorizeByRisk(const QMap<QString, QString>& details, const QString& adminAction,
                         Assessor assess, Action act);
    // The stored definition of `name`, parsed (NotFound when there is none); parses are kept
    // with the file's stamp and reused while the file is the same.
    Result<Domain> storedContainer(const std::string& name) const;
    // What assessContainer needs to know of the caller (home shares checked by descriptor).
    CallerFacts callerFacts(const Domain& domain, uint caller) const;
    // Assessors: a definition to be stored; an operation on a stored container (`full`:
    // what starting it reaches, else only whose it is and whether it is privileged).
    Result<RiskAssessment> assessDefinition(const Domain& domain, uint caller) const;
    Result<RiskAssessment> assessStoredContainer(const std::string& name, uint caller,
                                                 bool full) const;
    // Root filesystems: who made one (rootfs-owners/NAME), and the caller's usage.
    struct RootfsRecord {
        uint32_t owner = 0;
        uint64_t bytes = 0;
    };
    std::optional<RootfsRecord> rootfsRecord(const std::string& name) const;
    void recordRootfs(const std::string& name, uint32_t owner);
    void forgetRootfs(const std::string& name);
    RootfsFacts rootfsFacts(const std::string& name, uint caller) const;
    // Validates a name argument's syntax (nothing about the state); replies with the error.
    bool checkContainerName(const QString& name);
    // Exec and ExecTerminal (manager_exec.cpp).
    void startExec(const QString& name, const QStringList& argv, const QString& user,
                   bool terminal);
    bool checkNetworkName(const QString& name);
    // NotFound unless defined; for preconditions.
    Status containerDefined(const QString& name) const;
    Status networkDefined(const QString& name) const;
    Status containerRunning(const QString& name); // and defined
    // Conflict when the new definition clashes with a stored one by name, UUID, MAC…, or when
    // a stored definition cannot be read (so it cannot be compared); a generated UUID becomes
    // the stored one of the same name.
    Status checkNewContainer(Domain& domain, bool generatedUuid) const;
    void requestControl(const QString& name, const QString& operation, ControlMessage type,
                        std::string payload);
    void openTerminal(const QString& name, const QString& operation, ControlMessage type,
                      const std::string& payload);
    // ListContainers' entry; `leases` keeps each network's DHCP leases for one call.
    using LeaseCache = std::map<std::string, std::vector<DhcpLease>>;
    QVariantMap describeContainer(const std::string& name, bool running, LeaseCache& leases);
    std::vector<DhcpLease> networkLeases(const std::string& network, LeaseCache& cache) const;
    void noteStateChanges();
    void noteNetworkStateChanges();
    // The stored networks, parsed; `except` is left out (the one being redefined).
    std::vector<Network> storedNetworks(const std::string& except = {}) const;
    // Empty when every type='network' interface's network is active; else the error.
    Status checkContainerNetworks(const std::string& name);

    // After authorization: starts a network or a container (the D-Bus methods and autostart).
    void startNetworkNow(const std::string& name, std::function<void(Status)> done);
    void startContainerNow(const std::string& name, std::function<void(Result<int64_t>)> done);
    void autostartContainers();

    // What containers claim of their networks (manager_reservations.cpp): DHCP reservations
    // for their interfaces and their walls. The networks that must change so that
    // `container` has exactly one reservation per MAC in claims.reservations and none for
    // `previous` MACs it no longer uses, and walls on exactly its claims.interfaces; nothing
    // is written. Fails when a network's DHCP range is full or it cannot keep walls.
    Result<std::vector<Network>> planNetworkClaims(std::string_view container,
                                                   const NetworkClaims& claims,
                                                   const std::vector<MacAddress>& previous) const;
    // Writes the changed networks and tells the running ones; failures are logged, since
    // the container's own change has been made by then.
    void storeNetworkClaims(const std::vector<Network>& changed);
    // Leases on the network and the other containers' own addresses on it.
    std::vector<AddressInUse> addressesInUse(const Network& network,
                                             std::string_view exceptContainer) const;

    // Root filesystems and their jobs (manager_rootfs.cpp).
    std::vector<std::string> rootfsNames() const;
    bool rootfsExists(const std::string& name) const;
    std::vector<std::string> containersUsingRootfs(const std::string& name) const;
    // AlreadyExists when the name is taken or a job is making it.
    Status checkRootfsNameFree(const QString& name) const;
    // After authorization: starts cubby-rootfs with `arguments` (the verb first, then its
    // own options) and replies with the job's path.
    // `then` runs when the worker is done (an import's definition is stored); its error
    // fails the job.
    // The job, or null after replying with the error.
    Job* startRootfsJob(const QDBusMessage& call, const QString& operation, const QString& name,
                        uint caller, std::vector<std::string> arguments, int stdinFd,
                        std::function<Status()> then = {});
    // After authorization: packs the stopped container's tree to `output` (manager_export.cpp).
    void startExport(const QDBusMessage& call, const QString& name, uint caller, int output);
    // What an import or a clone stores, judged as a new container on a root Cubby makes for
    // the caller, and the job that makes its root and then stores it (manager_export.cpp).
    Result<RiskAssessment> assessNewCopy(const Domain& domain, uint caller) const;
    Job* startCopyJob(const QDBusMessage& call, const Domain& domain, uint caller,
                      const QString& operation, std::vector<std::string> arguments, int stdinFd);
    // Snapshots (manager_snapshots.cpp): where a container's are kept; the name of its root
    // filesystem once it is Cubby's, stopped and not worked on (else the error to reply);
    // both names' syntax (replies with the error); a cubby-rootfs job (ARGV after the
    // program; the progress descriptor is added) that replies with its path.
    std::string snapshotBase(const std::string& container) const;
    Result<std::string> snapshotRootName(const QString& name);
    bool checkSnapshotNames(const QString& name, const QString& snapshot);
    // PushFile… (manager_files.cpp): validate, authorize, then (startFileCopy) a cubby-rootfs
    // copy job (ARGUMENTS after the verb) in the container's root, running or stopped.
    void startPush(const QString& name, const QString& path, const QDBusUnixFileDescriptor& data,
                   uint mode, uint uid, uint gid, bool directory);
    void startPull(const QString& name, const QString& path, const QDBusUnixFileDescriptor& output,
                   bool directory);
    // VERB: push, pull, push-tree or pull-tree.
    void startFileCopy(const QDBusMessage& call, const QString& name, const QString& path,
                       uint caller, const std::string& verb, std::vector<std::string> arguments,
                       int dataFd);
    Job* startWorkerJob(const QDBusMessage& call, const QString& operation, const QString& target,
                        uint caller, std::vector<std::string> argv, int stdinFd,
                        std::function<Status()> onDone = {});
    // Stores a checked definition as DefineContainer does (identity, MACs, network claims);
    // true when it is a new container.
    Result<bool> storeDefinition(Domain& domain, bool generatedUuid, uint caller);
    void cancelJob(Job* job, const QDBusMessage& call);
    // Define time (manager_idmap.cpp): records the owner (`caller`, or the owner the stored
    // definition already has) and gives a container that is neither privileged nor mapped
    // by its own <idmap> a range of host ids (the one it had, on a redefinition); refuses
    // an <idmap> that overlaps another container's ids.
    Status settleIdentity(Domain& domain, uint caller) const;
    uint callerUid() const; // of the call being served

    HelperConfig m_config;
    DefinitionStore m_containers;
    DefinitionStore m_networks;
    ContainerRuntime m_runtime;
    NetworkProcesses m_networkProcesses;
    PolkitAuthorizer m_authorizer;
    JobRegistry m_jobs;
    mutable std::map<std::string, std::pair<FileStamp, Domain>> m_parsedContainers;
    std::set<std::string> m_knownRunning;
    std::set<std::string> m_knownActiveNetworks;
    int m_pendingDiagnoses = 0;  // waiting for dnsmasq's DNS answer
    int m_pendingAutostarts = 0; // networks or containers autostart is waiting for
    int m_pendingCleanups = 0;   // cubby-rootfs clean-stale runs
};

} // namespace cubby
