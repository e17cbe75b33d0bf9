#pragma once
// The app's catalogues (translations/cubby_*.ts, compiled into the app under :/i18n) and Qt's
// own, installed for a locale: main() uses the system's, the tour and the gui tests pick
// German or French.

#include <QLocale>
#include <QStringList>

class QCoreApplication;

namespace cubby {

enum class UntranslatedStrings { Ignore, Record };

// Installs Qt's and Cubby's translators for `locale` into `app`, replacing any this function
// installed before. Returns false when Cubby has no catalogue for the locale's languages (the
// app then shows its English source text). With Record, every Cubby string the app asks for
// and the catalogue does not translate is noted (see untranslatedStrings()).
bool installAppTranslations(QCoreApplication& app, const QLocale& locale,
                            UntranslatedStrings untranslated = UntranslatedStrings::Ignore);

// "context: source text" of each Cubby string asked for since installAppTranslations(…,
// Record) that had no translation, in the order first asked; empty when not recording.
QStringList untranslatedStrings(const QCoreApplication& app);

} // namespace cubby
