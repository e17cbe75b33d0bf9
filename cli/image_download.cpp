#include "image_download.h"

#include "cli_common.h"
#include "simplestreams.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QUrl>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

namespace cubby::cli {

namespace {

constexpr qint64 maxCatalogueBytes = 64 << 20;
constexpr int transferTimeoutMs = 30'000;

int cancelPipe[2] = {-1, -1};

void onCancel(int) {
    const char byte = 1;
    (void)!::write(cancelPipe[1], &byte, 1);
}

// Ctrl+C while a download runs aborts it (the handler only writes to a pipe).
class CancelWatch {
public:
    explicit CancelWatch(QNetworkReply* reply) {
        if (::pipe2(cancelPipe, O_CLOEXEC) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(cancelPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, reply, [this, reply] {
            char byte;
            (void)!::read(cancelPipe[0], &byte, 1);
            cancelled = true;
            reply->abort();
        });
        struct sigaction action = {};
        action.sa_handler = onCancel;
        ::sigaction(SIGINT, &action, nullptr);
    }
    ~CancelWatch() {
        ::signal(SIGINT, SIG_DFL);
        m_notifier.reset();
        for (int& fd : cancelPipe) {
            if (fd >= 0)
                ::close(std::exchange(fd, -1));
        }
    }
    CancelWatch(const CancelWatch&) = delete;
    CancelWatch& operator=(const CancelWatch&) = delete;
    bool cancelled = false;

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};

QNetworkRequest requestFor(const QUrl& url) {
    QNetworkRequest request(url);
    // Qt's default: redirects followed, never from https to http.
    request.setTransferTimeout(transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("cubbyctl"));
    return request;
}

QUrl under(const QString& server, const QString& path) {
    QString base = server;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return QUrl(base + QLatin1Char('/') + path);
}

// A small document (the index, the catalogue), at most maxCatalogueBytes.
std::optional<QByteArray> fetchSmall(QNetworkAccessManager& network, const QUrl& url) {
    QNetworkReply* reply = network.get(requestFor(url));
    QEventLoop loop;
    QByteArray body;
    bool tooLarge = false;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        body += reply->readAll();
        if (body.size() > maxCatalogueBytes) {
            tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    CancelWatch cancel(reply);
    loop.exec();
    body += reply->readAll();
    const bool failed = reply->error() != QNetworkReply::NoError;
    const QString why = reply->errorString();
    reply->deleteLater();
    if (tooLarge) {
        failWith(QStringLiteral("%1 is larger than %2 MiB").arg(url.toString()).arg(64));
        return std::nullopt;
    }
    if (failed) {
        failWith(QStringLiteral("cannot read %1: %2").arg(url.toString(), why));
        return std::nullopt;
    }
    return body;
}

std::optional<std::vector<ImageEntry>> readCatalogue(QNetworkAccessManager& network,
                                                     const QString& server) {
    if (auto valid = validateImageServer(server.toStdString()); !valid) {
        failWith(QString::fromStdString(valid.error().message));
        return std::nullopt;
    }
    const auto index = fetchSmall(network, under(server, QLatin1String(imageIndexPath)));
    if (!index)
        return std::nullopt;
    const auto path = imageCataloguePath(index->toStdString());
    if (!path) {
        failWith(QString::fromStdString(path.error().message));
        return std::nullopt;
    }
    const auto catalogue = fetchSmall(network, under(server, QString::fromStdString(*path)));
    if (!catalogue)
        return std::nullopt;
    auto images = parseImageCatalogue(catalogue->toStdString(), imageArchitecture());
    if (!images) {
        failWith(QString::fromStdString(images.error().message));
        return std::nullopt;
    }
    return *images;
}

QString cacheDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/cubby/images");
}

QString sha256Of(QFile& file) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    file.seek(0);
    hash.addData(&file);
    return QString::fromLatin1(hash.result().toHex());
}

std::optional<UniqueFd> openForImport(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        failWith(QStringLiteral("cannot read %1: %2").arg(path, qt_error_string(errno)));
        return std::nullopt;
    }
    return UniqueFd(fd);
}

} // namespace

std::optional<UniqueFd> fetchImage(const QString& spec, const QString& server, bool& cancelled) {
    cancelled = false;
    QNetworkAccessManager network;
    const auto images = readCatalogue(network, server);
    if (!images)
        return std::nullopt;
    const auto image = findImage(*images, spec.toStdString());
    if (!image) {
        failWith(QStringLiteral("%1 has no image %2 for %3 (cubbyctl image-list --server %1 "
                                "lists them)")
                     .arg(server, spec, QLatin1String(imageArchitecture())));
        return std::nullopt;
    }
    const QString sha = QString::fromStdString(image->sha256);
    const QString directory = cacheDirectory();
    const QString cached = directory + QLatin1Char('/') + sha + QStringLiteral(".tar.xz");
    if (QFile file(cached); file.open(QIODevice::ReadOnly)) {
        if (sha256Of(file) == sha) {
            std::fprintf(stderr, "Using %s %s from the cache (%s)\n", qPrintable(spec),
                         image->version.c_str(), qPrintable(cached));
            return openForImport(cached);
        }
        file.remove(); // damaged: fetched again
    }
    if (!QDir().mkpath(directory)) {
        failWith(QStringLiteral("cannot make %1").arg(directory));
        return std::nullopt;
    }
    QFile partial(cached + QStringLiteral(".partial"));
    if (!partial.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        failWith(
            QStringLiteral("cannot write %1: %2").arg(partial.fileName(), partial.errorString()));
        return std::nullopt;
    }
    const QUrl url = under(server, QString::fromStdString(image->path));
    QNetworkReply* reply = network.get(requestFor(url));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 received = 0;
    bool tooLarge = false;
    bool writeFailed = false;
    const bool showProgress = ::isatty(2);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        const QByteArray chunk = reply->readAll();
        received += chunk.size();
        // The catalogue says how large it is: more than that is not the file it lists.
        if (received > qint64(image->size)) {
            tooLarge = true;
            reply->abort();
            return;
        }
        hash.addData(chunk);
        if (partial.write(chunk) != chunk.size()) {
            writeFailed = true;
            reply->abort();
            return;
        }
        if (showProgress && image->size > 0)
            std::fprintf(stderr, "\r\033[KDownloading %s %s: %d%%", qPrintable(spec),
                         image->version.c_str(), int(received * 100 / qint64(image->size)));
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    {
        CancelWatch cancel(reply);
        loop.exec();
        cancelled = cancel.cancelled;
    }
    if (showProgress)
        std::fputs("\r\033[K", stderr);
    const bool failed = reply->error() != QNetworkReply::NoError;
    const QString why = reply->errorString();
    reply->deleteLater();
    partial.close();
    const QString got = QString::fromLatin1(hash.result().toHex());
    if (cancelled || failed || tooLarge || writeFailed || got != sha) {
        partial.remove(); // nothing half-made is kept
        if (cancelled)
            std::fprintf(stderr, "Download cancelled; nothing was kept\n");
        else if (writeFailed)
            failWith(QStringLiteral("cannot write %1").arg(partial.fileName()));
        else if (failed && !tooLarge)
            failWith(QStringLiteral("cannot download %1: %2").arg(url.toString(), why));
        else
            failWith(QStringLiteral("the download of %1 does not match the catalogue's sha256 "
                                    "(%2); it was not used and nothing was kept")
                         .arg(url.toString(), sha));
        return std::nullopt;
    }
    if (!partial.rename(cached)) {
        failWith(QStringLiteral("cannot keep %1: %2").arg(cached, partial.errorString()));
        return std::nullopt;
    }
    std::fprintf(stderr, "Downloaded %s %s (%lld bytes, sha256 checked)\n", qPrintable(spec),
                 image->version.c_str(), static_cast<long long>(received));
    return openForImport(cached);
}

int imageList(const QStringList& arguments) {
    QString server = QString::fromLatin1(defaultImageServer);
    QString filter;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QStringLiteral("--server") && i + 1 < arguments.size())
            server = arguments[++i];
        else if (!arguments[i].startsWith(QLatin1Char('-')) && filter.isEmpty())
            filter = arguments[i];
        else
            return failWith(QStringLiteral("usage: cubbyctl image-list [--server URL] [FILTER]"));
    }
    QNetworkAccessManager network;
    const auto images = readCatalogue(network, server);
    if (!images)
        return 1;
    QList<QStringList> rows;
    for (const auto& image : *images) {
        const QString name = QString::fromStdString(image.name());
        if (!filter.isEmpty() && !name.contains(filter, Qt::CaseInsensitive))
            continue;
        rows << QStringList{
            name, QString::fromStdString(image.title), QString::fromStdString(image.version),
            QStringLiteral("%1 MiB").arg(double(image.size) / (1 << 20), 0, 'f', 1)};
    }
    printTable({QStringLiteral("Image"), QStringLiteral("Title"), QStringLiteral("Version"),
                QStringLiteral("Size")},
               rows);
    return 0;
}

} // namespace cubby::cli
