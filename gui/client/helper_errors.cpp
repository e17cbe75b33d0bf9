#include "helper_errors.h"

#include <QCoreApplication>
#include <QDBusError>
#include <QRegularExpression>
#include <array>

namespace cubby {

// The context of the sentences below (lupdate reads it from here).
class HelperErrors {
    Q_DECLARE_TR_FUNCTIONS(cubby::HelperErrors)
};

namespace {

constexpr auto errorPrefix = "io.github.cubby1.Error.";

struct ActionPurpose {
    const char* actionId;
    const char* purpose;
};

// The actions of privhelper/io.github.cubby1.policy.in, as the clause a sentence needs.
constexpr std::array<ActionPurpose, 5> actionPurposes{{
    {"io.github.cubby1.monitor",
     QT_TRANSLATE_NOOP("cubby::HelperErrors", "see the containers and networks here")},
    {"io.github.cubby1.manage", QT_TRANSLATE_NOOP("cubby::HelperErrors", "change containers")},
    {"io.github.cubby1.manage-own",
     QT_TRANSLATE_NOOP("cubby::HelperErrors", "change your own containers")},
    {"io.github.cubby1.console",
     QT_TRANSLATE_NOOP("cubby::HelperErrors", "use a container's console or shell")},
    {"io.github.cubby1.network", QT_TRANSLATE_NOOP("cubby::HelperErrors", "change networks")},
}};

// The action the helper names in its detail ("not authorized for io.github.cubby1.manage").
QString namedAction(const QString& detail) {
    static const QRegularExpression action(QStringLiteral(R"(io\.github\.cubby1\.[a-z-]+)"));
    return action.match(detail).captured();
}

struct KindWording {
    const char* name; // after io.github.cubby1.Error.
    const char* text; // %1: the helper's detail
};

constexpr std::array<KindWording, 6> kindWordings{{
    {"InvalidArgument",
     QT_TRANSLATE_NOOP("cubby::HelperErrors", "Not accepted, nothing was changed: %1")},
    {"NotFound", QT_TRANSLATE_NOOP("cubby::HelperErrors", "It does not exist (any more): %1")},
    {"AlreadyExists", QT_TRANSLATE_NOOP("cubby::HelperErrors", "The name is taken: %1")},
    {"Conflict", QT_TRANSLATE_NOOP("cubby::HelperErrors",
                                   "It clashes with what is there, nothing was changed: %1")},
    {"Unsupported", QT_TRANSLATE_NOOP("cubby::HelperErrors", "This computer cannot do that: %1")},
    {"Failed", QT_TRANSLATE_NOOP("cubby::HelperErrors", "It failed: %1")},
}};

QString kindOf(const QDBusError& error) {
    const QString name = error.name();
    return name.startsWith(QLatin1String(errorPrefix)) ? name.mid(qstrlen(errorPrefix)) : QString();
}

} // namespace

QString actionPurpose(const QString& actionId) {
    for (const auto& entry : actionPurposes)
        if (actionId == QLatin1String(entry.actionId))
            return QCoreApplication::translate("cubby::HelperErrors", entry.purpose);
    return {};
}

bool isRefusal(const QDBusError& error) {
    const QString kind = kindOf(error);
    return kind == QLatin1String("NotAuthorized") || kind == QLatin1String("NotAuthenticated");
}

QString helperErrorText(const QDBusError& error) {
    const QString kind = kindOf(error);
    const QString detail = error.message();
    if (kind == QLatin1String("NotAuthenticated") || kind == QLatin1String("NotAuthorized")) {
        QString purpose = actionPurpose(namedAction(detail));
        if (purpose.isEmpty())
            purpose = HelperErrors::tr("do that");
        return kind == QLatin1String("NotAuthenticated")
                   ? HelperErrors::tr(
                         "Nothing was changed: the authentication to %1 was cancelled or did "
                         "not succeed.")
                         .arg(purpose)
                   : HelperErrors::tr("Nothing was changed: you may not %1 on this computer. An "
                                      "administrator can allow it.")
                         .arg(purpose);
    }
    for (const auto& entry : kindWordings)
        if (kind == QLatin1String(entry.name))
            return QCoreApplication::translate("cubby::HelperErrors", entry.text).arg(detail);
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
    case QDBusError::NoServer:
    case QDBusError::Disconnected:
        return HelperErrors::tr("Cubby's system service (cubby-helper) cannot be reached: %1")
            .arg(detail);
    case QDBusError::NoReply:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
        return HelperErrors::tr("Cubby's system service did not answer in time: %1").arg(detail);
    case QDBusError::AccessDenied:
        return HelperErrors::tr(
                   "The system bus does not let this app talk to Cubby's system service: %1")
            .arg(detail);
    default:
        return detail.isEmpty() ? error.name() : detail;
    }
}

} // namespace cubby
