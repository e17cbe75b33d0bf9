// Every control a person can reach in the main window, the New Container wizard's pages, the
// New Network wizard and the polkit password dialog (with details shown) has a name that assistive
// technology reads out (its own accessible name, its text, or its label's), and can be reached from
// the keyboard. Walks the widgets through QAccessible, as a screen reader does; no bus is needed
// (the helper is unreachable).
#include "auth_dialog.h"
#include "container_wizard.h"
#include "main_window.h"
#include "network_wizard.h"
#include "networks_panel.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>

using namespace cubby;

namespace {

bool interactive(const QWidget* widget) {
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QLineEdit*>(widget) ||
           qobject_cast<const QComboBox*>(widget) ||
           qobject_cast<const QAbstractSpinBox*>(widget) ||
           qobject_cast<const QAbstractItemView*>(widget);
}

// "what (class, objectName)" for each reachable control without a name or keyboard path.
QStringList unnamed(QWidget* top) {
    QStringList problems;
    for (QWidget* widget : top->findChildren<QWidget*>()) {
        if (!widget->isVisibleTo(top) || !interactive(widget))
            continue;
        // Parts of a composite control (a spin box's line edit, a combo box's list) are named
        // through their owner.
        if (interactive(widget->parentWidget()) || widget->objectName().startsWith("qt_"))
            continue;
        QAccessibleInterface* accessible = QAccessible::queryAccessibleInterface(widget);
        const QString name = accessible ? accessible->text(QAccessible::Name).trimmed() : "";
        const QString what =
            QStringLiteral("%1 \"%2\"")
                .arg(QLatin1String(widget->metaObject()->className()), widget->objectName());
        if (name.isEmpty())
            problems << what + " has no accessible name";
        if (!(widget->focusPolicy() & Qt::TabFocus) && !qobject_cast<QAbstractButton*>(widget))
            problems << what + " cannot be reached with Tab";
    }
    return problems;
}

} // namespace

class TestAccessibility : public QObject {
    Q_OBJECT
private slots:
    void mainWindow() {
        MainWindow window(QDBusConnection::systemBus());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList problems = unnamed(&window);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    void newContainerWizardPages() {
        MainWindow window(QDBusConnection::systemBus());
        window.show();
        window.action(MainWindow::NewContainer)->trigger();
        auto* wizard = window.findChild<ContainerWizard*>("containerWizard");
        QVERIFY(wizard);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        // Every page, visited in turn (Next needs a valid page: fill in a name).
        QStringList problems;
        const QList<int> pages = wizard->pageIds();
        for (int id : pages) {
            QWizardPage* page = wizard->page(id);
            page->show();
            problems << unnamed(page);
            page->hide();
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    void newNetworkWizard() {
        MainWindow window(QDBusConnection::systemBus());
        window.show();
        auto* panel = window.findChild<NetworksPanel*>();
        QVERIFY(panel);
        panel->newNetwork();
        QTRY_VERIFY(panel->wizard() && panel->wizard()->isVisible());
        QStringList problems;
        for (int id : panel->wizard()->pageIds()) {
            QWizardPage* page = panel->wizard()->page(id);
            page->show();
            problems << unnamed(page);
            page->hide();
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }

    // The app's own authentication agent's dialog, with two identities to choose from.
    void passwordDialog() {
        const AuthDialog::Request request{
            QStringLiteral("io.github.cubby1.manage"),
            QStringLiteral("Authentication is required to manage containers"),
            {{QStringLiteral("cubby.container"), QStringLiteral("demo")}},
            {{QStringLiteral("unix-user:0"), AuthDialog::identityName("unix-user:0")},
             {QStringLiteral("unix-user:1000"), QStringLiteral("Someone (someone)")}}};
        AuthDialog dialog(request);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.askFor(QStringLiteral("Password: "), false);
        // Details open, so that what they hold is walked too.
        for (auto* button : dialog.findChildren<QAbstractButton*>())
            if (button->isCheckable())
                button->setChecked(true);
        const QStringList problems = unnamed(&dialog);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    }
};

QTEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
