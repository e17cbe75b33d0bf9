#include "xml_reader.h"

#include "text.h"

#include <algorithm>
#include <format>

namespace cubby {

namespace {

std::pair<size_t, size_t> lineAndColumn(std::string_view text, size_t offset) {
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

bool isBlank(std::string_view text) {
    return trimmed(text).empty();
}

// Collects pugixml's output in a string, without iostreams (which would cost the small
// controller a few hundred kilobytes of locale machinery).
struct StringWriter : pugi::xml_writer {
    std::string text;
    void write(const void* data, size_t size) override {
        text.append(static_cast<const char*>(data), size);
    }
};

// Finds the deepest element nesting (the top element is 1). pugixml walks the tree without
// recursion; the walk stops at the first element deeper than maxXmlDepth.
struct DepthWalker : pugi::xml_tree_walker {
    size_t deepest = 0;
    std::string tooDeep; // the first element past the limit
    bool for_each(pugi::xml_node& node) override {
        if (node.type() != pugi::node_element)
            return true;
        deepest = std::max(deepest, static_cast<size_t>(depth()) + 1);
        if (deepest <= maxXmlDepth)
            return true;
        tooDeep = node.name();
        return false;
    }
};

} // namespace

Status checkStoredXmlSize(std::string_view text, std::string_view what) {
    if (text.size() <= maxXmlDocumentBytes)
        return {};
    return failInvalid(std::format("{} would be stored as {} bytes, more than the {} bytes Cubby "
                                   "reads back; nothing was written (keep less inside elements "
                                   "Cubby does not use, such as <metadata>)",
                                   what, text.size(), maxXmlDocumentBytes));
}

Result<XmlDocument> XmlDocument::parse(std::string_view text, std::string_view rootName) {
    CUBBY_TRY(document, parseAny(text, rootName));
    const std::string_view actualRoot = document.root().name();
    if (actualRoot != rootName)
        return failInvalid(std::format("expected <{}> as the top element, found {}", rootName,
                                       quoted(actualRoot)));
    return document;
}

Result<std::string> topElementName(std::string_view text) {
    CUBBY_TRY(document, XmlDocument::parseAny(text, "definition"));
    return std::string(document.root().name());
}

Result<XmlDocument> XmlDocument::parseAny(std::string_view text, std::string_view rootName) {
    if (text.size() > maxXmlDocumentBytes)
        return failInvalid(std::format("the {} XML is {} bytes; at most {} are accepted", rootName,
                                       text.size(), maxXmlDocumentBytes));
    if (const size_t nul = text.find('\0'); nul != std::string_view::npos)
        return failInvalid(
            std::format("the {} XML contains a NUL byte at offset {}", rootName, nul));
    if (const size_t bad = firstInvalidUtf8(text); bad != std::string_view::npos) {
        const auto [line, column] = lineAndColumn(text, bad);
        return failInvalid(std::format("the {} XML is not valid UTF-8 (line {}, column {}, "
                                       "offset {})",
                                       rootName, line, column, bad));
    }
    XmlDocument document;
    document.m_document = std::make_unique<pugi::xml_document>();
    // parse_doctype keeps a DOCTYPE as a node so it can be refused below rather than skipped.
    const auto result = document.m_document->load_buffer(
        text.data(), text.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
    if (!result) {
        const auto [line, column] = lineAndColumn(text, static_cast<size_t>(result.offset));
        return failInvalid(std::format("the {} XML is malformed at line {}, column {}: {}",
                                       rootName, line, column, result.description()));
    }
    size_t elements = 0;
    for (const auto node : document.m_document->children()) {
        if (node.type() == pugi::node_doctype)
            return failInvalid(std::format("the {} XML has a <!DOCTYPE>; Cubby accepts no DTDs "
                                           "or entity declarations",
                                           rootName));
        if (node.type() == pugi::node_element)
            ++elements;
        if ((node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) &&
            !isBlank(node.value()))
            return failInvalid(
                std::format("the {} XML has text outside its top element", rootName));
    }
    if (elements != 1)
        return failInvalid(std::format("the {} XML must have exactly one top element, <{}>; it has "
                                       "{}",
                                       rootName, rootName, elements));
    // Parsing is iterative in pugixml; what comes later (printing, copying, the caller's
    // patience) is not, so the depth is bounded here, for the whole document.
    DepthWalker depth;
    document.m_document->traverse(depth);
    if (!depth.tooDeep.empty())
        return failInvalid(std::format("the {} XML nests elements more than {} levels deep (<{}> "
                                       "is deeper); Cubby accepts at most {} levels",
                                       rootName, maxXmlDepth, depth.tooDeep, maxXmlDepth));
    return document;
}

ElementReader::ElementReader(pugi::xml_node node, std::string path)
    : m_node(node)
    , m_path(std::move(path)) {}

std::string ElementReader::attributePath(std::string_view name) const {
    return std::format("{}/@{}", m_path, name);
}

std::optional<std::string_view> ElementReader::attribute(std::string_view name) {
    for (const auto attribute : m_node.attributes()) {
        if (name == attribute.name()) {
            m_used.insert(attribute.internal_object());
            return std::string_view(attribute.value());
        }
    }
    return std::nullopt;
}

Result<std::string_view> ElementReader::requiredAttribute(std::string_view name) {
    if (auto value = attribute(name))
        return *value;
    return failInvalid(std::format("{}: the attribute '{}' is required", m_path, name));
}

Result<std::optional<ElementReader>> ElementReader::optionalChild(std::string_view name) {
    std::optional<ElementReader> found;
    for (const auto child : m_node.children()) {
        if (child.type() != pugi::node_element || name != child.name())
            continue;
        if (found)
            return failInvalid(std::format("{}: <{}> may appear only once", m_path, name));
        m_used.insert(child.internal_object());
        found.emplace(child, std::format("{}/{}", m_path, name));
    }
    return found;
}

Result<ElementReader> ElementReader::requiredChild(std::string_view name) {
    auto child = optionalChild(name);
    if (!child)
        return fail(child.error());
    if (!*child)
        return failInvalid(std::format("{}: the element <{}> is required", m_path, name));
    return std::move(**child);
}

std::vector<ElementReader> ElementReader::children(std::string_view name) {
    std::vector<ElementReader> found;
    for (const auto child : m_node.children()) {
        if (child.type() != pugi::node_element || name != child.name())
            continue;
        m_used.insert(child.internal_object());
        found.emplace_back(child, std::format("{}/{}[{}]", m_path, name, found.size() + 1));
    }
    return found;
}

std::string_view ElementReader::text() {
    // Text may come in pieces around a comment or a CDATA section, and child_value() has only
    // the first: the pieces are joined into the first, in the document, so the view returned
    // lives as long as the document, as a single piece's always did.
    pugi::xml_node first;
    std::string joined;
    size_t pieces = 0;
    for (const auto child : m_node.children()) {
        if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata)
            continue;
        m_used.insert(child.internal_object());
        if (pieces++ == 0)
            first = child;
        joined += child.value();
    }
    if (pieces > 1) {
        for (auto child : m_node.children()) {
            if (child != first &&
                (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata))
                child.set_value("");
        }
        first.set_value(joined.c_str());
    }
    return trimmed(m_node.child_value());
}

std::vector<std::string> ElementReader::takeUnusedChildren() {
    std::vector<std::string> kept;
    for (const auto child : m_node.children()) {
        if (child.type() != pugi::node_element || m_used.contains(child.internal_object()))
            continue;
        m_used.insert(child.internal_object());
        StringWriter out;
        child.print(out, "", pugi::format_raw | pugi::format_attribute_single_quote);
        m_keptBytes += out.text.size();
        kept.push_back(std::move(out.text));
    }
    return kept;
}

Status ElementReader::finish() const {
    if (m_keptBytes > maxKeptXmlBytes)
        return failInvalid(std::format("{}: the elements Cubby keeps here without using them "
                                       "add up to {} bytes; at most {} are kept",
                                       m_path, m_keptBytes, maxKeptXmlBytes));
    for (const auto attribute : m_node.attributes()) {
        const std::string_view name = attribute.name();
        if (m_used.contains(attribute.internal_object()) || name == "xmlns" ||
            name.starts_with("xmlns:"))
            continue;
        return failInvalid(std::format("{}: unknown attribute '{}' (value {})", m_path, name,
                                       quoted(attribute.value())));
    }
    for (const auto child : m_node.children()) {
        if (m_used.contains(child.internal_object()))
            continue;
        if (child.type() == pugi::node_element)
            return failInvalid(std::format("{}: unknown element <{}>; Cubby does not support it "
                                           "here",
                                           m_path, child.name()));
        if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
            !isBlank(child.value()))
            return failInvalid(
                std::format("{}: unexpected text {}", m_path, quoted(trimmed(child.value()))));
    }
    return {};
}

namespace {

void appendEscaped(std::string& out, std::string_view text, bool inAttribute) {
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '\'':
            out += inAttribute ? "&apos;" : "'";
            break;
        case '"':
            out += inAttribute ? "&quot;" : "\"";
            break;
        default:
            out += c;
        }
    }
}

bool isText(pugi::xml_node node) {
    return node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata;
}

void indent(std::string& out, size_t depth) {
    out.append(depth * 2, ' ');
}

// Writes `node`'s start tag at `depth`. An element without child elements is written whole
// (`<empty/>`, or its text inline); the result says whether its children follow.
bool openElement(std::string& out, pugi::xml_node node, size_t depth) {
    indent(out, depth);
    out += '<';
    out += node.name();
    for (const auto attribute : node.attributes()) {
        out += ' ';
        out += attribute.name();
        out += "='";
        appendEscaped(out, attribute.value(), true);
        out += '\'';
    }
    bool hasElements = false, hasText = false;
    for (const auto child : node.children()) {
        hasElements = hasElements || child.type() == pugi::node_element;
        hasText = hasText || isText(child);
    }
    if (!hasElements && !hasText) {
        out += "/>\n";
        return false;
    }
    out += '>';
    if (hasElements && hasText) {
        // Mixed content (only in elements kept verbatim, whose depth the reader bounds): any
        // indentation would become part of its text, so it is written as read, on one line;
        // a round trip then changes nothing.
        StringWriter raw;
        for (const auto child : node.children())
            child.print(raw, "", pugi::format_raw | pugi::format_attribute_single_quote);
        out += raw.text;
        out += "</";
        out += node.name();
        out += ">\n";
        return false;
    }
    if (hasElements) {
        out += '\n';
        return true;
    }
    for (const auto child : node.children())
        appendEscaped(out, child.value(), false);
    out += "</";
    out += node.name();
    out += ">\n";
    return false;
}

// libvirt's layout: one element per line, two-space indent, text inline, `<empty/>`. A loop
// with the open elements on a stack of its own rather than recursion, so no document can
// exhaust the thread's stack here whatever its depth.
void printTree(std::string& out, pugi::xml_node top) {
    std::vector<pugi::xml_node> open; // elements whose children are being written
    pugi::xml_node node = top;
    while (true) {
        if (node.type() == pugi::node_element) {
            if (openElement(out, node, open.size())) {
                open.push_back(node);
                node = node.first_child();
                continue;
            }
        } else if (isText(node) && !isBlank(node.value())) {
            indent(out, open.size());
            appendEscaped(out, trimmed(node.value()), false);
            out += '\n';
        }
        while (!open.empty() && !node.next_sibling()) {
            node = open.back();
            open.pop_back();
            indent(out, open.size());
            out += "</";
            out += node.name();
            out += ">\n";
        }
        if (open.empty())
            return;
        node = node.next_sibling();
    }
}

} // namespace

std::string formatXml(const pugi::xml_document& document) {
    std::string out;
    printTree(out, document.document_element());
    return out;
}

void appendSerializedElements(pugi::xml_node parent, const std::vector<std::string>& elements) {
    for (const auto& element : elements)
        parent.append_buffer(element.data(), element.size());
}

void notePreservedElements(const std::vector<std::string>& elements, std::string_view where,
                           std::vector<std::string>& warnings) {
    for (const auto& element : elements) {
        pugi::xml_document fragment;
        fragment.load_buffer(element.data(), element.size());
        warnings.push_back(std::format("<{}> in {} is kept but has no effect in Cubby",
                                       fragment.document_element().name(), where));
    }
}

} // namespace cubby
