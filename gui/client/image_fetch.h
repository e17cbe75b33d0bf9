#pragma once
// The image server source in the app: the simplestreams catalogue read and a root filesystem
// downloaded by the app itself, as the user, without blocking — the helper only imports the
// verified file from a descriptor (it never fetches a URL a caller chose). Downloads are
// checked against the catalogue's sha256 and size and kept in the user's cache
// (~/.cache/cubby/images/SHA256.tar.xz), where the next create finds them; a mismatch, an
// error or a cancel keeps nothing.

#include "simplestreams.h"

#include <QCryptographicHash>
#include <QFile>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <vector>

class QNetworkAccessManager;

namespace cubby {

// Where verified downloads are kept, and the file for a checksum.
QString imageCacheDirectory();
QString cachedImagePath(const std::string& sha256);

class ImageCatalogue : public QObject {
    Q_OBJECT
public:
    explicit ImageCatalogue(QObject* parent = nullptr);
    ~ImageCatalogue() override;

    // Reads SERVER/streams/v1/index.json, then the catalogue it names; a load in progress
    // is dropped.
    void load(const QString& server);
    bool isLoading() const { return m_reply != nullptr; }

signals:
    void loaded(const std::vector<cubby::ImageEntry>& images);
    void failed(const QString& message);

private:
    void fetch(const QUrl& url, bool index);

    QNetworkAccessManager* m_network;
    QPointer<QNetworkReply> m_reply;
    QString m_server;
};

class ImageDownload : public QObject {
    Q_OBJECT
public:
    explicit ImageDownload(QObject* parent = nullptr);
    ~ImageDownload() override;

    // Emits finished() with the cached file at once when it is there already.
    void start(const QString& server, const ImageEntry& image);
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

signals:
    void progress(qint64 received, qint64 total);
    void finished(const QString& path); // verified, in the cache
    void failed(const QString& message);
    void cancelled();

private:
    QNetworkAccessManager* m_network;
    QPointer<QNetworkReply> m_reply;
    ImageEntry m_image;
    QFile m_partial;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    qint64 m_received = 0;
    bool m_cancelWanted = false;
    bool m_rejected = false; // larger than the catalogue says, or not writable
};

} // namespace cubby
