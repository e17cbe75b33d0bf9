#include "sparkline.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>

namespace cubby {

Sparkline::Sparkline(const QString& caption, const QColor& colour, QWidget* parent)
    : QWidget(parent)
    , m_caption(caption)
    , m_colour(colour) {
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(caption);
}

void Sparkline::addSample(double value, const QString& text) {
    m_samples.append(std::max(0.0, value));
    if (m_samples.size() > maxSamples)
        m_samples.removeFirst();
    m_text = text;
    ++m_total;
    setAccessibleDescription(text);
    update();
}

void Sparkline::clear() {
    m_samples.clear();
    m_text.clear();
    update();
}

void Sparkline::setMinimumScale(double minimum) {
    m_minimumScale = minimum;
    update();
}

void Sparkline::setScale(Scale scale) {
    m_scale = std::move(scale);
    update();
}

double Sparkline::roundUp(double value) {
    if (!(value > 0))
        return 1;
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0}) {
        if (step * power >= value * (1 - 1e-9))
            return step * power;
    }
    return 10 * power;
}

void Sparkline::setIdleText(const QString& text) {
    m_idleText = text;
    update();
}

QSize Sparkline::sizeHint() const {
    return {320, 120};
}

QSize Sparkline::minimumSizeHint() const {
    return {120, 90};
}

void Sparkline::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(palette().color(QPalette::Base));
    painter.drawRoundedRect(frame, 3, 3);

    // The plot leaves a strip at the top for the caption, so the line never runs through it.
    const int textHeight = fontMetrics().height();
    const QRectF plot = frame.adjusted(4, textHeight + 6, -4, -4);
    painter.setPen(QPen(palette().color(QPalette::Midlight), 1, Qt::DashLine));
    for (int i = 1; i < 4; ++i) {
        const double y = plot.top() + plot.height() * i / 4;
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    }

    if (m_samples.size() >= 2) {
        double top = std::max(
            {*std::max_element(m_samples.begin(), m_samples.end()) * 1.25, m_minimumScale, 1e-9});
        QString scaleText;
        if (m_scale)
            std::tie(top, scaleText) = m_scale(top);
        const double step = plot.width() / double(maxSamples - 1);
        const double startX = plot.right() - step * double(m_samples.size() - 1);
        QPainterPath line;
        for (qsizetype i = 0; i < m_samples.size(); ++i) {
            const double y = plot.bottom() - plot.height() * std::min(m_samples[i] / top, 1.0);
            const QPointF point(startX + step * double(i), y);
            if (i == 0)
                line.moveTo(point);
            else
                line.lineTo(point);
        }
        QPainterPath area = line;
        area.lineTo(plot.right(), plot.bottom());
        area.lineTo(startX, plot.bottom());
        area.closeSubpath();
        QColor fill = m_colour;
        fill.setAlpha(60);
        painter.setPen(Qt::NoPen);
        painter.setBrush(fill);
        painter.drawPath(area);
        painter.setPen(QPen(m_colour, 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(line);
        if (!scaleText.isEmpty()) {
            QFont small = font();
            small.setPointSizeF(small.pointSizeF() * 0.85);
            painter.setFont(small);
            painter.setPen(palette().color(QPalette::PlaceholderText));
            painter.drawText(plot.adjusted(2, 1, 0, 0), Qt::AlignLeft | Qt::AlignTop, scaleText);
            painter.setFont(font());
        }
    }

    const QRectF textRect = frame.adjusted(6, 3, -6, 0);
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(textRect, Qt::AlignLeft | Qt::AlignTop, m_caption);
    painter.drawText(textRect, Qt::AlignRight | Qt::AlignTop,
                     m_text.isEmpty() ? m_idleText : m_text);
}

} // namespace cubby
