#include "image_fetch.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QUrl>

namespace cubby {

namespace {

constexpr qint64 maxCatalogueBytes = 64 << 20;
constexpr int transferTimeoutMs = 30'000;

QUrl under(QString server, const QString& path) {
    while (server.endsWith(QLatin1Char('/')))
        server.chop(1);
    return QUrl(server + QLatin1Char('/') + path);
}

QNetworkRequest requestFor(const QUrl& url) {
    QNetworkRequest request(url);
    // Qt's default redirect policy never goes from https to http.
    request.setTransferTimeout(transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Cubby"));
    return request;
}

} // namespace

QString imageCacheDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/cubby/images");
}

QString cachedImagePath(const std::string& sha256) {
    return imageCacheDirectory() + QLatin1Char('/') + QString::fromStdString(sha256) +
           QStringLiteral(".tar.xz");
}

ImageCatalogue::ImageCatalogue(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {}

ImageCatalogue::~ImageCatalogue() {
    if (m_reply)
        m_reply->abort();
}

void ImageCatalogue::load(const QString& server) {
    if (m_reply) {
        QNetworkReply* old = m_reply;
        m_reply = nullptr;
        old->abort();
    }
    if (auto valid = validateImageServer(server.toStdString()); !valid) {
        emit failed(QString::fromStdString(valid.error().message));
        return;
    }
    m_server = server;
    fetch(under(server, QLatin1String(imageIndexPath)), true);
}

void ImageCatalogue::fetch(const QUrl& url, bool index) {
    QNetworkReply* reply = m_network->get(requestFor(url));
    m_reply = reply;
    connect(reply, &QNetworkReply::downloadProgress, this, [reply](qint64 received, qint64) {
        if (received > maxCatalogueBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, index] {
        reply->deleteLater();
        if (m_reply != reply)
            return; // replaced by a newer load
        m_reply = nullptr;
        if (reply->error() != QNetworkReply::NoError) {
            emit failed(tr("Cannot read %1: %2").arg(url.toString(), reply->errorString()));
            return;
        }
        const QByteArray body = reply->readAll();
        if (index) {
            const auto path = imageCataloguePath(body.toStdString());
            if (!path) {
                emit failed(QString::fromStdString(path.error().message));
                return;
            }
            fetch(under(m_server, QString::fromStdString(*path)), false);
            return;
        }
        auto images = parseImageCatalogue(body.toStdString(), imageArchitecture());
        if (!images) {
            emit failed(QString::fromStdString(images.error().message));
            return;
        }
        emit loaded(*images);
    });
}

ImageDownload::ImageDownload(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this)) {}

ImageDownload::~ImageDownload() {
    if (m_reply) {
        m_cancelWanted = true;
        m_reply->abort();
    }
}

void ImageDownload::start(const QString& server, const ImageEntry& image) {
    if (m_reply)
        return;
    m_image = image;
    m_received = 0;
    m_cancelWanted = false;
    m_rejected = false;
    m_hash.reset();
    const QString cached = cachedImagePath(image.sha256);
    // Kept only after its checksum matched, under the checksum's name: its size is checked
    // again, its contents were when it was kept.
    if (QFileInfo(cached).size() == qint64(image.size) && image.size > 0) {
        emit finished(cached);
        return;
    }
    if (!QDir().mkpath(imageCacheDirectory())) {
        emit failed(tr("Cannot make %1").arg(imageCacheDirectory()));
        return;
    }
    m_partial.setFileName(cached + QStringLiteral(".partial"));
    if (!m_partial.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        emit failed(tr("Cannot write %1: %2").arg(m_partial.fileName(), m_partial.errorString()));
        return;
    }
    const QUrl url = under(server, QString::fromStdString(image.path));
    QNetworkReply* reply = m_network->get(requestFor(url));
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        const QByteArray chunk = reply->readAll();
        m_received += chunk.size();
        if (m_received > qint64(m_image.size) || m_partial.write(chunk) != chunk.size()) {
            m_rejected = true;
            reply->abort();
            return;
        }
        m_hash.addData(chunk);
        emit progress(m_received, qint64(m_image.size));
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url] {
        reply->deleteLater();
        m_reply = nullptr;
        m_partial.close();
        const bool matches =
            QString::fromLatin1(m_hash.result().toHex()) == QString::fromStdString(m_image.sha256);
        if (m_cancelWanted || reply->error() != QNetworkReply::NoError || m_rejected || !matches) {
            m_partial.remove(); // nothing half-made or unverified is kept
            if (m_cancelWanted)
                emit cancelled();
            else if (reply->error() != QNetworkReply::NoError && !m_rejected)
                emit failed(tr("Cannot download %1: %2").arg(url.toString(), reply->errorString()));
            else
                emit failed(tr("The download of %1 does not match the image server's checksum; "
                               "it was not used and nothing was kept.")
                                .arg(url.toString()));
            return;
        }
        const QString kept = cachedImagePath(m_image.sha256);
        QFile::remove(kept);
        if (!m_partial.rename(kept)) {
            emit failed(tr("Cannot keep %1: %2").arg(kept, m_partial.errorString()));
            return;
        }
        emit finished(kept);
    });
}

void ImageDownload::cancel() {
    if (!m_reply)
        return;
    m_cancelWanted = true;
    m_reply->abort();
}

} // namespace cubby
