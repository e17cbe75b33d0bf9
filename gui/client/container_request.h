#pragma once
// What the New Container wizard asks for, as one value: the pages fill it, the checks below
// judge each page's part of it, and domainFromRequest() turns it into the definition the
// helper stores. Pure (no bus, no widgets), so all of it is unit-tested.

#include "domain.h"
#include "error.h"
#include "simplestreams.h"

#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <optional>
#include <string>
#include <vector>

namespace cubby {

enum class RootfsKind {
    Busybox,     // CreateRootfs(…, "busybox")
    Debian,      // CreateRootfs(…, "debian", {suite, packages})
    Tarball,     // ImportRootfs(…, fd of the file the GUI opened as the user)
    Directory,   // a host directory that exists already; no job
    Application, // no root filesystem: the host's root is shared; no job
    Image,       // downloaded by the app from an image server, then ImportRootfs as Tarball
};

enum class NetworkKind {
    None,    // a private network namespace with only loopback (<privnet/>)
    Host,    // the host's network namespace (application containers only)
    Network, // a Cubby network by name
    Bridge,  // an existing host bridge by name
};

inline constexpr unsigned minimumWizardMemoryMiB = 16;
inline constexpr unsigned defaultWizardMemoryMiB = 512;

// Who can log in to a bootable Debian (the wizard's "Console login").
enum class DebianLogin {
    ConsoleAutologin, // the console logs root in by itself (polkit guards the console)
    RootPassword,     // a login prompt; root with the password chosen
    SudoUser,         // a login prompt; a new user in group sudo with the password chosen
};

struct ContainerRequest {
    // Page 1: name and resources.
    std::string name;
    unsigned memoryMiB = defaultWizardMemoryMiB;
    std::optional<double> cpuLimit;    // at most this many CPUs' time (cpu.max); none: no limit
    std::optional<uint64_t> cpuShares; // relative weight; none: the default (1024)
    bool autostart = false;
    bool startWhenCreated = true;
    // Page 1 too: access. A folder of the user's home shared at sharedFolderTarget() (root
    // owns it inside; it stays the user's on the host), and the privileged opt-in.
    std::string sharedFolder; // empty: none
    bool sharedReadOnly = false;
    bool privileged = false;
    // Page 2: the root filesystem and what runs first in it.
    RootfsKind rootfs = RootfsKind::Busybox;
    std::string debianSuite = "trixie";
    std::vector<std::string> debianPackages;
    bool debianMinimal = false; // minbase without an init system (DebianVariant::Minimal)
    DebianLogin debianLogin = DebianLogin::ConsoleAutologin;
    std::string debianUser;
    // Typed twice; hashed (hashPassword) before anything leaves the app.
    std::string debianPassword;
    std::string debianPasswordRepeat;
    std::string tarballPath;
    std::string imageServer{defaultImageServer};
    std::optional<ImageEntry> image; // chosen from the server's catalogue
    std::string directory;
    std::string init = "/sbin/init";
    std::vector<std::string> initArgs;
    // Page 3: the network.
    NetworkKind network = NetworkKind::None;
    std::string networkName;
    std::string bridgeName;

    bool operator==(const ContainerRequest&) const = default;
};

// Whether a root filesystem job runs before the definition is stored.
bool needsRootfsJob(RootfsKind kind);
// The init a kind of root filesystem starts by default (see the wizard's page text).
// A Debian system boots systemd; a minimal one has no init system and runs bash.
std::string defaultInit(RootfsKind kind, bool debianMinimal = false);
// CreateRootfs's source and options for Busybox and Debian (empty source otherwise).
QString rootfsSource(const ContainerRequest& request);
// Without the password hash, which ContainerCreation adds (loginPasswordOption) as it starts
// the job.
QVariantMap rootfsOptions(const ContainerRequest& request);
// What keeps the chosen login from working (the wizard says it in the user's language).
enum class LoginProblem { None, NoUserName, BadUserName, NoPassword, LineBreak, Mismatch };
LoginProblem loginProblem(const ContainerRequest& request);
// The option key for the login's password hash ("rootPasswordHash" or "userPasswordHash"),
// empty when the login has no password.
QString loginPasswordOption(const ContainerRequest& request);
// "iproute2, openssh-server vim" → {"iproute2", "openssh-server", "vim"}.
std::vector<std::string> splitPackages(std::string_view text);

// Where the shared folder appears inside: /mnt/ and its own name ("/home/ann/Projects" →
// "/mnt/Projects"); empty when none is shared or the name is unusable.
std::string sharedFolderTarget(const ContainerRequest& request);

// Each page's check. `existing` are the names of the containers defined already.
Status validateIdentity(const ContainerRequest& request, const QStringList& existing);
Status validateRootfs(const ContainerRequest& request);
Status validateNetwork(const ContainerRequest& request);

// A CPU limit of `cpus` CPUs' time as <cputune> writes it (a quota of that many 100 ms
// periods, and vcpus, informational as in libvirt's LXC driver); nullopt takes the limit away.
// The wizard and the Settings tab both write it so.
void setCpuLimit(Domain& domain, std::optional<double> cpus);
// The CPU limit a definition sets, in CPUs; nullopt when it has none.
std::optional<double> cpuLimitOf(const Domain& domain);

// Init's arguments as one line (the Settings tab's field) and back, as a shell reads words:
// blanks separate, double quotes group ("" is an empty argument), a backslash takes the next
// character as it is. The inverse quotes only what needs it: join then split is the identity.
std::vector<std::string> splitInitArguments(const QString& line);
QString joinInitArguments(const std::vector<std::string>& arguments);

// The definition: `rootfsPath` is the directory mounted at '/' for every kind but
// Application (for Directory it is the request's directory, for the others what ListRootfs
// said after the job). InvalidArgument when the result would not validate.
Result<Domain> domainFromRequest(const ContainerRequest& request, const std::string& rootfsPath,
                                 const Uuid& uuid);

} // namespace cubby
