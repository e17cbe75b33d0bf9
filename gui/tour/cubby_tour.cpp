// cubby-tour: the desktop app shown end to end where there is no desktop to run it on
// (`scripts/run` on a headless machine). It opens Cubby's main window against the helper on
// the system bus, as the desktop user, makes a BusyBox container with the New Container
// wizard exactly as a person fills it in, starts it, types a command into its console, shows
// its Log, XML and Settings tabs, deletes the container and its root filesystem again, and
// opens the Networks panel and the New Network wizard. Each step is saved as a screenshot of
// the whole screen; the paths are printed. With --locale (de_DE, fr_FR) it runs in that
// language and fails at the end when any of Cubby's strings it showed had no translation. Not
// installed: it drives the product, it is not part of it.
#include "app_translations.h"
#include "container_list_model.h"
#include "container_wizard.h"
#include "helper_connection.h"
#include "main_window.h"
#include "manager_interface.h"
#include "network_wizard.h"
#include "networks_panel.h"
#include "pty_terminal.h"
#include "settings_page.h"
#include "xml_page.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDBusPendingReply>
#include <QDeadlineTimer>
#include <QDir>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QScreen>
#include <QSpinBox>
#include <QTabWidget>
#include <QThread>
#include <cstdio>
#include <functional>
#include <qtermwidget.h>

using namespace cubby;

namespace {

QString g_screenshots;
int g_shot = 0;

// Lets the app run (its calls are asynchronous) until `done` or the time is up.
bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void pause(int ms) {
    waitFor([] { return false; }, ms);
}

void screenshot(const QString& what) {
    pause(300); // the last repaint reaches the server
    const QString path = QStringLiteral("%1/%2-%3.png")
                             .arg(g_screenshots)
                             .arg(++g_shot, 2, 10, QLatin1Char('0'))
                             .arg(what);
    if (QGuiApplication::primaryScreen()->grabWindow(0).save(path))
        std::printf("cubby-tour: %s\n", qPrintable(path));
    else
        std::fprintf(stderr, "cubby-tour: could not save %s\n", qPrintable(path));
}

[[noreturn]] void giveUp(const QString& why) {
    screenshot(QStringLiteral("failed"));
    std::fprintf(stderr, "cubby-tour: %s\n", qPrintable(why));
    std::exit(1);
}

template <class T>
T* field(QWizard* wizard, const char* name) {
    T* widget = wizard->currentPage()->findChild<T*>(QLatin1String(name));
    if (!widget)
        giveUp(QStringLiteral("the wizard has no %1 on page %2")
                   .arg(QLatin1String(name))
                   .arg(wizard->currentId()));
    return widget;
}

void next(QWizard* wizard, int expectedPage) {
    QAbstractButton* button = wizard->button(QWizard::NextButton);
    if (!button->isEnabled())
        giveUp(QStringLiteral("Next is not enabled on page %1").arg(wizard->currentId()));
    button->click();
    if (wizard->currentId() != expectedPage)
        giveUp(QStringLiteral("the wizard did not go on to page %1").arg(expectedPage));
}

// A name no container and no root filesystem has yet: demo, demo-2, …
QString freeName(const MainWindow& window) {
    const QStringList taken = window.model()->names();
    QString name = QStringLiteral("demo");
    for (int i = 2; taken.contains(name); ++i)
        name = QStringLiteral("demo-%1").arg(i);
    return name;
}

// Waits for one call of the helper's API; false (with the message printed) when it failed.
template <class Reply>
bool finished(Reply reply, const char* what) {
    waitFor([&] { return reply.isFinished(); }, 60000);
    if (reply.isError()) {
        std::fprintf(stderr, "cubby-tour: %s: %s\n", what, qPrintable(reply.error().message()));
        return false;
    }
    return true;
}

// The Networks panel and the New Network wizard's pages as they open (then cancelled).
void showNetworks(MainWindow& window) {
    NetworksPanel* panel = window.networks();
    for (QWidget* up = panel->parentWidget(); up; up = up->parentWidget())
        if (auto* tabs = qobject_cast<QTabWidget*>(up)) {
            tabs->setCurrentWidget(panel);
            break;
        }
    pause(1000); // the list
    screenshot(QStringLiteral("networks"));
    panel->newNetwork();
    NetworkWizard* wizard = panel->wizard();
    if (!wizard || !waitFor([&] { return wizard->isVisible(); }, 5000))
        giveUp(QStringLiteral("the New Network wizard did not open"));
    if (auto* nameEdit = wizard->currentPage()->findChild<QLineEdit*>())
        nameEdit->setText(QStringLiteral("tour"));
    screenshot(QStringLiteral("network-wizard"));
    // Through the pages up to the summary; never Finish (nothing is defined).
    for (int page = 2; page <= 6; ++page) {
        QAbstractButton* nextButton = wizard->button(QWizard::NextButton);
        if (!nextButton->isVisible() || !nextButton->isEnabled())
            break;
        const int before = wizard->currentId();
        nextButton->click();
        if (wizard->currentId() == before)
            giveUp(QStringLiteral("the New Network wizard stayed on page %1").arg(before));
        pause(500); // a page that looks at the host (uplinks, free subnets)
        screenshot(QStringLiteral("network-wizard-%1").arg(page));
    }
    wizard->reject();
}

} // namespace

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("cubby"));
    QApplication::setApplicationDisplayName(QStringLiteral("Cubby"));
    const QStringList arguments = QApplication::arguments();
    const bool localeGiven = arguments.size() == 4 && arguments[2] == QLatin1String("--locale");
    if (arguments.size() != 2 && !localeGiven) {
        std::fprintf(stderr, "usage: cubby-tour SCREENSHOT-DIRECTORY [--locale LANGUAGE]\n");
        return 2;
    }
    g_screenshots = arguments[1];
    QDir().mkpath(g_screenshots);
    if (localeGiven) {
        const QLocale locale(arguments[3]);
        QLocale::setDefault(locale);
        if (!installAppTranslations(app, locale, UntranslatedStrings::Record)) {
            std::fprintf(stderr, "cubby-tour: Cubby has no catalogue for %s\n",
                         qPrintable(arguments[3]));
            return 2;
        }
    } else {
        installAppTranslations(app, QLocale());
    }

    MainWindow window(QDBusConnection::systemBus());
    window.move(0, 0);
    window.resize(1280, 800);
    window.show();
    if (!waitFor([&] { return window.helper()->isReachable(); }, 30000))
        giveUp(QStringLiteral("cubby-helper does not answer on the system bus"));
    pause(1500); // the first list
    screenshot(QStringLiteral("main-window"));

    // The New Container wizard, filled in as a person would.
    window.action(MainWindow::NewContainer)->trigger();
    auto* wizard = window.findChild<ContainerWizard*>(QStringLiteral("containerWizard"));
    if (!wizard || !waitFor([&] { return wizard->isVisible(); }, 5000))
        giveUp(QStringLiteral("the New Container wizard did not open"));
    const QString name = freeName(window);
    field<QLineEdit>(wizard, "nameEdit")->setText(name);
    field<QSpinBox>(wizard, "memorySpin")->setValue(128);
    field<QCheckBox>(wizard, "startCheck")->setChecked(true);
    screenshot(QStringLiteral("wizard-name"));
    next(wizard, ContainerWizard::RootfsPageId);
    field<QRadioButton>(wizard, "busyboxRadio")->setChecked(true);
    screenshot(QStringLiteral("wizard-root-filesystem"));
    next(wizard, ContainerWizard::NetworkPageId);
    field<QRadioButton>(wizard, "noNetworkRadio")->setChecked(true);
    screenshot(QStringLiteral("wizard-network"));
    next(wizard, ContainerWizard::CreatePageId);
    screenshot(QStringLiteral("wizard-summary"));
    QString made;
    QObject::connect(wizard, &ContainerWizard::created,
                     [&](const QString& created) { made = created; });
    wizard->button(QWizard::FinishButton)->click();
    pause(200);
    screenshot(QStringLiteral("wizard-making-it"));
    if (!waitFor([&] { return !made.isEmpty(); }, 180000))
        giveUp(QStringLiteral("the container was not made within 3 minutes"));
    if (!waitFor(
            [&] {
                const ContainerEntry* entry = window.model()->container(name);
                return entry && entry->isRunning();
            },
            60000))
        giveUp(QStringLiteral("the container did not start"));
    pause(1500); // its graphs get their first points
    screenshot(QStringLiteral("running"));

    // Its console, with a command typed in.
    if (!waitFor([&] { return window.action(MainWindow::OpenConsole)->isEnabled(); }, 10000))
        giveUp(QStringLiteral("Open Console is not enabled"));
    window.action(MainWindow::OpenConsole)->trigger();
    PtyTerminal* console = nullptr;
    if (!waitFor(
            [&] {
                console = qobject_cast<PtyTerminal*>(window.tabs()->currentWidget());
                return console && console->isAttached();
            },
            30000))
        giveUp(QStringLiteral("the console did not open"));
    pause(1000); // BusyBox's prompt
    console->terminal()->sendText(QStringLiteral("echo hello from $(hostname), uid $(id -u)\r"));
    if (!waitFor([&] { return console->transcript().contains(QStringLiteral("hello from")); },
                 15000))
        giveUp(QStringLiteral("the console did not answer"));
    screenshot(QStringLiteral("console"));

    // The Log tab: the start, with its time.
    window.tabs()->setCurrentWidget(window.logView());
    if (!waitFor([&] { return !window.logView()->toPlainText().isEmpty(); }, 10000))
        giveUp(QStringLiteral("the Log tab stayed empty"));
    screenshot(QStringLiteral("log"));

    // The XML tab: its stored definition, checked.
    window.tabs()->setCurrentWidget(window.xmlPage());
    if (!waitFor([&] { return !window.xmlPage()->editor()->toPlainText().isEmpty(); }, 10000))
        giveUp(QStringLiteral("the XML tab stayed empty"));
    screenshot(QStringLiteral("xml"));

    // The Settings tab: what it runs with, changeable at once.
    window.tabs()->setCurrentWidget(window.settingsPage());
    if (!waitFor([&] { return window.settingsPage()->memory()->value() == 128; }, 10000))
        giveUp(QStringLiteral("the Settings tab did not show the container's memory"));
    screenshot(QStringLiteral("settings"));

    // Cleaned up again, so the next tour starts from the same place.
    ManagerProxy* manager = window.helper()->manager();
    bool cleaned = finished(manager->DestroyContainer(name), "DestroyContainer") &&
                   waitFor(
                       [&] {
                           const ContainerEntry* entry = window.model()->container(name);
                           return entry && !entry->isRunning();
                       },
                       30000) &&
                   finished(manager->UndefineContainer(name), "UndefineContainer");
    QDBusPendingReply<QDBusObjectPath> removal = manager->DeleteRootfs(name);
    cleaned = finished(removal, "DeleteRootfs") && cleaned;
    showNetworks(window);

    std::printf("cubby-tour: made, started, used and %s the container '%s'\n",
                cleaned ? "deleted" : "could not delete", qPrintable(name));
    const QStringList untranslated = untranslatedStrings(app);
    for (const QString& text : untranslated)
        std::fprintf(stderr, "cubby-tour: shown untranslated: %s\n", qPrintable(text));
    if (localeGiven)
        std::printf("cubby-tour: %lld of Cubby's strings shown had no %s translation\n",
                    qlonglong(untranslated.size()), qPrintable(arguments[3]));
    if (!cleaned || !untranslated.isEmpty())
        return 1;
    std::printf("cubby-tour: the tour went through\n"); // what the tests wait for
    return 0;
}
