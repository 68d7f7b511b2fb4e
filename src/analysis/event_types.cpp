// Loading of the event type table (data/events/event_types.txt; format in docs/events-taxonomy.md).
#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "event_types_impl.hpp"

namespace herald::data {
extern const std::string_view event_types;
}

namespace herald::analysis {

using namespace events_detail;

std::string_view event_role_name(EventRole r) {
    switch (r) {
        case EventRole::acquirer: return "acquirer";
        case EventRole::target: return "target";
        case EventRole::seller: return "seller";
        case EventRole::none: return "";
    }
    return "";
}

std::string_view polarity_name(int8_t polarity) {
    return polarity > 0 ? "positive" : polarity < 0 ? "negative" : "neutral";
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == sep) {
            std::string_view part = trim(s.substr(start, i - start));
            if (!part.empty()) out.push_back(part);
            start = i + 1;
        }
    }
    return out;
}

// The words of a phrase as the tokenizer splits text, punctuation left out ("bbb-" is "bbb").
std::vector<std::string> phrase_words(std::string_view phrase) {
    Event e;
    e.text = phrase;
    Document d;
    d.build(e);
    std::vector<std::string> out;
    for (const Token& t : d.tokens)
        if (t.kind != TokenKind::punct) out.emplace_back(d.text(t));
    return out;
}

EventRole parse_role(std::string_view s, bool& ok) {
    ok = true;
    if (s == "acquirer") return EventRole::acquirer;
    if (s == "target") return EventRole::target;
    if (s == "-") return EventRole::none;
    ok = false;
    return EventRole::none;
}

struct RawPattern {
    std::string_view text;
    size_t line;
};

class TableParser {
public:
    TableParser(EventTypeTable::Impl& t, std::string_view name) : t_(t), name_(name) {}

    void run(std::string_view text) {
        size_t line_no = 0, pos = 0;
        while (pos <= text.size()) {
            size_t nl = text.find('\n', pos);
            if (nl == std::string_view::npos) nl = text.size();
            ++line_no;
            line(trim(text.substr(pos, nl - pos)), line_no);
            pos = nl + 1;
        }
        for (const auto& [cls, line] : class_uses_)
            if (!defined_[cls]) fail(line, "class @" + t_.class_names[cls] + " is used but never defined");
        for (const auto& p : raw_) compile_pattern(p);
        t_.negator = known_class("negator");
        t_.hedge = known_class("hedge");
        t_.stop = known_class("stop");
        t_.background = known_class("background");
        t_.background_open = known_class("background_open");
        t_.consensus = known_class("consensus");
        t_.forecast_noun = known_class("forecast_noun");
        t_.earlier = known_class("earlier");
        t_.own_plan = known_class("own_plan");
        t_.consequence = known_class("consequence");
    }

private:
    [[noreturn]] void fail(size_t line, const std::string& msg) {
        throw std::runtime_error(std::string(name_) + ":" + std::to_string(line) + ": " + msg);
    }

    int32_t known_class(const std::string& n) {
        auto it = class_ids_.find(n);
        return it == class_ids_.end() || !defined_[it->second] ? -1 : static_cast<int32_t>(it->second);
    }

    uint32_t class_id(std::string_view n, size_t line) {
        auto it = class_ids_.find(std::string(n));
        if (it != class_ids_.end()) return it->second;
        if (t_.class_names.size() >= kMaxClasses) fail(line, "more than " + std::to_string(kMaxClasses) + " classes");
        uint32_t id = static_cast<uint32_t>(t_.class_names.size());
        t_.class_names.emplace_back(n);
        defined_.push_back(false);
        class_ids_.emplace(std::string(n), id);
        class_uses_.emplace_back(id, line);
        return id;
    }

    uint32_t word_id(std::string_view w) {
        uint32_t id = t_.words.intern(w);
        if (id >= t_.word_classes.size()) {
            t_.word_classes.resize(id + 1);
            t_.multi_by_first.resize(id + 1);
            t_.anchors.resize(id + 1);
        }
        return id;
    }

    void line(std::string_view l, size_t n) {
        if (l.empty() || l.front() == '#') return;
        if (l.front() == '@') return class_line(l, n);
        size_t sp = l.find(' ');
        std::string_view key = l.substr(0, sp), rest = sp == std::string_view::npos ? "" : trim(l.substr(sp + 1));
        if (key == "type") return type_line(rest, n);
        if (t_.rows.empty()) fail(n, "'" + std::string(key) + "' before the first 'type' line");
        Row& row = t_.rows.back();
        std::vector<std::string_view> args = split(rest, ' ');
        if (key == "pattern") {
            if (rest.empty()) fail(n, "empty pattern");
            raw_.push_back({rest, n});
            raw_rows_.push_back(static_cast<uint16_t>(t_.rows.size() - 1));
        } else if (key == "detail" && args.size() == 1) {
            row.detail = std::string(args[0]);
        } else if (key == "context" && args.size() == 2 && args[0].front() == '@') {
            row.context_class = static_cast<int32_t>(class_id(args[0].substr(1), n));
            row.context_detail = std::string(args[1]);
        } else if (key == "roles" && args.size() == 2) {
            bool a, b;
            row.subject_role = parse_role(args[0], a);
            row.object_role = parse_role(args[1], b);
            if (!a || !b) fail(n, "roles are acquirer, target or -");
            row.roles = true;
        } else if ((key == "unless" || key == "unless-before") && args.size() == 1 && args[0].front() == '@') {
            int32_t c = static_cast<int32_t>(class_id(args[0].substr(1), n));
            (key == "unless" ? row.unless_class : row.unless_before_class) = c;
        } else if (key == "unless-measure" && args.size() == 2 && args[0].front() == '@' && args[1].front() == '@') {
            row.measure_class = static_cast<int32_t>(class_id(args[0].substr(1), n));
            row.result_class = static_cast<int32_t>(class_id(args[1].substr(1), n));
        } else if (key == "rated" && rest.empty()) {
            row.rated = true;
        } else if (key == "venue" && !args.empty()) {
            for (std::string_view w : args) row.venues.emplace_back(w);
        } else {
            fail(n, "cannot read '" + std::string(l) + "' (expected pattern, detail, context, roles, rated, venue, unless, unless-before or unless-measure)");
        }
    }

    void type_line(std::string_view rest, size_t n) {
        std::vector<std::string_view> a = split(rest, ' ');
        if (a.size() != 2) fail(n, "write 'type NAME positive|negative|neutral'");
        for (const Row& r : t_.rows)
            if (r.name == a[0]) fail(n, "type '" + std::string(a[0]) + "' is defined twice");
        Row row;
        row.name = std::string(a[0]);
        if (a[1] == "positive") row.polarity = 1;
        else if (a[1] == "negative") row.polarity = -1;
        else if (a[1] != "neutral") fail(n, "polarity must be positive, negative or neutral");
        t_.rows.push_back(std::move(row));
    }

    void class_line(std::string_view l, size_t n) {
        size_t eq = l.find('=');
        if (eq == std::string_view::npos) fail(n, "write '@class = word | word ...'");
        std::string_view cname = trim(l.substr(1, eq - 1));
        uint32_t c = class_id(cname, n);
        if (defined_[c]) fail(n, "class @" + std::string(cname) + " is defined twice");
        defined_[c] = true;
        for (std::string_view entry : split(l.substr(eq + 1), '|')) {
            std::vector<std::string> ws = phrase_words(entry);
            if (ws.empty()) fail(n, "empty entry in @" + std::string(cname));
            if (ws.size() == 1) {
                t_.word_classes[word_id(ws[0])].set(c);
                continue;
            }
            MultiEntry m;
            m.cls = c;
            for (const auto& w : ws) m.ids.push_back(word_id(w));
            t_.multi_by_first[m.ids[0]].push_back(static_cast<uint32_t>(t_.multi.size()));
            t_.multi.push_back(std::move(m));
        }
    }

    void compile_pattern(const RawPattern& raw) {
        Pattern p;
        p.row = raw_rows_[static_cast<size_t>(&raw - raw_.data())];
        for (std::string_view tok : split(raw.text, ' ')) {
            Element e;
            if (tok.front() == '[' && tok.back() == ']' && p.elements.empty()) {
                std::string_view flag = tok.substr(1, tok.size() - 2);
                if (flag == "passive") p.passive = true;
                else if (flag == "none") p.none = true;
                else if (flag == "seller") p.seller = true;
                else if (flag == "rater") p.rater = true;
                else if (flag == "customer") p.customer = true;
                else if (flag == "client") p.client = true;
                else if (flag == "plaintiff") p.plaintiff = true;
                else if (flag == "higher") p.direction = 1;
                else if (flag == "lower") p.direction = -1;
                else if (flag == "above") p.direction = 2;
                else if (flag == "below") p.direction = -2;
                else if (flag.substr(0, 7) == "after:@") after_flag(p, flag.substr(7), raw.line);
                else p.detail = std::string(flag);
                continue;
            }
            if (tok.front() == '~') {
                int g = 0;
                for (char ch : tok.substr(1)) {
                    if (ch < '0' || ch > '9') fail(raw.line, "bad gap '" + std::string(tok) + "' (write ~N)");
                    g = g * 10 + (ch - '0');
                }
                if (g < 1 || g > 12 || p.elements.empty()) fail(raw.line, "a gap ~N (1-12) goes between two elements");
                e.kind = Element::Kind::gap;
                e.gap = static_cast<uint8_t>(g);
            } else if (tok == "$co") {
                if (p.elements.empty()) fail(raw.line, "a pattern cannot start with $co");
                e.kind = Element::Kind::company;
                p.has_company = true;
            } else if (tok == "$name") {
                if (p.elements.empty()) fail(raw.line, "a pattern cannot start with $name");
                e.kind = Element::Kind::name;
            } else if (tok == "$minority") {
                if (p.elements.empty()) fail(raw.line, "a pattern cannot start with $minority");
                e.kind = Element::Kind::minority;
            } else if (tok.front() == '@') {
                e.kind = Element::Kind::cls;
                e.id = class_id(tok.substr(1), raw.line);
                if (!defined_[e.id]) fail(raw.line, "class " + std::string(tok) + " is never defined");
            } else {
                std::vector<std::string> ws = phrase_words(tok);
                if (ws.size() != 1) fail(raw.line, "'" + std::string(tok) + "' is not one word; use a class for phrases");
                e.id = word_id(ws[0]);
            }
            p.elements.push_back(e);
        }
        if (p.elements.empty() || p.elements.back().kind == Element::Kind::gap)
            fail(raw.line, "a pattern must end with a word, a class, $co, $name or $minority");
        uint32_t index = static_cast<uint32_t>(t_.patterns.size());
        add_anchors(p.elements.front(), index);
        if (p.customer || p.client) t_.rows[p.row].customers = true;
        t_.patterns.push_back(std::move(p));
    }

    // [after:@class:N]: the look-back that lets a pattern start at its rarer word.
    void after_flag(Pattern& p, std::string_view spec, size_t line) {
        size_t colon = spec.find(':');
        int n = 0;
        for (char ch : colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1)) {
            if (ch < '0' || ch > '9') { n = -1; break; }
            n = n * 10 + (ch - '0');
        }
        if (colon == std::string_view::npos || n < 1 || n > 12) fail(line, "write [after:@class:N] with N from 1 to 12");
        p.after_class = static_cast<int32_t>(class_id(spec.substr(0, colon), line));
        if (!defined_[static_cast<size_t>(p.after_class)]) fail(line, "class @" + std::string(spec.substr(0, colon)) + " is never defined");
        p.after_words = static_cast<uint8_t>(n);
    }

    // Every word that can start the pattern points at it.
    void add_anchors(const Element& first, uint32_t pattern) {
        auto add = [&](uint32_t w) {
            auto& list = t_.anchors[w];
            if (list.empty() || list.back() != pattern) list.push_back(pattern);
        };
        if (first.kind == Element::Kind::word) return add(first.id);
        for (uint32_t w = 0; w < t_.word_classes.size(); ++w)
            if (t_.word_classes[w].has(first.id)) add(w);
        for (const MultiEntry& m : t_.multi)
            if (m.cls == first.id) add(m.ids[0]);
    }

    EventTypeTable::Impl& t_;
    std::string_view name_;
    std::unordered_map<std::string, uint32_t> class_ids_;
    std::vector<bool> defined_;
    std::vector<std::pair<uint32_t, size_t>> class_uses_;
    std::vector<RawPattern> raw_;
    std::vector<uint16_t> raw_rows_;
};

}  // namespace

void EventTypeTable::Impl::parse(std::string_view text, std::string_view name) {
    TableParser(*this, name).run(text);
    if (rows.empty()) throw std::runtime_error(std::string(name) + ": no 'type' line");
    for (const auto& r : rows)
        if (r.name.empty()) throw std::runtime_error(std::string(name) + ": a type without a name");
    // Word ids interned after a class was read still need their (empty) per-word entries.
    word_classes.resize(words.size());
    multi_by_first.resize(words.size());
    anchors.resize(words.size());
    // What each pattern needs from its anchor on (its first element is the anchor's own).
    word_bit.assign(words.size(), kUnneededWord);
    uint32_t needed_words = 0;
    for (Pattern& p : patterns) {
        for (size_t i = 0; i < p.elements.size(); ++i) {
            const Element& e = p.elements[i];
            if (e.kind == Element::Kind::cls) p.need_classes.set(e.id);
            if (e.kind != Element::Kind::word || i == 0) continue;
            p.need_words.push_back(e.id);
            if (word_bit[e.id] == kUnneededWord) word_bit[e.id] = static_cast<uint8_t>(needed_words++ % kUnneededWord);
        }
    }
    class_bits();
    for (Pattern& p : patterns)
        if (p.after_class >= 0) p.after_bit = uint64_t{1} << class_bit[static_cast<size_t>(p.after_class)];
    // Per word: the classes it may bring to a sentence, its bit, and its patterns' gates.
    cue_info.assign(words.size(), Cue{});
    gates.clear();
    gate_pattern.clear();
    for (uint32_t w = 0; w < words.size(); ++w) {
        ClassSet maybe = word_classes[w];
        for (uint32_t m : multi_by_first[w]) maybe.set(multi[m].cls);
        Cue& c = cue_info[w];
        c.classes = class_mask(maybe);
        c.word_bit = word_bit[w];
        c.gate = static_cast<uint32_t>(gates.size());
        if (anchors[w].size() > UINT16_MAX) throw std::runtime_error(std::string(name) + ": a word starts more than 65535 patterns");
        c.gates = static_cast<uint16_t>(anchors[w].size());
        for (uint32_t pi : anchors[w]) {
            Gate g{class_mask(patterns[pi].need_classes), 0};
            for (uint32_t nw : patterns[pi].need_words) g.words |= uint64_t{1} << word_bit[nw];
            gates.push_back(g);
            gate_pattern.push_back({pi, reach(patterns[pi])});
        }
    }
    word_flags.assign(words.size(), 0);
    for (uint32_t w = 0; w < words.size(); ++w) {
        uint8_t f = multi_by_first[w].empty() ? 0 : kStartsPhrase;
        if (negator >= 0 && in_class(w, static_cast<uint32_t>(negator))) f |= kNegator;
        if (hedge >= 0 && in_class(w, static_cast<uint32_t>(hedge))) f |= kHedge;
        if (stop >= 0 && in_class(w, static_cast<uint32_t>(stop))) f |= kStop;
        word_flags[w] = f;
    }
}

// The bits of the class filter: the classes some pattern needs, the larger (more words, so more
// often in a sentence) first; with n such classes and n > 64, the 128 - n largest get a bit of
// their own and the rest share the other bits two by two (three and more past 128 classes), so
// a frequent class does not open the gates of a rare one that shares its bit.
void EventTypeTable::Impl::class_bits() {
    std::vector<uint32_t> needed;
    std::vector<uint8_t> is_needed(class_names.size(), 0);
    for (const Pattern& p : patterns) {
        for (uint32_t c = 0; c < class_names.size(); ++c) is_needed[c] |= p.need_classes.has(c);
        if (p.after_class >= 0) is_needed[static_cast<size_t>(p.after_class)] = 1;
    }
    std::vector<uint32_t> size(class_names.size(), 0);
    for (const ClassSet& cs : word_classes)
        for (uint32_t c = 0; c < class_names.size(); ++c) size[c] += cs.has(c);
    for (const MultiEntry& m : multi) ++size[m.cls];
    for (uint32_t c = 0; c < class_names.size(); ++c)
        if (is_needed[c]) needed.push_back(c);
    std::stable_sort(needed.begin(), needed.end(), [&](uint32_t a, uint32_t b) { return size[a] > size[b]; });
    const size_t n = needed.size();
    const size_t own = n <= 64 ? n : n >= 128 ? 0 : 128 - n;
    class_bit.assign(class_names.size(), -1);
    for (size_t r = 0; r < n; ++r)
        class_bit[needed[r]] = static_cast<int8_t>(r < own ? r : own + (r - own) % (64 - own));
}

uint32_t EventTypeTable::Impl::reach(const Pattern& p) const {
    size_t last = p.elements.size();
    for (size_t i = 0; i < p.elements.size(); ++i)
        if (p.elements[i].kind == Element::Kind::word || p.elements[i].kind == Element::Kind::cls) last = i;
    if (last == p.elements.size()) return kNoReach;
    uint32_t tokens = 0, gap = 0;
    for (size_t i = 0; i <= last; ++i) {
        const Element& e = p.elements[i];
        if (e.kind == Element::Kind::gap) {
            gap = e.gap;
            continue;
        }
        if (e.kind != Element::Kind::word && e.kind != Element::Kind::cls) return kNoReach;
        uint32_t longest = 1;
        if (e.kind == Element::Kind::cls)
            for (const MultiEntry& m : multi)
                if (m.cls == e.id && m.ids.size() > longest) longest = static_cast<uint32_t>(m.ids.size());
        // A gap's tokens, or a quote before an element right after the previous ("cut to 'sell'").
        tokens += longest + (i == 0 ? 0 : gap > 0 ? gap : 1);
        gap = 0;
    }
    return tokens;
}

EventTypeTable::EventTypeTable(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EventTypeTable::~EventTypeTable() = default;

std::shared_ptr<const EventTypeTable> EventTypeTable::parse(std::string_view text, std::string_view name) {
    auto impl = std::make_unique<Impl>();
    impl->parse(text, name);
    return std::make_shared<const EventTypeTable>(std::move(impl));
}

std::shared_ptr<const EventTypeTable> EventTypeTable::builtin() {
    static const std::shared_ptr<const EventTypeTable> table = parse(herald::data::event_types, "data/events/event_types.txt");
    return table;
}

size_t EventTypeTable::type_count() const { return impl_->rows.size(); }
std::string_view EventTypeTable::name(uint16_t type) const { return impl_->rows[type].name; }
int8_t EventTypeTable::polarity(uint16_t type) const { return impl_->rows[type].polarity; }

bool EventTypeTable::find(std::string_view name, uint16_t& type) const {
    for (size_t i = 0; i < impl_->rows.size(); ++i) {
        if (impl_->rows[i].name == name) {
            type = static_cast<uint16_t>(i);
            return true;
        }
    }
    return false;
}

std::vector<std::string_view> EventTypeTable::names() const {
    std::vector<std::string_view> out;
    for (const auto& r : impl_->rows) out.push_back(r.name);
    return out;
}

}  // namespace herald::analysis
