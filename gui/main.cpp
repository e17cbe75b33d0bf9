// cubby: the desktop application. It runs as the desktop user; everything privileged goes
// through cubby-helper on the system bus, authorized by polkit.
#include "app_translations.h"
#include "auth_agent.h"
#include "main_window.h"
#include "single_instance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QLoggingCategory>
#include <cstdio>
#include <unistd.h>

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    // polkit-qt6, the authentication agent's library, prints a debug line on the default
    // category for every step of every authentication; the app logs through its own
    // categories (QT_LOGGING_RULES still overrides this).
    QLoggingCategory::setFilterRules(QStringLiteral("default.debug=false"));
    QApplication::setApplicationName(QStringLiteral("cubby"));
    QApplication::setApplicationDisplayName(QStringLiteral("Cubby"));
    QApplication::setApplicationVersion(QStringLiteral(CUBBY_VERSION));
    QApplication::setOrganizationDomain(QStringLiteral("cubby1.github.io"));
    // Matches resources/io.github.cubby1.desktop, so the desktop shows the right icon and name.
    QApplication::setDesktopFileName(QStringLiteral("io.github.cubby1"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.cubby1")));
    cubby::installAppTranslations(app, QLocale());

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Create and run Linux system containers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption allowRoot(
        QStringLiteral("allow-root"),
        QApplication::translate("main", "Run even as root (for tests; not recommended)."));
    parser.addOption(allowRoot);
    parser.process(app);

    // The GUI never runs as root: privileged work is the helper's, checked by polkit, and a
    // root GUI would bypass exactly that boundary (and run Qt's whole stack as root).
    if (geteuid() == 0 && !parser.isSet(allowRoot)) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(QApplication::translate(
                         "main", "cubby: refusing to run as root. Start Cubby as your own user: "
                                 "it asks for authorization (polkit) when an action needs it. "
                                 "(--allow-root overrides this.)")));
        return 1;
    }

    if (cubby::SingleInstance::raiseRunningInstance()) {
        std::printf("%s\n", qPrintable(QApplication::translate(
                                "main", "cubby: already running here; its window was raised.")));
        return 0;
    }
    cubby::MainWindow window;
    cubby::SingleInstance instance;
    instance.serve(&window);
    window.show();
    // The other machines shown when the app last closed, connected again in the background.
    window.connectRememberedHosts();
    // Where the session has no polkit authentication agent (no desktop, a bare window
    // manager), the app answers its own password requests. Registered from the event loop, so
    // the window is up first and startup never waits on polkitd.
    cubby::AuthAgent agent(&window);
    agent.registerLater();
    return QApplication::exec();
}
