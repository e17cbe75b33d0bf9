#pragma once
// The app's own words for what cubby-helper answers when it refuses or fails. The helper
// replies with an error name (io.github.cubby1.Error.*) and an English detail; the app words
// the name in the user's language, says what it means for them (was anything changed? who can
// allow it?), and keeps the helper's detail, which names the object and the reason, after it.

#include <QString>

class QDBusError;

namespace cubby {

// Whether polkit refused (a rule says no, or a password was asked for and not given): the
// app's calm case, where nothing was changed and the message says so.
bool isRefusal(const QDBusError& error);

// One or two sentences for a message bar or a dialog, translated.
QString helperErrorText(const QDBusError& error);

// What a polkit action lets its holder do, as a clause after "to": "change containers".
// Empty for an action this version does not know.
QString actionPurpose(const QString& actionId);

} // namespace cubby
