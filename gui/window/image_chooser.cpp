#include "image_chooser.h"

#include "image_fetch.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cubby {

ImageChooser::ImageChooser(QWidget* parent)
    : QWidget(parent)
    , m_server(new QLineEdit(QString::fromLatin1(defaultImageServer)))
    , m_load(new QPushButton(tr("&Load List")))
    , m_search(new QLineEdit)
    , m_list(new QListWidget)
    , m_note(new QLabel)
    , m_catalogue(new ImageCatalogue(this)) {
    m_server->setObjectName(QStringLiteral("imageServerEdit"));
    m_server->setAccessibleName(tr("Image server"));
    m_server->setToolTip(tr("A simplestreams server over https (or http on this computer)"));
    m_load->setObjectName(QStringLiteral("imageLoadButton"));
    m_search->setObjectName(QStringLiteral("imageSearchEdit"));
    m_search->setPlaceholderText(tr("Search, e.g. alpine or ubuntu/noble"));
    m_search->setAccessibleName(tr("Search images"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("imageList"));
    m_list->setAccessibleName(tr("Images"));
    m_list->setMinimumHeight(110);
    m_list->setMaximumHeight(160);
    m_note->setObjectName(QStringLiteral("imageNote"));
    m_note->setWordWrap(true);
    m_note->setEnabled(false); // dimmed: an explanation, not a field

    auto* serverRow = new QHBoxLayout;
    serverRow->addWidget(m_server, 1);
    serverRow->addWidget(m_load);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(serverRow);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    layout->addWidget(m_note);

    connect(m_load, &QPushButton::clicked, this, &ImageChooser::load);
    connect(m_server, &QLineEdit::returnPressed, this, &ImageChooser::load);
    connect(m_search, &QLineEdit::textChanged, this, &ImageChooser::filter);
    connect(m_list, &QListWidget::currentRowChanged, this, &ImageChooser::changed);
    connect(m_catalogue, &ImageCatalogue::loaded, this, &ImageChooser::show);
    connect(m_catalogue, &ImageCatalogue::failed, this, [this](const QString& message) {
        m_loadedFrom.clear(); // tried again next time
        m_note->setText(message);
        emit changed();
    });
}

QString ImageChooser::server() const {
    return m_server->text().trimmed();
}

std::optional<ImageEntry> ImageChooser::selected() const {
    const QListWidgetItem* item = m_list->currentItem();
    if (!item || item->isHidden())
        return std::nullopt;
    const int index = item->data(Qt::UserRole).toInt();
    if (index < 0 || size_t(index) >= m_images.size())
        return std::nullopt;
    return m_images[size_t(index)];
}

void ImageChooser::ensureLoaded() {
    if (m_loadedFrom != server())
        load();
}

void ImageChooser::load() {
    m_loadedFrom = server();
    m_images.clear();
    m_list->clear();
    m_note->setText(tr("Loading the list from %1…").arg(server()));
    emit changed();
    m_catalogue->load(server());
}

void ImageChooser::show(const std::vector<ImageEntry>& images) {
    m_images = images;
    m_list->clear();
    for (size_t i = 0; i < m_images.size(); ++i) {
        const ImageEntry& image = m_images[i];
        auto* item = new QListWidgetItem(tr("%1 — %2, build %3, %4 MiB")
                                             .arg(QString::fromStdString(image.name()),
                                                  QString::fromStdString(image.title),
                                                  QString::fromStdString(image.version))
                                             .arg(double(image.size) / (1 << 20), 0, 'f', 0));
        item->setData(Qt::UserRole, int(i));
        m_list->addItem(item);
    }
    m_note->setText(m_images.empty()
                        ? tr("The server offers no container images for %1.")
                              .arg(QLatin1String(imageArchitecture()))
                        : tr("%n image(s) for %1; downloaded here, checked against the server's "
                             "checksum and kept for the next time.",
                             nullptr, int(m_images.size()))
                              .arg(QLatin1String(imageArchitecture())));
    filter();
}

void ImageChooser::filter() {
    const QStringList words = m_search->text().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem* item = m_list->item(row);
        const bool matches = std::ranges::all_of(words, [item](const QString& word) {
            return item->text().contains(word, Qt::CaseInsensitive);
        });
        item->setHidden(!matches);
    }
    emit changed();
}

} // namespace cubby
