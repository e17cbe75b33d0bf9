#include "xml_problem.h"

#include "domain_xml.h"

#include <QHash>
#include <QRegularExpression>
#include <QXmlStreamReader>

namespace cubby {

namespace {

struct Step {
    QString name;
    int index = 1; // among the parent's children of this name
};

// "/domain/devices/interface[2]/@type" → domain, devices, interface[2]; attributes and the
// namespace prefix of Cubby's metadata elements ("cubby:share") are matched by local name.
QList<Step> stepsOf(const QString& path) {
    static const QRegularExpression indexed(QStringLiteral(R"(^([^\[]+)\[(\d+)\]$)"));
    QList<Step> steps;
    for (const QString& part : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (part.startsWith(QLatin1Char('@')))
            break;
        Step step{part, 1};
        if (const auto match = indexed.match(part); match.hasMatch())
            step = {match.captured(1), match.captured(2).toInt()};
        if (const qsizetype colon = step.name.indexOf(QLatin1Char(':')); colon >= 0)
            step.name = step.name.mid(colon + 1);
        steps << step;
    }
    return steps;
}

} // namespace

int lineOfXmlPath(const QString& xml, const QString& path) {
    const QList<Step> steps = stepsOf(path);
    QXmlStreamReader reader(xml);
    int matched = 0; // steps matched by the open elements
    int depth = 0;   // elements open
    int bestLine = 0;
    QList<QHash<QString, int>> seen{
        QHash<QString, int>()}; // per open element: its children counted by name
    while (!reader.atEnd() && matched < steps.size()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const QString name = reader.name().toString();
            const int index = ++seen.last()[name];
            ++depth;
            seen.append(QHash<QString, int>());
            if (depth == matched + 1 && name == steps[matched].name &&
                index == steps[matched].index) {
                ++matched;
                bestLine = int(reader.lineNumber());
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (depth == matched)
                break; // the element the next step would be inside has ended without it
            --depth;
            seen.removeLast();
        }
    }
    return bestLine;
}

int lineOfXmlMessage(const QString& xml, const QString& message) {
    static const QRegularExpression lineNumber(QStringLiteral(R"(\bline (\d+))"));
    if (const auto match = lineNumber.match(message); match.hasMatch())
        return match.captured(1).toInt();
    static const QRegularExpression leadingPath(QStringLiteral(R"(^(/[^\s:]+))"));
    if (const auto match = leadingPath.match(message); match.hasMatch())
        return lineOfXmlPath(xml, match.captured(1));
    return 0;
}

std::optional<XmlProblem> checkDomainText(const QString& xml, QStringList* warnings) {
    // The uuid a definition without one would get is the helper's to choose; any will do here.
    const auto anyUuid = [] {
        return *Uuid::parse("00000000-0000-4000-8000-000000000001", "check");
    };
    const std::string text = xml.toStdString();
    const auto domain = parseDomainXml(text, anyUuid);
    if (!domain) {
        const QString message = QString::fromStdString(domain.error().message);
        return XmlProblem{lineOfXmlMessage(xml, message), message};
    }
    if (warnings) {
        warnings->clear();
        for (const std::string& warning : domainWarnings(*domain))
            *warnings << QString::fromStdString(warning);
    }
    return std::nullopt;
}

} // namespace cubby
