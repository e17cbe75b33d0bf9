#include "pty_terminal.h"

#include <QBuffer>
#include <QEvent>
#include <QFontDatabase>
#include <QSocketNotifier>
#include <QTimer>
#include <QVBoxLayout>
#include <cerrno>
#include <fcntl.h>
#include <qtermwidget.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace cubby {

namespace {

// Above this much unread output the widget stops reading the PTY, so the kernel's buffer
// fills and the controller (which always drains its own side) keeps its scrollback instead.
constexpr qsizetype maxQueuedOutput = 1 << 20;
constexpr qsizetype readChunk = 64 * 1024;

void setNonBlocking(int fd) {
    const int flags = fcntl(fd, F_GETFL);
    if (flags >= 0)
        fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// Writes as much of `queue` as the fd takes now. Returns false when the fd is gone.
bool writeSome(int fd, QByteArray& queue) {
    while (!queue.isEmpty()) {
        const ssize_t written = ::write(fd, queue.constData(), static_cast<size_t>(queue.size()));
        if (written > 0) {
            queue.remove(0, written);
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        return written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
    }
    return true;
}

} // namespace

PtyTerminal::PtyTerminal(QWidget* parent)
    : QWidget(parent)
    , m_terminal(new QTermWidget(0, this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_terminal);
    setFocusProxy(m_terminal);

    // A dark scheme and the system's fixed-width font, like a desktop terminal's defaults.
    m_terminal->setColorScheme(QStringLiteral("Linux"));
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setPointSize(10);
    m_terminal->setTerminalFont(font);
    m_terminal->setScrollBarPosition(QTermWidget::ScrollBarRight);
    m_terminal->setHistorySize(10000);
    m_terminal->startTerminalTeletype();
    m_displayFd = m_terminal->getPtySlaveFd();
    // The display PTY must pass bytes through untouched: the container's own terminal already
    // did its output processing (ONLCR and friends).
    termios raw{};
    if (tcgetattr(m_displayFd, &raw) == 0) {
        cfmakeraw(&raw);
        tcsetattr(m_displayFd, TCSANOW, &raw);
    }
    setNonBlocking(m_displayFd);
    m_displayWrite = new QSocketNotifier(m_displayFd, QSocketNotifier::Write, this);
    m_displayWrite->setEnabled(false);
    connect(m_displayWrite, &QSocketNotifier::activated, this, &PtyTerminal::flushToDisplay);

    connect(m_terminal, &QTermWidget::sendData, this, &PtyTerminal::queueInput);
    // The widget computes its rows and columns while handling its own resize; read them once
    // that is done and pass them to the PTY, where the container's `stty size` sees them.
    m_terminal->installEventFilter(this);
}

PtyTerminal::~PtyTerminal() = default;

void PtyTerminal::attach(UniqueFd ptyMaster) {
    detach();
    m_master = std::move(ptyMaster);
    setNonBlocking(m_master.get());
    m_masterRead = new QSocketNotifier(m_master.get(), QSocketNotifier::Read, this);
    connect(m_masterRead, &QSocketNotifier::activated, this, &PtyTerminal::readFromPty);
    m_masterWrite = new QSocketNotifier(m_master.get(), QSocketNotifier::Write, this);
    m_masterWrite->setEnabled(false);
    connect(m_masterWrite, &QSocketNotifier::activated, this, &PtyTerminal::flushToPty);
    syncWindowSize();
}

bool PtyTerminal::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_terminal && event->type() == QEvent::Resize)
        QTimer::singleShot(0, this, &PtyTerminal::syncWindowSize);
    return QWidget::eventFilter(watched, event);
}

void PtyTerminal::detach() {
    delete m_masterRead;
    delete m_masterWrite;
    m_masterRead = nullptr;
    m_masterWrite = nullptr;
    m_master.reset();
    m_toPty.clear();
}

void PtyTerminal::readFromPty() {
    if (m_toDisplay.size() >= maxQueuedOutput) {
        m_masterRead->setEnabled(false); // resumed by flushToDisplay
        return;
    }
    char buffer[readChunk];
    const ssize_t got = ::read(m_master.get(), buffer, sizeof buffer);
    if (got > 0) {
        m_toDisplay.append(buffer, got);
        flushToDisplay();
        emit received();
        return;
    }
    if (got < 0 && (errno == EAGAIN || errno == EINTR))
        return;
    // EOF, or EIO once the last slave holder is gone: the session ended.
    detach();
    emit hangup();
}

void PtyTerminal::flushToDisplay() {
    writeSome(m_displayFd, m_toDisplay);
    m_displayWrite->setEnabled(!m_toDisplay.isEmpty());
    if (m_masterRead && m_toDisplay.size() < maxQueuedOutput)
        m_masterRead->setEnabled(true);
}

void PtyTerminal::queueInput(const char* bytes, int count) {
    if (!m_master.valid())
        return;
    m_toPty.append(bytes, count);
    flushToPty();
}

void PtyTerminal::flushToPty() {
    if (!writeSome(m_master.get(), m_toPty)) {
        m_toPty.clear();
        return;
    }
    m_masterWrite->setEnabled(!m_toPty.isEmpty());
}

void PtyTerminal::syncWindowSize() {
    const int lines = m_terminal->screenLinesCount();
    const int columns = m_terminal->screenColumnsCount();
    if (!m_master.valid() || lines <= 0 || columns <= 0)
        return;
    winsize size{};
    size.ws_row = static_cast<unsigned short>(lines);
    size.ws_col = static_cast<unsigned short>(columns);
    ioctl(m_master.get(), TIOCSWINSZ, &size);
}

QString PtyTerminal::transcript() const {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    m_terminal->saveHistory(&buffer);
    return QString::fromUtf8(buffer.data());
}

} // namespace cubby
