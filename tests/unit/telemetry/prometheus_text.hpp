#pragma once
// A strict reader of the Prometheus text format (0.0.4) for tests: every line must be a
// comment or a well-formed sample, or parsing fails.
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace herald::test {

struct Sample {
    std::string name;
    std::map<std::string, std::string> labels;
    double value = 0;
};

struct Exposition {
    std::map<std::string, std::string> types;  // family name -> counter|gauge|histogram|...
    std::vector<Sample> samples;

    // The value of the sample with this name and exactly these labels.
    std::optional<double> value(const std::string& name, const std::map<std::string, std::string>& labels = {}) const {
        for (const auto& s : samples)
            if (s.name == name && s.labels == labels) return s.value;
        return std::nullopt;
    }
    size_t count(const std::string& name) const {
        size_t n = 0;
        for (const auto& s : samples) n += s.name == name;
        return n;
    }
};

inline bool valid_name(const std::string& n) {
    if (n.empty() || std::isdigit(static_cast<unsigned char>(n[0]))) return false;
    for (char c : n)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != ':') return false;
    return true;
}

// Returns nullopt and sets error on the first malformed line.
inline std::optional<Exposition> parse_exposition(const std::string& text, std::string& error) {
    Exposition out;
    std::istringstream in(text);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        auto bad = [&](const char* why) {
            error = "line " + std::to_string(number) + ": " + why + ": " + line;
            return std::nullopt;
        };
        if (line.empty()) continue;
        if (line[0] == '#') {
            std::istringstream words(line);
            std::string hash, kind, name, type;
            words >> hash >> kind >> name >> type;
            if (kind == "TYPE") out.types[name] = type;
            continue;
        }
        Sample s;
        size_t i = 0;
        while (i < line.size() && line[i] != '{' && line[i] != ' ') s.name += line[i++];
        if (!valid_name(s.name)) return bad("bad metric name");
        if (i < line.size() && line[i] == '{') {
            ++i;
            while (i < line.size() && line[i] != '}') {
                std::string key, value;
                while (i < line.size() && line[i] != '=') key += line[i++];
                if (!valid_name(key) || i + 1 >= line.size() || line[i + 1] != '"') return bad("bad label");
                i += 2;
                while (i < line.size() && line[i] != '"') {
                    if (line[i] == '\\' && i + 1 < line.size()) {
                        ++i;
                        value += line[i] == 'n' ? '\n' : line[i];
                    } else {
                        value += line[i];
                    }
                    ++i;
                }
                if (i >= line.size()) return bad("unterminated label value");
                ++i;  // closing quote
                if (i < line.size() && line[i] == ',') ++i;
                s.labels[key] = value;
            }
            if (i >= line.size()) return bad("unterminated label set");
            ++i;  // '}'
        }
        if (i >= line.size() || line[i] != ' ') return bad("no value");
        const std::string rest = line.substr(i + 1);
        if (rest == "+Inf") s.value = 1.0 / 0.0;
        else {
            char* end = nullptr;
            s.value = std::strtod(rest.c_str(), &end);
            if (end == rest.c_str() || (*end != '\0' && *end != ' ')) return bad("bad value");
        }
        out.samples.push_back(std::move(s));
    }
    return out;
}

}  // namespace herald::test
