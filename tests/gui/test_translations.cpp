// The German and French catalogues: complete and consistent with their sources (every
// placeholder, plural form and keyboard accelerator kept), and what the app shows in them —
// container states and figures in the locale's words and numbers, the helper's refusals worded
// by the app. cubby_tour_de_DE and cubby_tour_fr_FR (tests/gui/CMakeLists.txt) catch a string
// that reaches the screen untranslated; translations_current catches a catalogue that lupdate
// would change.
#include "app_translations.h"
#include "container_list_model.h"
#include "helper_errors.h"

#include <QCoreApplication>
#include <QDBusError>
#include <QDBusMessage>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace cubby;

namespace {

struct Message {
    QString context;
    QString source;
    QStringList forms; // one, or the plural forms
    bool unfinished = false;
};

QList<Message> readCatalogue(const QString& path, QString* language) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QList<Message> messages;
    QString context;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == QLatin1String("TS")) {
            *language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            Message message{context, {}, {}, false};
            while (xml.readNextStartElement()) {
                if (xml.name() == QLatin1String("source")) {
                    message.source = xml.readElementText();
                } else if (xml.name() == QLatin1String("translation")) {
                    const auto type = xml.attributes().value(QLatin1String("type"));
                    message.unfinished = !type.isEmpty();
                    QString direct;
                    while (xml.readNext() != QXmlStreamReader::EndElement ||
                           xml.name() != QLatin1String("translatio"
                                                       "n")) {
                        if (xml.isCharacters())
                            direct += xml.text();
                        else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                            message.forms << xml.readElementText();
                        if (xml.atEnd())
                            break;
                    }
                    if (message.forms.isEmpty())
                        message.forms << direct;
                } else {
                    xml.skipCurrentElement();
                }
            }
            messages << message;
        }
    }
    return xml.hasError() ? QList<Message>{} : messages;
}

QSet<QString> placeholders(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("%L?([0-9]+|n)"));
    QSet<QString> found;
    for (const auto& match : pattern.globalMatch(text))
        found.insert(match.captured(1));
    return found;
}

// "&Start" has an accelerator; "&&" is a literal ampersand, and "&amp;" in rich text too.
bool hasAccelerator(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("(^|[^&])&[^&\\s;]"));
    return pattern.match(text).hasMatch() && !text.contains(QLatin1String("&amp;"));
}

QDBusError helperError(const char* name, const char* message) {
    return QDBusError(QDBusMessage::createError(QLatin1String(name), QLatin1String(message)));
}

void useLanguage(const QLocale& locale) {
    QLocale::setDefault(locale);
    installAppTranslations(*QCoreApplication::instance(), locale);
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { useLanguage(QLocale::c()); }

    void catalogueIsComplete_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("pluralForms");
        QTest::newRow("German") << QStringLiteral("cubby_de.ts") << QStringLiteral("de_DE") << 2;
        QTest::newRow("French") << QStringLiteral("cubby_fr.ts") << QStringLiteral("fr_FR") << 2;
    }
    void catalogueIsComplete() {
        QFETCH(QString, file);
        QFETCH(QString, language);
        QFETCH(int, pluralForms);
        QString declared;
        const QList<Message> messages =
            readCatalogue(QStringLiteral(CUBBY_SOURCE_DIR "/translations/") + file, &declared);
        QVERIFY2(messages.size() > 300, qPrintable(file + " is missing or unreadable"));
        QCOMPARE(declared, language);
        QStringList problems;
        for (const Message& message : messages) {
            const QString where = message.context + ": " + message.source;
            if (message.unfinished)
                problems << where + ": unfinished";
            const bool plural = message.source.contains(QLatin1String("%n"));
            if (plural && message.forms.size() != pluralForms)
                problems << where + QStringLiteral(": %1 plural forms").arg(message.forms.size());
            for (const QString& form : message.forms) {
                if (form.trimmed().isEmpty())
                    problems << where + ": empty";
                else if (placeholders(form) != placeholders(message.source))
                    problems << where + ": placeholders differ in \"" + form + "\"";
                else if (hasAccelerator(message.source) && !hasAccelerator(form))
                    problems << where + ": lost its keyboard accelerator in \"" + form + "\"";
                else if (message.source.startsWith(' ') != form.startsWith(' ') &&
                         !form.startsWith(QChar(0x00a0)))
                    problems << where + ": leading space differs in \"" + form + "\"";
            }
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    void containerListInTheUsersLanguage() {
        ContainerListModel model;
        ContainerEntry running;
        running.name = QStringLiteral("web");
        running.state = QStringLiteral("running");
        ContainerEntry stopped;
        stopped.name = QStringLiteral("db");
        stopped.state = QStringLiteral("shut off");
        model.setContainers({running, stopped});
        const auto state = [&](int row) {
            return model.index(row, ContainerListModel::StateColumn).data().toString();
        };

        useLanguage(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(state(1), QStringLiteral("läuft"));
        QCOMPARE(state(0), QStringLiteral("ausgeschaltet"));
        QCOMPARE(model.headerData(ContainerListModel::MemoryColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Speicher"));
        QCOMPARE(ContainerListModel::percentText(12.5), QStringLiteral("12,5 %"));

        useLanguage(QLocale(QLocale::French, QLocale::France));
        QCOMPARE(state(1), QStringLiteral("en marche"));
        QCOMPARE(ContainerListModel::percentText(12.5).left(4), QStringLiteral("12,5"));

        useLanguage(QLocale::c());
        QCOMPARE(state(1), QStringLiteral("running"));
        QCOMPARE(ContainerListModel::percentText(12.5), QStringLiteral("12.5 %"));
    }

    // The helper answers in English with an error name; the app words it.
    void helperRefusalsWordedByTheApp() {
        const QDBusError cancelled =
            helperError("io.github.cubby1.Error.NotAuthenticated",
                        "not authorized for io.github.cubby1.manage (authentication was "
                        "required and not given)");
        const QDBusError denied = helperError("io.github.cubby1.Error.NotAuthorized",
                                              "not authorized for io.github.cubby1.monitor");
        const QDBusError missing =
            helperError("io.github.cubby1.Error.NotFound", "no container named 'web'");
        QVERIFY(isRefusal(cancelled) && isRefusal(denied) && !isRefusal(missing));

        QCOMPARE(helperErrorText(cancelled),
                 QStringLiteral("Nothing was changed: the authentication to change containers "
                                "was cancelled or did not succeed."));
        QVERIFY(helperErrorText(denied).contains(
            QLatin1String("you may not see the containers and networks here")));
        QCOMPARE(helperErrorText(missing),
                 QStringLiteral("It does not exist (any more): no container named 'web'"));

        useLanguage(QLocale(QLocale::German, QLocale::Germany));
        QCOMPARE(helperErrorText(cancelled),
                 QStringLiteral("Nichts wurde geändert: Die Anmeldung für „Container ändern“ "
                                "wurde abgebrochen oder ist fehlgeschlagen."));
        QVERIFY2(!helperErrorText(denied).contains(QLatin1String("not authorized")),
                 qPrintable(helperErrorText(denied)));
        QVERIFY(helperErrorText(missing).endsWith(QLatin1String("no container named 'web'")));

        useLanguage(QLocale(QLocale::French, QLocale::France));
        QVERIFY2(helperErrorText(cancelled).startsWith(QStringLiteral("Rien n’a été modifié")),
                 qPrintable(helperErrorText(cancelled)));
    }

    // A locale Cubby has no catalogue for: English, and said so.
    void unknownLanguageFallsBackToEnglish() {
        QVERIFY(!installAppTranslations(*QCoreApplication::instance(),
                                        QLocale(QLocale::Japanese, QLocale::Japan)));
        QCOMPARE(ContainerListModel::stateText(QStringLiteral("running")),
                 QStringLiteral("running"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "test_translations.moc"
