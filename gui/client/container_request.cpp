#include "container_request.h"

#include "debian_bootstrap.h"
#include "domain_xml.h"
#include "folder_shares.h"
#include "names.h"
#include "text.h"

#include <QStringList>
#include <algorithm>
#include <cmath>
#include <format>
#include <utility>

namespace cubby {

namespace {

// cpu.max's period: a limit of N CPUs becomes a quota of N periods.
constexpr uint64_t cpuPeriodUs = 100000;
constexpr int64_t minimumCpuQuotaUs = 1000;

} // namespace

void setCpuLimit(Domain& domain, std::optional<double> cpus) {
    if (!cpus) {
        domain.cputune.quotaUs.reset();
        domain.cputune.periodUs.reset();
        domain.vcpus = 1;
        return;
    }
    const auto quota = static_cast<int64_t>(std::llround(*cpus * cpuPeriodUs));
    domain.cputune.periodUs = cpuPeriodUs;
    domain.cputune.quotaUs = std::max(quota, minimumCpuQuotaUs);
    // Informational, as in libvirt's LXC driver: the limit is the quota.
    domain.vcpus = static_cast<unsigned>(std::max(1.0, std::ceil(*cpus)));
}

std::optional<double> cpuLimitOf(const Domain& domain) {
    const auto& cpu = domain.cputune;
    if (!cpu.quotaUs || *cpu.quotaUs <= 0)
        return std::nullopt;
    return double(*cpu.quotaUs) / double(cpu.periodUs.value_or(cpuPeriodUs));
}

bool needsRootfsJob(RootfsKind kind) {
    return kind == RootfsKind::Busybox || kind == RootfsKind::Debian ||
           kind == RootfsKind::Tarball || kind == RootfsKind::Image;
}

std::string defaultInit(RootfsKind kind, bool debianMinimal) {
    switch (kind) {
    case RootfsKind::Busybox:
    case RootfsKind::Tarball:
    case RootfsKind::Directory:
    case RootfsKind::Image:
        return "/sbin/init";
    case RootfsKind::Debian:
        // mmdebstrap's minbase variant installs no init system (no systemd, no sysvinit):
        // bash, an Essential package, on the console is what works without more packages.
        return debianMinimal ? "/bin/bash" : "/sbin/init";
    case RootfsKind::Application:
        return "/bin/sh";
    }
    return "/sbin/init";
}

QString rootfsSource(const ContainerRequest& request) {
    switch (request.rootfs) {
    case RootfsKind::Busybox:
        return QStringLiteral("busybox");
    case RootfsKind::Debian:
        return QStringLiteral("debian");
    default:
        return {};
    }
}

QVariantMap rootfsOptions(const ContainerRequest& request) {
    if (request.rootfs != RootfsKind::Debian)
        return {};
    QVariantMap options{
        {QStringLiteral("suite"), QString::fromStdString(request.debianSuite)},
        {QStringLiteral("variant"),
         QString::fromUtf8(debianVariantName(request.debianMinimal ? DebianVariant::Minimal
                                                                   : DebianVariant::System))}};
    if (!request.debianMinimal) {
        options.insert(QStringLiteral("autologin"),
                       request.debianLogin == DebianLogin::ConsoleAutologin);
        if (request.debianLogin == DebianLogin::SudoUser)
            options.insert(QStringLiteral("user"), QString::fromStdString(request.debianUser));
    }
    if (!request.debianPackages.empty()) {
        QStringList packages;
        for (const auto& package : request.debianPackages)
            packages << QString::fromStdString(package);
        options.insert(QStringLiteral("packages"), packages);
    }
    return options;
}

LoginProblem loginProblem(const ContainerRequest& request) {
    if (request.rootfs != RootfsKind::Debian || request.debianMinimal ||
        request.debianLogin == DebianLogin::ConsoleAutologin)
        return LoginProblem::None;
    if (request.debianLogin == DebianLogin::SudoUser && !validNewUserName(request.debianUser))
        return request.debianUser.empty() ? LoginProblem::NoUserName : LoginProblem::BadUserName;
    if (request.debianPassword.empty())
        return LoginProblem::NoPassword;
    if (request.debianPassword.find_first_of("\r\n") != std::string::npos)
        return LoginProblem::LineBreak;
    if (request.debianPassword != request.debianPasswordRepeat)
        return LoginProblem::Mismatch;
    return LoginProblem::None;
}

QString loginPasswordOption(const ContainerRequest& request) {
    if (request.rootfs != RootfsKind::Debian || request.debianMinimal)
        return {};
    switch (request.debianLogin) {
    case DebianLogin::ConsoleAutologin:
        return {};
    case DebianLogin::RootPassword:
        return QStringLiteral("rootPasswordHash");
    case DebianLogin::SudoUser:
        return QStringLiteral("userPasswordHash");
    }
    return {};
}

std::vector<std::string> splitPackages(std::string_view text) {
    std::vector<std::string> packages;
    std::string current;
    for (const char c : text) {
        if (c == ',' || c == ' ' || c == '\t' || c == '\n') {
            if (!current.empty())
                packages.push_back(std::exchange(current, {}));
        } else {
            current += c;
        }
    }
    if (!current.empty())
        packages.push_back(current);
    return packages;
}

std::string sharedFolderTarget(const ContainerRequest& request) {
    return request.sharedFolder.empty() ? std::string() : defaultShareTarget(request.sharedFolder);
}

Status validateIdentity(const ContainerRequest& request, const QStringList& existing) {
    CUBBY_CHECK(validateObjectName(request.name, "Name"));
    if (existing.contains(QString::fromStdString(request.name)))
        return fail(
            Error::of(ErrorKind::AlreadyExists, std::format("a container named {} exists already",
                                                            cubby::quoted(request.name))));
    if (request.memoryMiB < minimumWizardMemoryMiB)
        return failInvalid(std::format("Memory: {} MiB is below the minimum of {} MiB",
                                       request.memoryMiB, minimumWizardMemoryMiB));
    if (request.cpuLimit && !(*request.cpuLimit >= 0.01))
        return failInvalid("CPU limit: give at least 0.01 CPUs, or no limit");
    if (request.cpuShares && (*request.cpuShares < 2 || *request.cpuShares > 262144))
        return failInvalid("CPU weight: between 2 and 262144 (1024 is the default)");
    if (!request.sharedFolder.empty()) {
        CUBBY_CHECK(validateAbsolutePath(request.sharedFolder, "Shared folder"));
        if (sharedFolderTarget(request).empty())
            return failInvalid("Shared folder: choose a folder, not the whole file system");
    }
    return {};
}

Status validateRootfs(const ContainerRequest& request) {
    switch (request.rootfs) {
    case RootfsKind::Debian: {
        DebianBootstrap bootstrap;
        bootstrap.suite = request.debianSuite;
        bootstrap.packages = request.debianPackages;
        CUBBY_CHECK(validateDebianBootstrap(bootstrap));
        break;
    }
    case RootfsKind::Tarball:
        if (request.tarballPath.empty())
            return failInvalid("choose the root filesystem archive to import");
        break;
    case RootfsKind::Image:
        CUBBY_CHECK(validateImageServer(request.imageServer));
        if (!request.image)
            return failInvalid("choose an image from the list");
        break;
    case RootfsKind::Directory:
        CUBBY_CHECK(validateAbsolutePath(request.directory, "Directory"));
        if (request.directory == "/")
            return failInvalid("Directory: the host's own root is shared by an application "
                               "container; choose that kind instead");
        break;
    case RootfsKind::Busybox:
    case RootfsKind::Application:
        break;
    }
    CUBBY_CHECK(validateAbsolutePath(request.init, "Init program"));
    return {};
}

Status validateNetwork(const ContainerRequest& request) {
    switch (request.network) {
    case NetworkKind::None:
        return {};
    case NetworkKind::Host:
        if (request.rootfs != RootfsKind::Application)
            return failInvalid("only an application container may share the host's network: a "
                               "system container's init would configure the host's interfaces");
        return {};
    case NetworkKind::Network:
        if (request.networkName.empty())
            return failInvalid("choose a network (none is defined yet: create one first)");
        return validateObjectName(request.networkName, "Network");
    case NetworkKind::Bridge:
        return validateInterfaceName(request.bridgeName, "Bridge");
    }
    return {};
}

Result<Domain> domainFromRequest(const ContainerRequest& request, const std::string& rootfsPath,
                                 const Uuid& uuid) {
    Domain domain;
    domain.name = request.name;
    domain.uuid = uuid;
    domain.memoryKiB = uint64_t{request.memoryMiB} * 1024;
    domain.currentMemoryKiB = domain.memoryKiB;
    setCpuLimit(domain, request.cpuLimit);
    domain.cputune.shares = request.cpuShares;
    domain.os.init = request.init;
    domain.os.initArgs = request.initArgs;
    if (request.rootfs != RootfsKind::Application) {
        Filesystem root;
        root.type = FilesystemType::Mount;
        root.sourceDir = request.rootfs == RootfsKind::Directory ? request.directory : rootfsPath;
        root.targetDir = "/";
        domain.filesystems.push_back(root);
    }
    if (const std::string target = sharedFolderTarget(request); !target.empty()) {
        Filesystem share;
        share.type = FilesystemType::Mount;
        share.sourceDir = request.sharedFolder;
        share.targetDir = target;
        share.readOnly = request.sharedReadOnly;
        domain.filesystems.push_back(share);
    }
    domain.cubby.privileged = request.privileged;
    switch (request.network) {
    case NetworkKind::None:
        domain.features.privnet = true;
        break;
    case NetworkKind::Host:
        break;
    case NetworkKind::Network:
    case NetworkKind::Bridge: {
        Interface iface;
        iface.type = request.network == NetworkKind::Network ? InterfaceType::Network
                                                             : InterfaceType::Bridge;
        iface.source =
            request.network == NetworkKind::Network ? request.networkName : request.bridgeName;
        domain.interfaces.push_back(iface);
        break;
    }
    }
    domain.consoles.push_back(Console{});
    CUBBY_CHECK(validateDomain(domain));
    return domain;
}

std::vector<std::string> splitInitArguments(const QString& line) {
    std::vector<std::string> arguments;
    QString current;
    bool inArgument = false, quoted = false, escaped = false;
    for (const QChar c : line) {
        if (escaped) {
            current += c;
            escaped = false;
        } else if (c == QLatin1Char('\\')) {
            escaped = inArgument = true;
        } else if (c == QLatin1Char('"')) {
            quoted = !quoted;
            inArgument = true;
        } else if (!quoted && (c == QLatin1Char(' ') || c == QLatin1Char('\t'))) {
            if (inArgument)
                arguments.push_back(current.toStdString());
            current.clear();
            inArgument = false;
        } else {
            current += c;
            inArgument = true;
        }
    }
    if (inArgument)
        arguments.push_back(current.toStdString());
    return arguments;
}

QString joinInitArguments(const std::vector<std::string>& arguments) {
    QStringList shown;
    for (const std::string& argument : arguments) {
        QString text = QString::fromStdString(argument);
        const bool plain = !text.isEmpty() && std::ranges::none_of(text, [](QChar c) {
            return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('"') ||
                   c == QLatin1Char('\\');
        });
        if (!plain) {
            text.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
            text.replace(QLatin1Char('"'), QLatin1String("\\\""));
            text = QLatin1Char('"') + text + QLatin1Char('"');
        }
        shown.append(text);
    }
    return shown.join(QLatin1Char(' '));
}

} // namespace cubby
