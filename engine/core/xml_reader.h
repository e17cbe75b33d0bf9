#pragma once
// Strict reading of libvirt-style XML on top of pugixml.
//
// XmlDocument::parse refuses what a root service must never parse: oversized documents,
// non-UTF-8, NUL bytes, DTDs (so no entity expansion or external loading can happen) and
// more than one top element, and documents nested deeper than maxXmlDepth (so that nothing
// later — a printer, a copy — can be driven into unbounded recursion or output by the caller's
// nesting). ElementReader remembers which attributes and children the
// parser used; finish() turns everything left over into an error that names it, so a typo
// in a definition is reported instead of silently ignored.

#include "error.h"

#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace cubby {

constexpr size_t maxXmlDocumentBytes = 1024 * 1024;
// Elements nested inside each other, the top element counting as 1. libvirt's own elements
// go about 6 deep; the rest is for what <metadata> keeps from other tools.
constexpr size_t maxXmlDepth = 32;
// What one element may keep verbatim (takeUnusedChildren) in all, serialized.
constexpr size_t maxKeptXmlBytes = 64 * 1024;

// A definition as it would be stored must still be readable later (by the helper, the
// controller, cubby-network: all read at most maxXmlDocumentBytes); `what` names it
// ("the domain XML"). Fails with InvalidArgument otherwise.
Status checkStoredXmlSize(std::string_view text, std::string_view what);

class XmlDocument {
public:
    // `rootName` is the required top element ("domain", "network").
    static Result<XmlDocument> parse(std::string_view text, std::string_view rootName);
    // Every check of parse() but the top element's name; `label` names the document in
    // errors ("the {label} XML ...").
    static Result<XmlDocument> parseAny(std::string_view text, std::string_view label);
    pugi::xml_node root() const { return m_document->document_element(); }

private:
    std::unique_ptr<pugi::xml_document> m_document;
};

// The name of the one top element ("domain", "network"), with parse()'s checks: what a
// definition is, decided by its structure and never by searching its text.
Result<std::string> topElementName(std::string_view text);

class ElementReader {
public:
    ElementReader(pugi::xml_node node, std::string path);

    const std::string& path() const { return m_path; }
    std::string attributePath(std::string_view name) const;
    std::string_view name() const { return m_node.name(); }
    pugi::xml_node node() const { return m_node; }

    std::optional<std::string_view> attribute(std::string_view name);
    Result<std::string_view> requiredAttribute(std::string_view name);

    // The only child of that name, if any; a repeated child is an error.
    Result<std::optional<ElementReader>> optionalChild(std::string_view name);
    Result<ElementReader> requiredChild(std::string_view name);
    // Every child of that name, in document order.
    std::vector<ElementReader> children(std::string_view name);

    // The element's text with surrounding white space removed.
    std::string_view text();

    // Hands over the children no parser used, serialized, for elements that keep unknown
    // content through a round trip (see domain_xml.cpp for which ones do). More than
    // maxKeptXmlBytes in all is recorded and reported by finish().
    std::vector<std::string> takeUnusedChildren();

    // Fails on the first attribute, child element or text that nothing used, or when what
    // takeUnusedChildren kept is too large.
    Status finish() const;

private:
    pugi::xml_node m_node;
    std::string m_path;
    std::unordered_set<const void*> m_used;
    size_t m_keptBytes = 0;
};

// Writes a document with libvirt's look: two-space indent, single-quoted attributes, empty
// elements as <x/>, no XML declaration. Iterative: the depth is the caller's.
std::string formatXml(const pugi::xml_document& document);

// Adds "<clock> in <domain> is kept but has no effect in Cubby" for each kept element.
void notePreservedElements(const std::vector<std::string>& elements, std::string_view where,
                           std::vector<std::string>& warnings);

// Appends each serialized element (from takeUnusedChildren) under `parent`.
void appendSerializedElements(pugi::xml_node parent, const std::vector<std::string>& elements);

} // namespace cubby
