#pragma once
// A small live graph: the last samples of one figure as a filled line, with its caption and
// current value written in the corner. Painted with QPainter; no chart library.

#include <QList>
#include <QWidget>
#include <functional>
#include <utility>

namespace cubby {

class Sparkline : public QWidget {
    Q_OBJECT
public:
    explicit Sparkline(const QString& caption, const QColor& colour, QWidget* parent = nullptr);

    // Appends one sample; `text` is the current value as people read it ("12 %", "3.1 MiB").
    void addSample(double value, const QString& text);
    void clear();
    // The scale's top is a little above the largest sample shown, and at least this.
    void setMinimumScale(double minimum);
    // The scale: given the least top that fits the samples, a round top to use and how it is
    // written in the graph's corner ({20, "20 %"}, {2 MiB, "2.0 MiB"}).
    using Scale = std::function<std::pair<double, QString>(double)>;
    void setScale(Scale scale);
    // 1, 2, 2.5 or 5 times a power of ten, at least `value`.
    static double roundUp(double value);
    // Shown instead of a value while there are no samples ("not running").
    void setIdleText(const QString& text);
    qsizetype sampleCount() const { return m_samples.size(); }
    qsizetype totalSamples() const { return m_total; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    static constexpr qsizetype maxSamples = 60; // a minute at one sample a second

    QString m_caption;
    QColor m_colour;
    QList<double> m_samples;
    QString m_text;
    QString m_idleText;
    Scale m_scale;
    double m_minimumScale = 0;
    qsizetype m_total = 0;
};

} // namespace cubby
