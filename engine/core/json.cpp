#include "json.h"

#include <charconv>
#include <format>

namespace cubby {

namespace {

constexpr size_t maxDepth = 64;
constexpr size_t maxDocument = 64 * 1024 * 1024;

class Reader {
public:
    explicit Reader(std::string_view text)
        : m_text(text) {}

    Result<JsonValue> document() {
        CUBBY_TRY(value, parseValue(0));
        skipSpace();
        if (m_at != m_text.size())
            return error("trailing characters");
        return value;
    }

private:
    std::unexpected<Error> error(std::string_view what) const {
        return failInvalid(std::format("JSON: {} at offset {}", what, m_at));
    }

    void skipSpace() {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\n' ||
                                        m_text[m_at] == '\r' || m_text[m_at] == '\t'))
            ++m_at;
    }

    bool consume(std::string_view word) {
        if (m_text.substr(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }

    Result<JsonValue> parseValue(size_t depth) {
        if (depth > maxDepth)
            return error("nesting too deep");
        skipSpace();
        if (m_at >= m_text.size())
            return error("unexpected end");
        JsonValue value;
        const char c = m_text[m_at];
        if (c == '{')
            return parseObject(depth);
        if (c == '[')
            return parseArray(depth);
        if (c == '"') {
            CUBBY_TRY(text, parseString());
            value.type = JsonValue::Type::String;
            value.string = std::move(text);
            return value;
        }
        for (const bool word : {true, false}) {
            if (consume(word ? "true" : "false")) {
                value.type = JsonValue::Type::Bool;
                value.boolean = word;
                return value;
            }
        }
        if (consume("null"))
            return value;
        return parseNumber();
    }

    Result<JsonValue> parseNumber() {
        const size_t start = m_at;
        while (m_at < m_text.size() &&
               std::string_view("+-0123456789.eE").find(m_text[m_at]) != std::string_view::npos)
            ++m_at;
        JsonValue value;
        value.type = JsonValue::Type::Number;
        const auto [end, ec] =
            std::from_chars(m_text.data() + start, m_text.data() + m_at, value.number);
        if (start == m_at || ec != std::errc() || end != m_text.data() + m_at) {
            m_at = start;
            return error("not a value");
        }
        return value;
    }

    static void appendUtf8(std::string& out, uint32_t code) {
        if (code < 0x80) {
            out += static_cast<char>(code);
        } else if (code < 0x800) {
            out += static_cast<char>(0xC0 | code >> 6);
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += static_cast<char>(0xE0 | code >> 12);
            out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | code >> 18);
            out += static_cast<char>(0x80 | (code >> 12 & 0x3F));
            out += static_cast<char>(0x80 | (code >> 6 & 0x3F));
            out += static_cast<char>(0x80 | (code & 0x3F));
        }
    }

    Result<uint32_t> parseHex4() {
        if (m_at + 4 > m_text.size())
            return error("short \\u escape");
        uint32_t code = 0;
        const auto [end, ec] =
            std::from_chars(m_text.data() + m_at, m_text.data() + m_at + 4, code, 16);
        if (ec != std::errc() || end != m_text.data() + m_at + 4)
            return error("bad \\u escape");
        m_at += 4;
        return code;
    }

    Result<std::string> parseString() {
        ++m_at; // the opening quote
        std::string out;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at++];
            if (c == '"')
                return out;
            if (static_cast<unsigned char>(c) < 0x20)
                return error("control character in a string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_at >= m_text.size())
                break;
            const char escape = m_text[m_at++];
            static constexpr std::string_view from = "\"\\/bfnrt", to = "\"\\/\b\f\n\r\t";
            if (const size_t at = from.find(escape); at != std::string_view::npos) {
                out += to[at];
                continue;
            }
            if (escape != 'u')
                return error("bad escape");
            CUBBY_TRY(code, parseHex4());
            if (code >= 0xD800 && code < 0xDC00 && consume("\\u")) {
                CUBBY_TRY(low, parseHex4());
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(out, code);
        }
        return error("unterminated string");
    }

    Result<JsonValue> parseArray(size_t depth) {
        ++m_at;
        JsonValue value;
        value.type = JsonValue::Type::Array;
        skipSpace();
        if (consume("]"))
            return value;
        for (;;) {
            CUBBY_TRY(element, parseValue(depth + 1));
            value.array.push_back(std::move(element));
            skipSpace();
            if (consume("]"))
                return value;
            if (!consume(","))
                return error("expected ',' or ']'");
        }
    }

    Result<JsonValue> parseObject(size_t depth) {
        ++m_at;
        JsonValue value;
        value.type = JsonValue::Type::Object;
        skipSpace();
        if (consume("}"))
            return value;
        for (;;) {
            skipSpace();
            if (m_at >= m_text.size() || m_text[m_at] != '"')
                return error("expected a member name");
            CUBBY_TRY(key, parseString());
            skipSpace();
            if (!consume(":"))
                return error("expected ':'");
            CUBBY_TRY(member, parseValue(depth + 1));
            value.object.emplace_back(std::move(key), std::move(member));
            skipSpace();
            if (consume("}"))
                return value;
            if (!consume(","))
                return error("expected ',' or '}'");
        }
    }

    std::string_view m_text;
    size_t m_at = 0;
};

} // namespace

const JsonValue* JsonValue::member(std::string_view key) const {
    for (const auto& [name, value] : object) {
        if (name == key)
            return &value;
    }
    return nullptr;
}

std::string_view JsonValue::text(std::string_view key) const {
    const JsonValue* value = member(key);
    return value && value->type == Type::String ? std::string_view(value->string)
                                                : std::string_view();
}

Result<JsonValue> parseJson(std::string_view text) {
    if (text.size() > maxDocument)
        return failInvalid("JSON: the document is over 64 MiB");
    return Reader(text).document();
}

} // namespace cubby
