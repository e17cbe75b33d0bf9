#include "peers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <format>
#include <fstream>

namespace cubby::bench {

namespace {

// Qt's JSON values are copies: a nested object is taken out, changed and put back.
void editObject(QJsonObject& parent, const char* key, auto&& edit) {
    QJsonObject child = parent[QLatin1StringView(key)].toObject();
    edit(child);
    parent[QLatin1StringView(key)] = child;
}

void editForBenchmark(QJsonObject& config, const std::string& rootfs) {
    editObject(config, "process", [](QJsonObject& process) {
        process["args"] = QJsonArray{"/bin/true"};
        process["terminal"] = false;
    });
    editObject(config, "root", [&](QJsonObject& root) {
        root["path"] = QString::fromStdString(rootfs);
        root["readonly"] = false;
    });
    editObject(config, "linux", [](QJsonObject& linuxSection) {
        editObject(linuxSection, "resources", [](QJsonObject& resources) {
            editObject(resources, "memory", [](QJsonObject& memory) {
                memory["limit"] = static_cast<qint64>(memoryLimitBytes);
            });
        });
    });
}

} // namespace

Status makeCrunBundle(ProcessMeter& meter, const std::string& crun, const std::string& bundleDir,
                      const std::string& rootfs) {
    const std::string configPath = bundleDir + "/config.json";
    if (auto spec = meter.run({{crun, "spec", "--bundle", bundleDir}}); !spec)
        return fail(Error::of(ErrorKind::System, "crun spec: " + spec.error().message));
    QFile file(QString::fromStdString(configPath));
    if (!file.open(QIODevice::ReadOnly))
        return fail(Error::of(ErrorKind::NotFound, "crun spec wrote no " + configPath));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (!document.isObject())
        return fail(Error::invalid(
            std::format("{}: {}", configPath, parseError.errorString().toStdString())));
    QJsonObject config = document.object();
    editForBenchmark(config, rootfs);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(QJsonDocument(config).toJson()) < 0)
        return fail(Error::of(ErrorKind::System, "cannot write " + configPath));
    return {};
}

Result<std::string> writeLxcConfig(const std::string& dir, const std::string& rootfs,
                                   bool unifiedCgroups) {
    const std::string path = dir + "/lxc.conf";
    std::ofstream out(path);
    out << "lxc.rootfs.path = dir:" << rootfs << "\n"
        << "lxc.uts.name = bench-lxc\n"
        << "lxc.net.0.type = empty\n"
        << (unifiedCgroups ? "lxc.cgroup2.memory.max = " : "lxc.cgroup.memory.limit_in_bytes = ")
        << memoryLimitBytes << "\n";
    out.close();
    if (!out)
        return fail(Error::of(ErrorKind::System, "cannot write " + path));
    return path;
}

} // namespace cubby::bench
