// Recording a matched event type: its subject and object companies, its figure, and the
// CorporateEvent added to the analysis (once per type and company).
#include "event_scratch.hpp"

namespace herald::analysis {

// Parses "1,500", "1.02" (with a following "million"/"billion"/"thousand") as a count.
bool events_detail::count_at(const Document& doc, uint32_t tok, uint32_t end, double& out) {
    std::string_view s = doc.text(doc.tokens[tok]);
    double v = 0, scale = 0;
    bool digits = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') {
            digits = true;
            if (scale > 0) {
                v += (c - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (c - '0');
            }
        } else if (c == '.' && scale == 0) {
            scale = 0.1;
        } else if (c != ',') {
            return false;
        }
    }
    if (!digits) return false;
    if (tok + 1 < end) {
        std::string_view next = doc.text(doc.tokens[tok + 1]);
        if (next == "million" || next == "mn") v *= 1e6;
        else if (next == "billion" || next == "bn") v *= 1e9;
        else if (next == "thousand") v *= 1e3;
    }
    out = v;
    return true;
}

int32_t events_detail::entity_of(const Mention& m, const Analysis& a) {
    for (size_t i = 0; i < a.entities.size(); ++i) {
        const EntityResult& e = a.entities[i];
        if (!m.ticker.empty() ? e.ticker == m.ticker : e.name == m.company) return static_cast<int32_t>(i);
    }
    return -1;
}

namespace {

// A scale written right after a number ("25M", "1.5bn"): its factor.
bool glued_scale(std::string_view w, double& scale) {
    if (w == "M" || w == "m" || w == "mn" || w == "mln") scale = 1e6;
    else if (w == "B" || w == "bn") scale = 1e9;
    else if (w == "K" || w == "k") scale = 1e3;
    else return false;
    return true;
}

}  // namespace

int32_t EventTypeClassifier::Scratch::subject(uint32_t si, uint32_t tk, uint32_t end, int32_t skip, const Row* row) const {
    const auto& ms = *mentions;
    int32_t before = -1, after = -1, earlier = -1, first_in_sentence = -1;
    const uint32_t para = doc->sentences[si].paragraph;
    for (size_t i = 0; i < ms.size(); ++i) {
        const Mention& m = ms[i];
        if (static_cast<int32_t>(i) == skip) continue;
        if (m.sentence == si) {
            if (first_in_sentence < 0 && m.token < tk && !m.is_reference) first_in_sentence = static_cast<int32_t>(i);
            if (m.token < tk) before = static_cast<int32_t>(i);
            else if (m.token >= end && after < 0 && !is_agent(m, row)) after = static_cast<int32_t>(i);
        } else if (m.sentence < si && doc->sentences[m.sentence].paragraph == para) {
            earlier = static_cast<int32_t>(i);
        }
    }
    // A companion of the subject ("together with Samarco and BHP Brasil") is not it: the one before.
    while (before >= 0 && companion(ms[static_cast<size_t>(before)])) {
        int32_t prev = before - 1;
        while (prev >= 0 && (ms[static_cast<size_t>(prev)].sentence != si || prev == skip)) --prev;
        before = prev >= 0 && ms[static_cast<size_t>(prev)].sentence == si ? prev : -1;
    }
    // The nearest company before belongs to another clause when a clause word stands between
    // ("HPE closed its takeover of Juniper after settling with ..."): the sentence's first one is
    // the subject then.
    if (before >= 0 && t->stop >= 0 && first_in_sentence >= 0 && first_in_sentence != before) {
        const Mention& b = ms[static_cast<size_t>(before)];
        bool clause_word = false;
        for (uint32_t k = b.token + 1; k < tk && !clause_word; ++k)
            clause_word = in_class_single(k, static_cast<uint32_t>(t->stop)) &&
                          doc->tokens[k].kind == TokenKind::word && !is_event_verb(k);
        if (clause_word) {
            // ... unless they are one subject: "Apple and Google face rules after regulator ruling".
            const int32_t f = first_in_clause(si, b.token, first_in_sentence);
            for (int32_t m = before; m >= 0; m = coordinated(m))
                if (m == f) return before;
            return f;
        }
        // ... or to a relative clause after the first one, closed before the match ("Boeing, which
        // was downgraded by Moody's earlier this year, named ..."): the first one is the subject.
        if (in_relative_clause(first_in_sentence, before, tk)) return first_in_sentence;
    }
    return before >= 0 ? before : after >= 0 ? after : earlier;
}

int32_t EventTypeClassifier::Scratch::first_in_clause(uint32_t si, uint32_t at, int32_t first_in_sentence) const {
    const Sentence& s = doc->sentences[si];
    uint32_t from = at;
    while (from > s.first_token && !(stop_word(from - 1) && !is_event_verb(from - 1)) &&
           !(doc->tokens[from - 1].kind == TokenKind::punct && is_clause_mark(text(from - 1))))
        --from;
    if (from == s.first_token) return first_in_sentence;
    const auto& ms = *mentions;
    for (size_t i = 0; i < ms.size(); ++i)
        if (ms[i].sentence == si && !ms[i].is_reference && ms[i].token >= from && ms[i].token <= at)
            return static_cast<int32_t>(i);
    return first_in_sentence;
}

bool EventTypeClassifier::Scratch::in_relative_clause(int32_t first, int32_t m, uint32_t tk) const {
    const auto& ms = *mentions;
    const uint32_t from = ms[static_cast<size_t>(first)].token, at = ms[static_cast<size_t>(m)].token;
    bool opened = false;
    for (uint32_t k = from + 1; k < at && !opened; ++k)
        opened = text(k - 1) == "," && (text(k) == "which" || text(k) == "who");
    if (!opened) return false;
    for (uint32_t k = at + 1; k < tk; ++k)
        if (text(k) == ",") return true;
    return false;
}

bool EventTypeClassifier::Scratch::is_agent(const Mention& m, const Row* row) const {
    if (m.is_reference || m.token == 0) return false;
    const Token& prev = doc->tokens[m.token - 1];
    if (prev.field != doc->tokens[m.token].field) return false;
    const std::string_view w = text(m.token - 1);
    if (w == "by") return true;
    if (!row) return false;
    for (const std::string& v : row->venues) {  // lower case in the table; "On" in a title-case headline
        bool same = v.size() == w.size();
        for (size_t i = 0; same && i < w.size(); ++i) same = static_cast<char>(w[i] | 0x20) == v[i];
        if (same) return true;
    }
    return false;
}

bool EventTypeClassifier::Scratch::agent_in(uint32_t si, const Analysis& a, const Row* row) const {
    for (const Mention& m : *mentions)
        if (m.sentence == si && entity_of(m, a) == 0 && is_agent(m, row)) return true;
    return false;
}

bool EventTypeClassifier::Scratch::mention_in(uint32_t si, uint32_t tk, uint32_t end) const {
    for (const Mention& m : *mentions)
        if (m.sentence == si && m.token >= tk && m.token < end) return true;
    return false;
}

int32_t EventTypeClassifier::Scratch::coordinated(int32_t m) const {
    const Mention& cur = (*mentions)[static_cast<size_t>(m)];
    if (cur.is_reference || cur.token < 2) return -1;
    std::string_view joint = text(cur.token - 1);
    if (joint != "and" && joint != ",") return -1;
    const Token& before = doc->tokens[cur.token - 2];
    for (int32_t i = m - 1; i >= 0; --i) {
        const Mention& o = (*mentions)[static_cast<size_t>(i)];
        if (o.sentence != cur.sentence) return -1;
        if (!o.is_reference && o.span.field == before.field && o.span.end == before.end) return i;
    }
    return -1;
}

int32_t EventTypeClassifier::Scratch::coordinated_next(int32_t m) const {
    const auto& ms = *mentions;
    const Mention& cur = ms[static_cast<size_t>(m)];
    if (cur.is_reference) return -1;
    const Sentence& s = doc->sentences[cur.sentence];
    uint32_t k = cur.token;
    while (k < s.last_token && doc->tokens[k].begin < cur.span.end) ++k;  // past the mention
    if (k + 1 >= s.last_token) return -1;
    uint32_t next;
    const bool bare_comma = text(k) == "," && text(k + 1) != "and";
    if (text(k) == "and") next = k + 1;
    else if (text(k) == ",") next = bare_comma ? k + 1 : k + 2;
    else return -1;
    for (size_t i = static_cast<size_t>(m) + 1; i < ms.size(); ++i) {
        const Mention& o = ms[i];
        if (o.sentence != cur.sentence) return -1;
        if (o.token < next) continue;
        if (o.token > next || o.is_reference) return -1;
        uint32_t after = o.token;
        while (after < s.last_token && doc->tokens[after].begin < o.span.end) ++after;
        if (after < s.last_token) {
            // The subject of a clause of its own: "Exxon buys Pioneer and Chevron buys Hess", "..., Google said".
            std::string_view w = text(after);
            if (is_anchor(after) || w == "to" || w == "said" || w == "says" || w == "told") return -1;
            // A bare comma joins a headline's list ("acquired by Blackstone, TPG"); elsewhere only a
            // list that goes on ("Nike, Adidas and Puma").
            if (bare_comma && s.field != Field::headline && w != "," && w != "and") return -1;
        } else if (bare_comma && s.field != Field::headline) {
            return -1;
        }
        return static_cast<int32_t>(i);
    }
    return -1;
}

void EventTypeClassifier::Scratch::figure(const Sentence& sent, uint32_t tk, uint32_t end, const Analysis& a, CorporateEvent& ev) const {
    uint32_t last = end + kFigureTokens < sent.last_token ? end + kFigureTokens : sent.last_token;
    // The figure is the event's own: a semicolon starts another statement ("cuts jobs in health
    // unit; shares drop 6%" states no job count), and a clause word or another event's verb
    // (@stop) another clause ("upgraded ... and raised its target to $85", "beats as growth
    // accelerates to 20%": neither the upgrade nor the beat states a figure).
    // So does a comma before a verb or a participle ("cuts guidance, closes 700 stores", ",
    // dragging the index down 2.3%", ", shares drop 6%").
    for (uint32_t k = end; k < last; ++k)
        if (doc->tokens[k].kind == TokenKind::punct ? text(k) == ";" || (text(k) == "," && opens_clause(sent, k + 1))
                                                    : stop_word(k)) {
            last = k;
            break;
        }
    const uint32_t b = doc->tokens[tk].begin, e = doc->tokens[last - 1].end;
    for (const Quantity& q : a.quantities) {
        if (q.span.field != sent.field || q.span.begin < b || q.span.begin >= e) continue;
        // What others expected ("topped the $11.1 billion consensus") is not the event's figure,
        // and ends the search: the reported one stands before the match, if anywhere.
        uint32_t at = tk;
        while (at < last && doc->tokens[at].begin < q.span.begin) ++at;
        if (expected(sent, at, q.span.end)) {
            last = at;
            break;
        }
        ev.has_figure = true;
        ev.figure = q.value;
        ev.unit = q.unit;
        return;
    }
    // A figure right before the match, in its clause: "a $20 billion stock repurchase".
    uint32_t from = tk;
    while (from > sent.first_token && tk - from < 4 && !is_clause_mark(text(from - 1)) && !stop_word(from - 1)) --from;
    if (from < tk) {
        const uint32_t fb = doc->tokens[from].begin;
        const Quantity* last_before = nullptr;
        for (const Quantity& q : a.quantities)
            if (q.span.field == sent.field && q.span.begin >= fb && q.span.end <= b) last_before = &q;
        if (last_before) {
            ev.has_figure = true;
            ev.figure = last_before->value;
            ev.unit = last_before->unit;
            return;
        }
    }
    for (uint32_t k = tk; k < last; ++k) {
        if (doc->tokens[k].kind != TokenKind::number) continue;
        // A number glued to letters names a thing, not a count: "5G", "18A", "44th" (but "25M" is 25 million).
        double scale = 1;
        if (k + 1 < last && doc->tokens[k + 1].kind == TokenKind::word && doc->tokens[k + 1].begin == doc->tokens[k].end &&
            !glued_scale(text(k + 1), scale))
            continue;
        std::string_view w = text(k);
        // A small whole number right after a name is part of it: "Chapter 11", "Gemini 3", "Boeing 737".
        if (w.size() <= 3 && k > sent.first_token + 1 && doc->tokens[k - 1].kind == TokenKind::word &&
            doc->tokens[k - 1].capitalized && w.find_first_not_of("0123456789") == std::string_view::npos)
            continue;
        bool year = w.size() == 4 && (w.substr(0, 2) == "19" || w.substr(0, 2) == "20");
        double v;
        if (!year && count_at(*doc, k, last, v)) {
            ev.has_figure = true;
            ev.figure = v * scale;
            return;
        }
    }
}

void EventTypeClassifier::Scratch::demote_raters(Analysis& a) const {
    for (size_t i = 0; i < a.entities.size() && i < is_rater.size(); ++i) {
        if (!is_rater[i] || a.entities[i].relevance <= kRaterRelevance) continue;
        bool reports = false;
        for (const CorporateEvent& ev : a.events) reports |= ev.entity == i;
        if (!reports) a.entities[i].relevance = kRaterRelevance;
    }
}

void EventTypeClassifier::Scratch::drop_customers(Analysis& a) const {
    bool any = false;
    for (uint8_t c : is_customer) any |= c != 0;
    if (!any) return;
    size_t kept = 0;
    for (size_t i = 0; i < a.events.size(); ++i) {
        const CorporateEvent& ev = a.events[i];
        if (ev.entity < is_customer.size() && is_customer[ev.entity] && t->rows[ev.type].customers) continue;
        if (kept != i) a.events[kept] = a.events[i];
        ++kept;
    }
    a.events.erase(a.events.begin() + static_cast<std::ptrdiff_t>(kept), a.events.end());
}

void EventTypeClassifier::Scratch::mark_raters(uint32_t si, uint32_t tk, uint32_t end, int32_t object, int32_t obj_entity,
                                               const Analysis& a) const {
    const auto& ms = *mentions;
    if (object >= 0) {
        const int32_t subj = subject(si, tk, end, object);
        if (subj >= 0 && ms[static_cast<size_t>(subj)].sentence == si && ms[static_cast<size_t>(subj)].token < tk) {
            const int32_t e = entity_of(ms[static_cast<size_t>(subj)], a);
            if (e >= 0 && e != obj_entity) is_rater[static_cast<size_t>(e)] = 1;
        }
    }
    for (size_t i = 0; i < ms.size(); ++i) {
        const Mention& m = ms[i];
        if (m.sentence != si || m.token < end) continue;
        // The broker named right after the move ("Tesla Cut to Sell at UBS; PT Lowered to $190"):
        // a rater, and the subject of the sentence's later moves, which are the rated company's.
        const bool at_broker = !m.is_reference && m.token == end + 1 && text(end) == "at";
        if (!at_broker && !is_agent(m)) continue;
        const int32_t e = entity_of(m, a);
        if (e >= 0 && e != obj_entity) is_rater[static_cast<size_t>(e)] = 1;
        if (at_broker) rater_mention = static_cast<int32_t>(i);
    }
}

bool EventTypeClassifier::Scratch::expected(const Sentence& sent, uint32_t at, uint32_t q_end) const {
    if (t->consensus < 0) return false;
    const uint32_t cls = static_cast<uint32_t>(t->consensus);
    const uint32_t to = at < sent.last_token ? at : sent.last_token;
    for (uint32_t k = to >= sent.first_token + 3 ? to - 3 : sent.first_token; k < to; ++k)
        if (in_class_single(k, cls)) return true;
    uint32_t k = to;
    while (k < sent.last_token && doc->tokens[k].begin < q_end) ++k;
    for (uint32_t n = 0; n < 2 && k + n < sent.last_token; ++n)
        if (in_class_single(k + n, cls)) return true;
    // "fell short of its 31.5% forecast": a figure right before a forecast's name is the forecast.
    return t->forecast_noun >= 0 && k < sent.last_token && in_class_single(k, static_cast<uint32_t>(t->forecast_noun));
}

bool EventTypeClassifier::Scratch::opens_clause(const Sentence& sent, uint32_t k) const {
    if (k >= sent.last_token || doc->tokens[k].kind != TokenKind::word) return false;
    std::string_view w = text(k);
    if (w.size() < 4 || w == "including" || w == "excluding") return false;  // "its", "has"; prepositions
    auto lower = [&](size_t i) { return static_cast<char>(w[i] | 0x20); };
    const size_t n = w.size();
    const bool verb_s = lower(n - 1) == 's' && lower(n - 2) != 's' && lower(n - 2) != 'u';  // not "less", "plus"
    const bool participle = lower(n - 3) == 'i' && lower(n - 2) == 'n' && lower(n - 1) == 'g';
    if (!verb_s && !participle) return false;
    for (const Mention& m : *mentions)  // a company in a list ("on Nike, Adidas"), not a verb
        if (m.token == k && !m.is_reference) return false;
    return true;
}

void EventTypeClassifier::Scratch::add(const CorporateEvent& ev, bool stated, Analysis& a) const {
    for (CorporateEvent& o : a.events) {
        if (o.type != ev.type || o.entity != ev.entity) continue;
        if (!o.has_figure && ev.has_figure) {
            o.has_figure = true;
            o.figure = ev.figure;
            o.unit = ev.unit;
        }
        if (stated && o.detail != ev.detail && o.detail == t->rows[ev.type].detail) {
            const Span was = o.span;
            for (CorporateEvent& r : a.events)
                if (r.type == ev.type && r.span.field == was.field && r.span.begin == was.begin && r.span.end == was.end) {
                    r.detail = ev.detail;
                    r.span = ev.span;
                    r.text = ev.text;
                }
        }
        return;
    }
    if (a.events.size() < kMaxEvents) a.events.push_back(ev);
}

uint32_t EventTypeClassifier::Scratch::minority_len(uint32_t j, uint32_t end) const {
    const auto& toks = doc->tokens;
    double v = 0;
    if (toks[j].kind != TokenKind::number || !count_at(*doc, j, j + 1, v) || v >= 50) return 0;
    if (j > 0 && toks[j - 1].field == toks[j].field && text(j - 1) == "remaining") return 0;
    if (j + 1 < end && (text(j + 1) == "%" || text(j + 1) == "percent")) return 2;
    if (j + 2 < end && text(j + 1) == "per" && text(j + 2) == "cent") return 3;
    return 0;
}

bool EventTypeClassifier::Scratch::sues(const Mention& m, uint32_t tk) const {
    if (m.token > 0 && text(m.token - 1) == "of") return false;  // "shareholders of Tesla filed"
    uint32_t k = m.token;
    while (k < tk && doc->tokens[k].begin < m.span.end) ++k;  // past the mention
    if (tk - k > 2) return false;
    for (; k < tk; ++k)
        if (text(k) != "has" && text(k) != "have" && text(k) != "had" && text(k) != "also") return false;
    return true;
}

bool EventTypeClassifier::Scratch::names_subject(const Mention& m, uint32_t tk) const {
    const auto& toks = doc->tokens;
    uint32_t k = m.token;
    while (k < tk && toks[k].begin < m.span.end) ++k;  // past the mention
    if (tk - k > 3) return false;
    for (; k < tk; ++k)
        if (toks[k].kind != TokenKind::word || toks[k].capitalized) return false;
    return true;
}

void EventTypeClassifier::Scratch::mark_customers(uint32_t si, uint32_t tk, uint32_t end, const Pattern& p, int32_t& object,
                                                  int32_t& obj_entity, const Analysis& a) const {
    if (object < 0) return;
    if (p.customer) {
        const int32_t buyer = subject(si, tk, end, object);
        const int32_t e = buyer >= 0 ? entity_of((*mentions)[static_cast<size_t>(buyer)], a) : -1;
        if (e >= 0 && e != obj_entity) is_customer[static_cast<size_t>(e)] = 1;
    } else if (p.client) {  // the object buys from the subject: the subject's event
        if (obj_entity >= 0) is_customer[static_cast<size_t>(obj_entity)] = 1;
        object = obj_entity = -1;
    }
}

void EventTypeClassifier::Scratch::record(uint32_t si, uint32_t tk, uint32_t end, int32_t object, const Pattern& p,
                                          std::string_view carried, Analysis& a) const {
    const Row& row = t->rows[p.row];
    const Sentence& sent = doc->sentences[si];
    CorporateEvent ev;
    ev.type = p.row;
    ev.name = row.name;
    ev.polarity = row.polarity;
    ev.detail = !p.detail.empty() ? std::string_view(p.detail) : !carried.empty() ? carried : std::string_view(row.detail);
    const bool stated = !p.detail.empty() || !carried.empty();
    if (row.context_class >= 0 && class_in(sent.first_token, sent.last_token, row.context_class))
        ev.detail = row.context_detail;
    const Token& first = doc->tokens[tk];
    // A currency sign the pattern ends on belongs to the figure, not to the words that report the event.
    const uint32_t last_tok = end - 1 > tk && doc->tokens[end - 1].kind == TokenKind::symbol ? end - 2 : end - 1;
    const Token& lastt = doc->tokens[last_tok];
    ev.span = {first.field, first.begin, lastt.end};
    ev.text = doc->event().field(first.field).substr(first.begin, lastt.end - first.begin);
    figure(sent, tk, end, a, ev);
    EventRole subject_role = p.passive ? row.object_role : row.subject_role;
    EventRole object_role = p.passive ? row.subject_role : row.object_role;
    if (p.seller) {  // a sale: the subject sells to the object, who acquires
        subject_role = EventRole::seller;
        object_role = EventRole::acquirer;
    }
    int32_t obj_entity = object >= 0 ? entity_of((*mentions)[static_cast<size_t>(object)], a) : -1;
    if (row.rated) mark_raters(si, tk, end, object, obj_entity, a);
    const int32_t skip = object;
    mark_customers(si, tk, end, p, object, obj_entity, a);
    if (object < 0 || row.roles) {
        int32_t subj = subject(si, tk, end, skip, &row);
        if (p.plaintiff && subj >= 0 && (*mentions)[static_cast<size_t>(subj)].sentence == si &&
            sues((*mentions)[static_cast<size_t>(subj)], tk))
            return;
        int32_t subj_entity = subj >= 0 ? entity_of((*mentions)[static_cast<size_t>(subj)], a) : -1;
        if (subj < 0 && object < 0 && !mention_in(si, tk, end) && !agent_in(si, a, &row))
            subj_entity = a.entities.size() == 1 ? 0 : story_subject(si, tk, end, a);  // not the agent of a passive
        const Mention* sm = subj >= 0 ? &(*mentions)[static_cast<size_t>(subj)] : nullptr;
        // A broker found rating in this sentence rates in its later clauses too ("Morgan Stanley
        // upgraded the stock ..., and raised its price target"), however far from the verb.
        const bool known_rater = subj >= 0 && subj == rater_mention;
        if (object < 0 && sm && sm->sentence == si && sm->token < tk &&
            (known_rater || (p.rater && names_subject(*sm, tk)))) {
            rater_mention = subj;
            if (subj_entity >= 0) is_rater[static_cast<size_t>(subj_entity)] = 1;
            subj_entity = subj_entity >= 0 ? rated_entity(si, subj, subj_entity, a) : -1;
            subj = -1;  // the rater's fellow subjects ("X and Y downgraded ...") are raters too
        }
        // [rater] with no subject found: the company inside the words is the rated one ("Jefferies moves Ford to Hold").
        for (size_t i = 0; p.rater && subj_entity < 0 && object < 0 && i < mentions->size(); ++i)
            if (const Mention& m = (*mentions)[i]; m.sentence == si && m.token > tk && m.token < end && !m.is_reference)
                subj_entity = entity_of(m, a);
        ev.role = row.roles ? subject_role : EventRole::none;
        if (subj_entity >= 0 && subj_entity != obj_entity) {
            ev.entity = static_cast<uint32_t>(subj_entity);
            add(ev, stated, a);
        }
        // Subjects joined by "and" or "," share it: "Capital One and Discover call off ...".
        for (int32_t m = subj; m >= 0 && (m = coordinated(m)) >= 0;) {
            int32_t e = entity_of((*mentions)[static_cast<size_t>(m)], a);
            if (e < 0 || e == obj_entity) break;
            ev.entity = static_cast<uint32_t>(e);
            add(ev, stated, a);
        }
    }
    if (obj_entity >= 0) {
        ev.entity = static_cast<uint32_t>(obj_entity);
        ev.role = row.roles ? object_role : EventRole::none;
        add(ev, stated, a);
        // Objects joined by "and" share it: "EU fines Apple and Meta", "acquired by Blackstone and TPG".
        for (int32_t m = object; (m = coordinated_next(m)) >= 0;) {
            const int32_t e = entity_of((*mentions)[static_cast<size_t>(m)], a);
            if (e < 0) break;
            if (e == obj_entity) continue;
            ev.entity = static_cast<uint32_t>(e);
            add(ev, stated, a);
        }
    }
}

}  // namespace herald::analysis
