#pragma once
// A simplestreams image server on loopback for the image source's tests (dbus and gui tiers):
// busybox httpd serving streams/v1/index.json, a catalogue, and SOURCE packed as rootfs.tar.xz
// (a directory, or an uncompressed .tar of one such as the Debian fixture's). The catalogue
// lists "DISTRO/RELEASE" ("testos/one" unless told) with the archive's real sha256 and
// "DISTRO/bad" with a wrong one, as a corrupted mirror would.
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QThread>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cubby::test {

class LocalImageServer {
public:
    explicit LocalImageServer(const QString& source, const QString& distro = "testos",
                              const QString& os = "TestOS", const QString& release = "one") {
        if (!m_served.isValid()) {
            m_failure = QStringLiteral("no temporary directory");
            return;
        }
        const QString itemPath = QStringLiteral("images/%1/%2/amd64/default/%3/rootfs.tar.xz")
                                     .arg(distro, release, version());
        const QString archive = m_served.filePath(itemPath);
        // A whole system's archive is compressed fast (-0, every CPU): the checksum is what
        // the test is about, not the ratio.
        const bool packed = source.endsWith(QStringLiteral(".tar"));
        if (!QDir(m_served.path()).mkpath(QFileInfo(itemPath).path()) ||
            !QDir(m_served.path()).mkpath(QStringLiteral("streams/v1")) ||
            (packed ? QProcess::execute(QStringLiteral("sh"), {"-c", "xz -0 -T0 -c \"$1\" >\"$2\"",
                                                               "sh", source, archive})
                    : QProcess::execute(QStringLiteral("tar"),
                                        {"-C", source, "-cJf", archive, "."})) != 0) {
            m_failure = QStringLiteral("cannot pack %1").arg(source);
            return;
        }
        QFile file(archive);
        if (!file.open(QIODevice::ReadOnly)) {
            m_failure = QStringLiteral("cannot read %1").arg(archive);
            return;
        }
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        m_sha = QString::fromLatin1(hash.result().toHex());
        const QString wrong = QString(m_sha).replace(0, 4, QStringLiteral("0000"));
        const auto product = [&](const QString& listed, const QString& checksum) {
            return QStringLiteral(R"("%6:%1:amd64:default":{"arch":"amd64","os":"%7",
                "release":"%1","variant":"default","versions":{"%2":{"items":{"root.tar.xz":
                {"ftype":"root.tar.xz","path":"%3","sha256":"%4","size":%5}}}}})")
                .arg(listed, version(), itemPath, checksum)
                .arg(file.size())
                .arg(distro, os);
        };
        if (!write(QStringLiteral("streams/v1/index.json"),
                   R"({"format":"index:1.0","index":{"images":{"datatype":"image-downloads",
                       "path":"streams/v1/images.json","format":"products:1.0"}}})") ||
            !write(QStringLiteral("streams/v1/images.json"),
                   R"({"format":"products:1.0","datatype":"image-downloads","products":{)" +
                       product(release, m_sha) + "," + product(QStringLiteral("bad"), wrong) +
                       "}}")) {
            m_failure = QStringLiteral("cannot write the catalogue");
            return;
        }
        // A port of its own: tests in other tiers run beside this one with servers of theirs.
        // httpd exits at once when the port is taken; then the next one is tried.
        for (int attempt = 0; attempt < 20; ++attempt) {
            m_port = 20000 + int((::getpid() + attempt * 997) % 20000);
            m_httpd.start(QStringLiteral("busybox"),
                          {"httpd", "-f", "-p", QStringLiteral("127.0.0.1:%1").arg(m_port), "-h",
                           m_served.path()});
            if (m_httpd.waitForStarted() && !m_httpd.waitForFinished(300) && listening() &&
                m_httpd.state() == QProcess::Running)
                return;
            m_httpd.kill();
            m_httpd.waitForFinished();
        }
        m_failure = QStringLiteral("busybox httpd did not start on any port tried");
    }
    ~LocalImageServer() {
        m_httpd.kill();
        m_httpd.waitForFinished();
    }
    LocalImageServer(const LocalImageServer&) = delete;
    LocalImageServer& operator=(const LocalImageServer&) = delete;

    bool ok() const { return m_failure.isEmpty(); }
    const QString& failure() const { return m_failure; }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_port); }
    const QString& sha256() const { return m_sha; }
    static QString version() { return QStringLiteral("20261204_00:00"); }

private:
    bool write(const QString& path, const QString& text) {
        QFile out(m_served.filePath(path));
        return out.open(QIODevice::WriteOnly) && out.write(text.toUtf8()) > 0;
    }

    // Up to 5 s for httpd to accept connections.
    bool listening() const {
        for (int attempt = 0; attempt < 100; ++attempt) {
            const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            sockaddr_in address = {};
            address.sin_family = AF_INET;
            address.sin_port = htons(static_cast<uint16_t>(m_port));
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            const bool connected =
                ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
            ::close(fd);
            if (connected)
                return true;
            QThread::msleep(50);
        }
        return false;
    }

    QTemporaryDir m_served;
    QProcess m_httpd;
    QString m_sha;
    QString m_failure;
    int m_port = 0;
};

} // namespace cubby::test
