#pragma once
// The D-Bus error names Cubby's API uses, one per ErrorKind.

#include "error.h"

#include <QString>

namespace cubby {

inline QString dbusErrorName(ErrorKind kind) {
    switch (kind) {
    case ErrorKind::InvalidArgument:
        return QStringLiteral("io.github.cubby1.Error.InvalidArgument");
    case ErrorKind::NotFound:
        return QStringLiteral("io.github.cubby1.Error.NotFound");
    case ErrorKind::AlreadyExists:
        return QStringLiteral("io.github.cubby1.Error.AlreadyExists");
    case ErrorKind::Conflict:
        return QStringLiteral("io.github.cubby1.Error.Conflict");
    case ErrorKind::Unsupported:
        return QStringLiteral("io.github.cubby1.Error.Unsupported");
    case ErrorKind::NotAuthorized:
        return QStringLiteral("io.github.cubby1.Error.NotAuthorized");
    case ErrorKind::NotAuthenticated:
        return QStringLiteral("io.github.cubby1.Error.NotAuthenticated");
    case ErrorKind::System:
        break;
    }
    return QStringLiteral("io.github.cubby1.Error.Failed");
}

} // namespace cubby
