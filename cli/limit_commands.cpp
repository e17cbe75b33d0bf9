// cubbyctl setmem / apply-live: a container's memory cap changed in its definition and, while
// it runs, in the running container too (virsh setmem --config --live), and the stored memory
// and CPU limits applied to a running container after an edit elsewhere (dumpxml, the app).
#include "commands.h"

#include "cli_common.h"

#include "units.h"

#include <QRegularExpression>

namespace cubby::cli {

namespace {

// Applies the stored limits to the running container and says what changed when; a stopped
// container simply takes its definition at the next start.
int applyLive(const QString& name, bool quietWhenStopped) {
    auto info = manager().GetContainerInfo(name);
    if (!wait(info))
        return 1;
    if (info.value().value(QStringLiteral("state")).toString() != QLatin1String("running")) {
        if (!quietWhenStopped)
            out() << "Container " << name << " is not running: it takes its definition when it "
                  << "next starts\n\n";
        return 0;
    }
    auto applied = manager().ApplyLiveLimits(name);
    if (!wait(applied))
        return 1;
    const QStringList live = applied.argumentAt<0>();
    const QStringList later = applied.argumentAt<1>();
    out() << "Container " << name << ": "
          << (live.isEmpty() ? QStringLiteral("its memory and CPU limits were already as stored")
                             : QStringLiteral("now runs with the stored %1 limits")
                                   .arg(live.join(QStringLiteral(" and "))))
          << (later.isEmpty() ? QString()
                              : QStringLiteral("; its other changes take effect at the next start"))
          << "\n\n";
    return 0;
}

int setmem(const QStringList& arguments) {
    // "512M", "1GiB", "262144" (KiB, as virsh takes it).
    static const QRegularExpression size(QStringLiteral(R"(^\s*(\d+)\s*([A-Za-z]*)\s*$)"));
    const auto match = size.match(arguments[1]);
    if (!match.hasMatch())
        return failWith(
            QStringLiteral("%1 is not a size (e.g. 512MiB, 1G, or KiB)").arg(arguments[1]));
    auto kib = scaledToKiB(match.captured(1).toStdString(), match.captured(2).toStdString(),
                           "the memory size");
    if (!kib)
        return failWith(QString::fromStdString(kib.error().message));
    if (*kib < 16 * 1024)
        return failWith(QStringLiteral("a container needs at least 16 MiB"));
    const int status = redefine(arguments[0], [&](Domain& domain) -> Status {
        domain.memoryKiB = *kib;
        domain.currentMemoryKiB = std::min(domain.currentMemoryKiB, *kib);
        if (domain.currentMemoryKiB == 0)
            domain.currentMemoryKiB = *kib;
        return Status{};
    });
    if (status != 0)
        return status;
    out() << "Container " << arguments[0] << ": memory " << *kib << " KiB in its definition\n";
    return applyLive(arguments[0], true);
}

int applyLiveCommand(const QStringList& arguments) {
    return applyLive(arguments[0], false);
}

const std::vector<Command> table = {
    {"setmem", "NAME SIZE",
     "change a container's memory cap (512MiB, 1G; KiB without a unit), at once if it runs", 2, 2,
     setmem},
    {"apply-live", "NAME",
     "give a running container the memory and CPU limits of its stored definition", 1, 1,
     applyLiveCommand},
};

} // namespace

std::span<const Command> limitCommands() {
    return table;
}

} // namespace cubby::cli
