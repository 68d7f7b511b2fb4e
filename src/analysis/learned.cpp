// The learned layer: feature ids computed from the tokens' folded keys (no string is built
// on the hot path) and looked up in an open-addressing table loaded from the weights file.
#include "herald/analysis/learned.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include "lexicon_vocab.hpp"
#include "sentiment_internal.hpp"

namespace herald::analysis {

namespace {

// Ids are never 0 (the empty slot): the low bit is set.
uint64_t folded_id(std::string_view folded) {
    detail::ShortKey k;
    return (detail::short_key(folded, k) ? detail::key_hash(k) : detail::long_hash(folded)) | 1;
}

uint64_t pair_id(uint64_t a, uint64_t b) {
    uint64_t h = (a * 0x9E3779B97F4A7C15ull) ^ (b + 0x632BE59BD9B4E019ull);
    h *= 0xBF58476D1CE4E5B9ull;
    return (h ^ (h >> 31)) | 1;
}

uint64_t name_id(std::string_view name) {
    char buf[detail::kMaxWordBytes];
    const size_t n = detail::fold_word(name, buf);
    return n ? folded_id(std::string_view(buf, n)) : 0;
}

const uint64_t kNum = folded_id("#num"), kCashtag = folded_id("#cashtag"), kHandle = folded_id("#handle"),
               kUrl = folded_id("#url");

bool touches(const Token& a, const Token& b) { return a.end == b.begin && a.field == b.field; }

// "https://t.co/xyz": a link, read as one feature up to the next space.
[[gnu::always_inline]] inline bool is_link(const Document& doc, uint32_t i, uint32_t last) {
    if (i + 1 >= last || !touches(doc.tokens[i], doc.tokens[i + 1]) || doc.text(doc.tokens[i + 1]) != ":") return false;
    const std::string_view w = doc.text(doc.tokens[i]);
    return w.size() >= 4 && w.size() <= 5 && detail::fold_char(w[0]) == 'h' && detail::fold_char(w[1]) == 't' &&
           detail::fold_char(w[2]) == 't' && detail::fold_char(w[3]) == 'p' &&
           (w.size() == 4 || detail::fold_char(w[4]) == 's');
}

// Calls f(id, class name or empty, token) for every feature token of [first, last) in order, and
// skipped(token) for the punctuation it leaves out (the registers below read it).
template <class F, class S>
void walk(const Document& doc, uint32_t first, uint32_t last, F&& f, S&& skipped) {
    const auto& toks = doc.tokens;
    for (uint32_t i = first; i < last; ++i) {
        const Token& t = toks[i];
        if (t.kind == TokenKind::number) {
            f(kNum, std::string_view("#num"), i);
            continue;
        }
        if (t.kind == TokenKind::word) {
            if (is_link(doc, i, last)) {
                while (i + 1 < last && touches(toks[i], toks[i + 1])) ++i;
                f(kUrl, std::string_view("#url"), i);
                continue;
            }
            if (!t.space_before && is_tag(doc, i)) {
                const char c = doc.text(toks[i - 1])[0];
                if (c == '$') {
                    f(kCashtag, std::string_view("#cashtag"), i);
                    continue;
                }
                if (c == '@') {
                    f(kHandle, std::string_view("#handle"), i);
                    continue;
                }
            }
            const WordKey& key = doc.keys[i];
            const uint64_t id = key.a != 0 ? key.hash | 1 : name_id(doc.text(t));
            if (id) f(id, std::string_view(), i);
            continue;
        }
        const std::string_view s = doc.text(t);
        // Punctuation is style more than tone, except the sign of a figure ("-2.3 %"), "!" and "?".
        if (t.kind == TokenKind::punct && s != "!" && s != "?" &&
            !(s == "-" && i + 1 < last && touches(t, toks[i + 1]) && toks[i + 1].kind == TokenKind::number)) {
            skipped(i);
            continue;
        }
        // The mark of a tag or handle is read with its word; "#" alone would read like a comment.
        if (s.size() == 1 && (s[0] == '$' || s[0] == '@' || s[0] == '#')) {
            if (s[0] == '#' || (i + 1 < last && touches(t, toks[i + 1]) && toks[i + 1].kind == TokenKind::word)) continue;
        }
        if (const uint64_t id = name_id(s)) f(id, std::string_view(), i);
    }
}
template <class F>
void walk(const Document& doc, uint32_t first, uint32_t last, F&& f) {
    walk(doc, first, last, f, [](uint32_t) {});
}

// The register of a sentence, read without letter case (a feed's house style says nothing about
// the news): whether it is shaped like a wire headline or like a trader's post. Unigram features
// of their own, pooled across the words that show them (docs/sentiment.md, session 19).
struct Register {
    const char* name;
    uint64_t id;
};
const Register kColon{"#colon", folded_id("#colon")},    // "Exclusive: ...", "$TSLA: ...", "Foo Inc: ..."
    kDash{"#dash", folded_id("#dash")},                    // "Stocks - Dow slips", "Foo Corp – results"
    kNoAux{"#noaux", folded_id("#noaux")},                 // headlinese: no auxiliary or copula
    kLeadTag{"#leadtag", folded_id("#leadtag")};           // a cashtag opens the sentence
const uint64_t kAuxWords[] = {folded_id("is"),    folded_id("are"),   folded_id("was"),    folded_id("were"),
                              folded_id("be"),    folded_id("been"),  folded_id("am"),     folded_id("has"),
                              folded_id("have"),  folded_id("had"),   folded_id("will"),   folded_id("would"),
                              folded_id("can"),   folded_id("could"), folded_id("should"), folded_id("may"),
                              folded_id("might"), folded_id("must"),  folded_id("do"),     folded_id("does"),
                              folded_id("did"),   folded_id("it's"),  folded_id("isn't"),  folded_id("aren't")};

// The auxiliaries' ids in 256 open-addressed slots keyed by the hash's top byte: about one probe
// per word (a list compared in turn cost more than the rest of the layer's pass).
const std::array<uint64_t, 256> kAuxTable = [] {
    std::array<uint64_t, 256> t{};
    for (uint64_t id : kAuxWords) {
        size_t h = id >> 56;
        while (t[h] != 0 && t[h] != id) h = (h + 1) & 255;
        t[h] = id;
    }
    return t;
}();

bool is_aux(uint64_t id) {
    for (size_t h = id >> 56; kAuxTable[h] != 0; h = (h + 1) & 255)
        if (kAuxTable[h] == id) return true;
    return false;
}

// The registers of a sentence, fed by walk(): its feature words (word(), with the id walk gives)
// and the punctuation walk leaves out (skipped()). The layer's logits read them in the same pass.
class Registers {
public:
    void word(uint64_t id) { aux_ = aux_ || is_aux(id); }
    void skipped(const Document& doc, uint32_t i, uint32_t first, uint32_t last) {
        const auto& toks = doc.tokens;
        const Token& t = toks[i];
        const std::string_view p = doc.text(t);
        // A colon after a word ("Exclusive:", "$TSLA:"), not a time's ("9:30"; a link is one feature).
        if (p == ":") colon_ = colon_ || (i > first && toks[i - 1].kind == TokenKind::word);
        else if (p == "\xE2\x80\x93" || p == "\xE2\x80\x94" ||
                 (p == "-" && t.space_before && (i + 1 == last || toks[i + 1].space_before)))
            dash_ = true;  // – — or a spaced hyphen, not "12-month"
    }
    // Calls f(id, name) for each register of the sentence [first, last), once each.
    template <class F>
    void emit(const Document& doc, uint32_t first, uint32_t last, F&& f) const {
        const auto& toks = doc.tokens;
        if (colon_) f(kColon.id, kColon.name);
        if (dash_) f(kDash.id, kDash.name);
        if (!aux_ && has_words(doc, first, last, 3)) f(kNoAux.id, kNoAux.name);
        if (first + 1 < last && toks[first].kind == TokenKind::symbol && doc.text(toks[first]) == "$" &&
            touches(toks[first], toks[first + 1]) && toks[first + 1].kind == TokenKind::word)
            f(kLeadTag.id, kLeadTag.name);
    }

private:
    // Whether [first, last) holds at least n word tokens (those of a link and of tags included).
    static bool has_words(const Document& doc, uint32_t first, uint32_t last, uint32_t n) {
        for (uint32_t i = first; i < last && n > 0; ++i) n -= doc.tokens[i].kind == TokenKind::word;
        return n == 0;
    }
    bool colon_ = false, dash_ = false, aux_ = false;
};

// Calls f(id, name) for each register feature of [first, last) (features and explanations; the
// logits read them in their own pass).
template <class F>
void registers(const Document& doc, uint32_t first, uint32_t last, F&& f) {
    Registers r;
    walk(doc, first, last, [&](uint64_t id, std::string_view, uint32_t) { r.word(id); },
         [&](uint32_t i) { r.skipped(doc, i, first, last); });
    r.emit(doc, first, last, f);
}

std::string unit_name(const Document& doc, std::string_view special, uint32_t token) {
    if (!special.empty()) return std::string(special);
    char buf[detail::kMaxWordBytes];
    const size_t n = detail::fold_word(doc.text(doc.tokens[token]), buf);
    return std::string(buf, n);
}

}  // namespace

uint64_t learned_feature_id(std::string_view name) {
    const size_t space = name.find(' ');
    if (space == std::string_view::npos) return name_id(name);
    return pair_id(name_id(name.substr(0, space)), name_id(name.substr(space + 1)));
}

void learned_feature_names(const Document& doc, uint32_t first, uint32_t last, std::vector<std::string>& out) {
    std::string prev;
    walk(doc, first, last, [&](uint64_t, std::string_view special, uint32_t token) {
        std::string name = unit_name(doc, special, token);
        out.push_back(name);
        if (!prev.empty()) out.push_back(prev + " " + name);
        prev = std::move(name);
    });
    registers(doc, first, last, [&](uint64_t, const char* name) { out.emplace_back(name); });
}

bool LearnedModel::speaks_for(const Document& doc, uint32_t first, uint32_t last) {
    const auto& toks = doc.tokens;
    for (uint32_t i = first; i < last; ++i) {
        const Token& t = toks[i];
        if (t.kind == TokenKind::word ? is_link(doc, i, last)
                                      : t.kind == TokenKind::symbol && i + 1 < last && touches(t, toks[i + 1]) &&
                                            toks[i + 1].kind == TokenKind::word && is_tag(doc, i + 1))
            return true;
    }
    return false;
}

const LearnedModel::Slot* LearnedModel::find(uint64_t id) const {
    if (slots_.empty()) return nullptr;
    const size_t mask = slots_.size() - 1;
    for (size_t i = id & mask;; i = (i + 1) & mask) {
        const Slot& s = slots_[i];
        if (s.id == id) return &s;
        if (s.id == 0) return nullptr;
    }
}

LearnedModel::Logits LearnedModel::logits(const Document& doc, uint32_t first, uint32_t last, double rules) const {
    const double up = rules > 0 ? rules : 0, down = rules < 0 ? -rules : 0;
    Logits z{bias_[0] + up * rules_up_[0] + down * rules_down_[0], bias_[1] + up * rules_up_[1] + down * rules_down_[1]};
    uint64_t prev = 0;
    Registers r;
    walk(
        doc, first, last,
        [&](uint64_t id, std::string_view, uint32_t) {
            if (const Slot* s = find(id)) {
                z.positive += s->positive;
                z.negative += s->negative;
            }
            if (prev)
                if (const Slot* s = find(pair_id(prev, id))) {
                    z.positive += s->positive;
                    z.negative += s->negative;
                }
            prev = id;
            r.word(id);
        },
        [&](uint32_t i) { r.skipped(doc, i, first, last); });
    r.emit(doc, first, last, [&](uint64_t id, const char*) {
        if (const Slot* s = find(id)) {
            z.positive += s->positive;
            z.negative += s->negative;
        }
    });
    return z;
}

void LearnedModel::top_features(const Document& doc, uint32_t first, uint32_t last, int sign, size_t n,
                                std::vector<Contribution>& out) const {
    std::vector<Contribution> all;
    uint64_t prev = 0;
    auto take = [&](const Slot* s) {
        if (!s) return;
        const double w = static_cast<double>(s->positive) - static_cast<double>(s->negative);
        if (w * sign > 0) all.push_back({names_[s->name], w});
    };
    walk(doc, first, last, [&](uint64_t id, std::string_view, uint32_t) {
        take(find(id));
        if (prev) take(find(pair_id(prev, id)));
        prev = id;
    });
    registers(doc, first, last, [&](uint64_t id, const char*) { take(find(id)); });
    // A feature met twice counts twice (a sort and a merge: a long sentence stays n log n).
    std::stable_sort(all.begin(), all.end(), [](const Contribution& a, const Contribution& b) { return a.feature < b.feature; });
    size_t kept = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        if (kept > 0 && all[kept - 1].feature == all[i].feature) all[kept - 1].weight += all[i].weight;
        else if (kept++ != i) all[kept - 1] = std::move(all[i]);
    }
    all.resize(kept);
    std::stable_sort(all.begin(), all.end(),
                     [sign](const Contribution& a, const Contribution& b) { return a.weight * sign > b.weight * sign; });
    if (all.size() > n) all.resize(n);
    out.insert(out.end(), all.begin(), all.end());
}

void LearnedModel::parse(std::string_view text, std::string_view file) {
    struct Row {
        uint64_t id;
        float positive, negative;
        uint32_t name;
    };
    std::vector<Row> rows;
    names_.clear();
    float bias[2] = {0, 0}, decision[2] = {0, 0};
    size_t line_no = 0;
    auto fail = [&](const std::string& what) {
        throw std::runtime_error(std::string(file) + ":" + std::to_string(line_no) + ": " + what +
                                 "; expected FEATURE<TAB>POSITIVE<TAB>NEGATIVE (regenerate with train-sentiment)");
    };
    while (!text.empty()) {
        const size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line == "#" || line.substr(0, 2) == "# ") continue;
        const size_t t1 = line.find('\t'), t2 = t1 == std::string_view::npos ? t1 : line.find('\t', t1 + 1);
        if (t2 == std::string_view::npos || t1 == 0) fail("not three tab-separated fields");
        float w[2];
        std::string_view fields[2] = {line.substr(t1 + 1, t2 - t1 - 1), line.substr(t2 + 1)};
        for (int k = 0; k < 2; ++k) {
            auto r = std::from_chars(fields[k].data(), fields[k].data() + fields[k].size(), w[k]);
            if (r.ec != std::errc() || r.ptr != fields[k].data() + fields[k].size()) fail("weight is not a number");
        }
        const std::string_view name = line.substr(0, t1);
        float* special = name == "#bias"       ? bias
                         : name == "#decision" ? decision
                         : name == "#rules+"   ? rules_up_
                         : name == "#rules-"   ? rules_down_
                                               : nullptr;
        if (special) {
            special[0] = w[0];
            special[1] = w[1];
            continue;
        }
        const uint64_t id = learned_feature_id(name);
        if (id == 0) fail("feature longer than " + std::to_string(detail::kMaxWordBytes) + " bytes");
        rows.push_back({id, w[0], w[1], static_cast<uint32_t>(names_.size())});
        names_.emplace_back(name);
    }
    // The decision rule's offsets are the bias's (one addition per sentence fewer).
    for (int k = 0; k < 2; ++k) bias_[k] = bias[k] + decision[k];
    size_t cap = 1024;
    while (cap < 2 * rows.size()) cap *= 2;
    slots_.assign(cap, Slot{});
    weights_.clear();
    for (const Row& r : rows) {
        const size_t mask = cap - 1;
        size_t i = r.id & mask;
        while (slots_[i].id != 0 && slots_[i].id != r.id) i = (i + 1) & mask;
        if (slots_[i].id == r.id) {
            line_no = 0;
            fail("feature '" + names_[r.name] + "' listed twice");
        }
        slots_[i] = {r.id, r.positive, r.negative, r.name};
        weights_.push_back(static_cast<uint32_t>(i));
    }
}

}  // namespace herald::analysis
