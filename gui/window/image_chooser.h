#pragma once
// The wizard's "Image from a server" details: the server, its catalogue as a list with a
// search field, and what is going on (loading, how many, why not). Loads when first shown
// and when asked; never blocks.

#include "simplestreams.h"

#include <QWidget>
#include <optional>
#include <vector>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace cubby {

class ImageCatalogue;

class ImageChooser : public QWidget {
    Q_OBJECT
public:
    explicit ImageChooser(QWidget* parent = nullptr);

    QString server() const;
    std::optional<ImageEntry> selected() const;
    // Loads the list unless it is loaded (or loading) for the server shown.
    void ensureLoaded();

signals:
    void changed();

private:
    void load();
    void show(const std::vector<ImageEntry>& images);
    void filter();

    QLineEdit* m_server;
    QPushButton* m_load;
    QLineEdit* m_search;
    QListWidget* m_list;
    QLabel* m_note;
    ImageCatalogue* m_catalogue;
    std::vector<ImageEntry> m_images;
    QString m_loadedFrom; // the server the list (or the load running) is for
};

} // namespace cubby
