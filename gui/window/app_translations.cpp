#include "app_translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace cubby {

namespace {

// Children of the application named so that a second call finds and replaces them.
constexpr auto qtTranslatorName = "cubby-qt-translator";
constexpr auto appTranslatorName = "cubby-app-translator";
constexpr auto recorderName = "cubby-untranslated-recorder";

// Installed last, so asked first: it never answers itself (QCoreApplication::translate then
// asks the real catalogues), it only asks Cubby's catalogue whether it would, and notes the
// strings of Cubby's own contexts it would not (its classes' and main()'s; QObject's is shared
// with libraries such as QTermWidget, so Cubby uses none). Qt's own contexts are Qt's business.
class UntranslatedRecorder : public QTranslator {
public:
    UntranslatedRecorder(QCoreApplication& app, QTranslator* catalogue)
        : QTranslator(&app)
        , m_catalogue(catalogue) {
        setObjectName(QLatin1String(recorderName));
    }

    QString translate(const char* context, const char* sourceText, const char* disambiguation,
                      int n) const override {
        const QLatin1String ctx(context ? context : "");
        const bool ours = ctx.startsWith(QLatin1String("cubby::")) || ctx == QLatin1String("main");
        if (ours && sourceText && *sourceText &&
            (!m_catalogue ||
             m_catalogue->translate(context, sourceText, disambiguation, n).isEmpty())) {
            const QString entry = ctx + QStringLiteral(": ") + QString::fromUtf8(sourceText);
            if (!m_missed.contains(entry))
                m_missed << entry;
        }
        return {};
    }

    bool isEmpty() const override { return false; }
    QStringList missed() const { return m_missed; }

private:
    QTranslator* m_catalogue;
    mutable QStringList m_missed;
};

void removeTranslator(QCoreApplication& app, const char* name) {
    if (auto* old = app.findChild<QTranslator*>(QLatin1String(name), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
}

QTranslator* install(QCoreApplication& app, const char* name, const QLocale& locale,
                     const QString& catalogue, const QString& directory) {
    removeTranslator(app, name);
    auto* translator = new QTranslator(&app);
    translator->setObjectName(QLatin1String(name));
    if (!translator->load(locale, catalogue, QStringLiteral("_"), directory)) {
        delete translator;
        return nullptr;
    }
    QCoreApplication::installTranslator(translator);
    return translator;
}

} // namespace

bool installAppTranslations(QCoreApplication& app, const QLocale& locale,
                            UntranslatedStrings untranslated) {
    removeTranslator(app, recorderName);
    // Qt's own strings (standard buttons, the file dialog, context menus of text fields).
    install(app, qtTranslatorName, locale, QStringLiteral("qtbase"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    QTranslator* own =
        install(app, appTranslatorName, locale, QStringLiteral("cubby"), QStringLiteral(":/i18n"));
    if (untranslated == UntranslatedStrings::Record)
        QCoreApplication::installTranslator(new UntranslatedRecorder(app, own));
    return own != nullptr;
}

QStringList untranslatedStrings(const QCoreApplication& app) {
    // Only installAppTranslations makes a child by this name, always an UntranslatedRecorder.
    const auto* recorder =
        app.findChild<QTranslator*>(QLatin1String(recorderName), Qt::FindDirectChildrenOnly);
    return recorder ? static_cast<const UntranslatedRecorder*>(recorder)->missed() : QStringList();
}

} // namespace cubby
