// Issue 11: the app's image download (gui/client/image_fetch) against a real HTTP server on
// loopback that the test steers byte by byte: a download cancelled halfway, one whose server
// dies halfway, one that sends more than the catalogue said and one whose bytes do not match
// the checksum all keep nothing in the cache; a good one is kept under its checksum, and the
// second create finds it there without asking the server again.
#include "image_fetch.h"

#include <QCryptographicHash>
#include <QDir>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace cubby;

namespace {

// What the server does with the one file it serves.
enum class Serving {
    Whole,     // the body, then the connection stays open for the next request
    HalfStall, // headers with the full length, half the body, then nothing
    HalfClose, // half the body, then the connection is closed
    TooMuch,   // the body and as much again, with a length header that claims so
};

class LoopbackServer : public QObject {
public:
    explicit LoopbackServer(QByteArray body)
        : m_body(std::move(body)) {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                m_sockets.append(socket);
                QObject::connect(socket, &QTcpSocket::readyRead, this,
                                 [this, socket] { answer(socket); });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()); }
    void serve(Serving how) { m_serving = how; }
    int requests() const { return m_requests; }

private:
    void answer(QTcpSocket* socket) {
        m_request += socket->readAll();
        if (!m_request.contains("\r\n\r\n"))
            return;
        m_request.clear();
        ++m_requests;
        QByteArray body = m_body;
        if (m_serving == Serving::TooMuch)
            body += m_body;
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-xz\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\n\r\n");
        switch (m_serving) {
        case Serving::Whole:
        case Serving::TooMuch:
            socket->write(body);
            break;
        case Serving::HalfStall:
            socket->write(body.left(body.size() / 2));
            break;
        case Serving::HalfClose:
            socket->write(body.left(body.size() / 2));
            socket->flush();
            socket->disconnectFromHost();
            break;
        }
    }

    QTcpServer m_server;
    QList<QTcpSocket*> m_sockets;
    QByteArray m_body;
    QByteArray m_request;
    Serving m_serving = Serving::Whole;
    int m_requests = 0;
};

QByteArray someImage() {
    QByteArray bytes;
    bytes.reserve(4 << 20);
    // Large enough to arrive in many pieces; not all the same, so a wrong half shows.
    for (int i = 0; bytes.size() < (4 << 20); ++i)
        bytes += QByteArray::number(i * 2654435761u) + '\n';
    return bytes;
}

ImageEntry entryFor(const QByteArray& body) {
    ImageEntry image;
    image.distro = "testos";
    image.release = "one";
    image.variant = "default";
    image.arch = "amd64";
    image.path = "images/testos/one/amd64/default/1/rootfs.tar.xz";
    image.sha256 = QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex().toStdString();
    image.size = static_cast<uint64_t>(body.size());
    return image;
}

} // namespace

class TestImageDownload : public QObject {
    Q_OBJECT

    QTemporaryDir m_cache;
    QByteArray m_body = someImage();

    // Nothing at all in the cache: no image, no partial file.
    QStringList cached() const {
        return QDir(imageCacheDirectory()).entryList(QDir::Files | QDir::Hidden);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_cache.isValid());
        qputenv("XDG_CACHE_HOME", m_cache.path().toUtf8());
        QVERIFY(imageCacheDirectory().startsWith(m_cache.path()));
    }

    void init() { QDir(imageCacheDirectory()).removeRecursively(); }

    void cancelledHalfwayKeepsNothing() {
        LoopbackServer server(m_body);
        QVERIFY(server.listen());
        server.serve(Serving::HalfStall);
        ImageDownload download;
        QSignalSpy progress(&download, &ImageDownload::progress);
        QSignalSpy cancelled(&download, &ImageDownload::cancelled);
        QSignalSpy finished(&download, &ImageDownload::finished);
        QSignalSpy failed(&download, &ImageDownload::failed);
        download.start(server.url(), entryFor(m_body));
        // Half the image has arrived and the server sends no more: a download in progress.
        QTRY_VERIFY_WITH_TIMEOUT(
            !progress.isEmpty() && progress.last().at(0).toLongLong() == m_body.size() / 2, 10000);
        QCOMPARE(progress.last().at(1).toLongLong(), m_body.size());
        QVERIFY(download.isRunning());
        QVERIFY(!cached().isEmpty()); // the partial file, while it runs
        download.cancel();
        QTRY_COMPARE(cancelled.size(), 1);
        QVERIFY(finished.isEmpty() && failed.isEmpty());
        QVERIFY(!download.isRunning());
        QCOMPARE(cached(), QStringList());
    }

    void aServerThatDiesHalfwayKeepsNothing() {
        LoopbackServer server(m_body);
        QVERIFY(server.listen());
        server.serve(Serving::HalfClose);
        ImageDownload download;
        QSignalSpy failed(&download, &ImageDownload::failed);
        QSignalSpy finished(&download, &ImageDownload::finished);
        download.start(server.url(), entryFor(m_body));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(finished.isEmpty());
        QCOMPARE(cached(), QStringList());
    }

    void moreThanTheCatalogueSaidIsRefused() {
        LoopbackServer server(m_body);
        QVERIFY(server.listen());
        server.serve(Serving::TooMuch);
        ImageDownload download;
        QSignalSpy failed(&download, &ImageDownload::failed);
        download.start(server.url(), entryFor(m_body));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(cached(), QStringList());
    }

    void aChecksumMismatchKeepsNothing() {
        LoopbackServer server(m_body);
        QVERIFY(server.listen());
        ImageEntry image = entryFor(m_body);
        image.sha256 = std::string(64, 'a'); // the catalogue says other bytes
        ImageDownload download;
        QSignalSpy failed(&download, &ImageDownload::failed);
        QSignalSpy finished(&download, &ImageDownload::finished);
        download.start(server.url(), image);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY2(failed.first().at(0).toString().contains("checksum"),
                 qPrintable(failed.first().at(0).toString()));
        QVERIFY(finished.isEmpty());
        QCOMPARE(cached(), QStringList());
    }

    void aGoodImageIsKeptAndFoundAgain() {
        LoopbackServer server(m_body);
        QVERIFY(server.listen());
        const ImageEntry image = entryFor(m_body);
        ImageDownload download;
        QSignalSpy finished(&download, &ImageDownload::finished);
        download.start(server.url(), image);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const QString kept = finished.first().at(0).toString();
        QCOMPARE(kept, cachedImagePath(image.sha256));
        QFile file(kept);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == m_body);
        QCOMPARE(cached(), QStringList{QFileInfo(kept).fileName()});
        QCOMPARE(server.requests(), 1);

        // The second create: straight from the cache, the server not asked.
        ImageDownload again;
        QSignalSpy againFinished(&again, &ImageDownload::finished);
        again.start(server.url(), image);
        QCOMPARE(againFinished.size(), 1); // at once, not from the event loop
        QCOMPARE(againFinished.first().at(0).toString(), kept);
        QCOMPARE(server.requests(), 1);
    }
};

QTEST_GUILESS_MAIN(TestImageDownload)
#include "test_image_download.moc"
