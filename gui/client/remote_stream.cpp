#include "remote_stream.h"

#include "helper_connection.h"
#include "remote_terminal.h"
#include "stream_frames.h"

#include <QProcess>
#include <cerrno>
#include <string>
#include <unistd.h>
#include <vector>

namespace cubby {

namespace {

// One frame's payload at a time; QProcess holds what ssh has not taken yet.
constexpr size_t chunkBytes = 256 * 1024;
// More is read from the input only while less than this waits for ssh.
constexpr qint64 queuedBytes = 1024 * 1024;

} // namespace

RemoteStream::RemoteStream(const SshTarget& target, const QStringList& cubbyctlArguments,
                           UniqueFd input, UniqueFd output, QObject* parent)
    : QObject(parent)
    , m_process(new QProcess(this))
    , m_input(std::move(input))
    , m_output(std::move(output)) {
    QStringList arguments;
    for (const std::string& argument :
         sshCommandArguments(target, false, remoteCubbyctlArgv(cubbyctlArguments)))
        arguments << QString::fromStdString(argument);
    m_process->setProgram(HelperConnection::sshProgram());
    m_process->setArguments(arguments);
    if (m_output.valid()) {
        // After QProcess set up its pipes: standard output is the descriptor itself.
        const int archive = m_output.get();
        m_process->setChildProcessModifier([archive] { ::dup2(archive, STDOUT_FILENO); });
    } else {
        m_process->setStandardOutputFile(QProcess::nullDevice());
    }
    connect(m_process, &QProcess::bytesWritten, this, &RemoteStream::sendMore);
    connect(m_process, &QProcess::started, this, &RemoteStream::sendMore);
    connect(m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        if (std::exchange(m_ended, true))
            return;
        const QString said = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
        const bool ok = status == QProcess::NormalExit && code == 0 && m_inputDone;
        emit finished(ok, ok               ? QString()
                          : said.isEmpty() ? tr("ssh ended with status %1").arg(code)
                                           : said);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart && !std::exchange(m_ended, true))
            emit finished(false, m_process->errorString());
    });
    if (!m_input.valid())
        m_inputDone = true;
    m_process->start();
}

RemoteStream::~RemoteStream() {
    if (m_process->state() != QProcess::NotRunning) {
        m_ended = true;
        m_process->kill();
        m_process->waitForFinished(1000);
    }
}

void RemoteStream::cancel() {
    if (m_process->state() != QProcess::NotRunning)
        m_process->kill(); // finished() follows, not ok
}

void RemoteStream::sendMore() {
    if (m_inputDone) { // the end frame is out (or there is no input): nothing more comes
        m_input.reset();
        m_process->closeWriteChannel();
        return;
    }
    while (m_process->bytesToWrite() < queuedBytes) {
        std::string chunk(chunkBytes, '\0');
        const ssize_t got = ::read(m_input.get(), chunk.data(), chunk.size());
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            m_process->kill(); // no end frame: the other side keeps nothing
            return;
        }
        const auto header = frameHeader(uint32_t(got)); // 0: the end frame
        m_process->write(header.data(), qint64(header.size()));
        if (got == 0) {
            m_inputDone = true;
            return; // closed once written (the next bytesWritten)
        }
        m_process->write(chunk.data(), got);
    }
}

} // namespace cubby
