#pragma once
// polkit's D-Bus structures, marshalled for QtDBus: the helper's checks and the tests' own
// authentication agent use the same definitions.

#include <QDBusArgument>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QVariantMap>

namespace cubby::polkit {

// Subject: (sa{sv}), e.g. "system-bus-name" {"name": ":1.42"} or "unix-process"
// {"pid": u, "start-time": t}.
struct Subject {
    QString kind;
    QVariantMap details;
};

// AuthorizationResult: (bba{ss}).
struct AuthorizationResult {
    bool authorized = false;
    bool challenge = false;
    QMap<QString, QString> details;
};

inline QDBusArgument& operator<<(QDBusArgument& argument, const Subject& subject) {
    argument.beginStructure();
    argument << subject.kind << subject.details;
    argument.endStructure();
    return argument;
}
inline const QDBusArgument& operator>>(const QDBusArgument& argument, Subject& subject) {
    argument.beginStructure();
    argument >> subject.kind >> subject.details;
    argument.endStructure();
    return argument;
}
inline QDBusArgument& operator<<(QDBusArgument& argument, const AuthorizationResult& result) {
    argument.beginStructure();
    argument << result.authorized << result.challenge << result.details;
    argument.endStructure();
    return argument;
}
inline const QDBusArgument& operator>>(const QDBusArgument& argument, AuthorizationResult& result) {
    argument.beginStructure();
    argument >> result.authorized >> result.challenge >> result.details;
    argument.endStructure();
    return argument;
}

} // namespace cubby::polkit

Q_DECLARE_METATYPE(cubby::polkit::Subject)
Q_DECLARE_METATYPE(cubby::polkit::AuthorizationResult)
