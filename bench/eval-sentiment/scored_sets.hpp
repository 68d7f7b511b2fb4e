// Sets with graded gold scores in [-1, 1] (session 21): entity-targeted headlines as SemEval-2017 task 5
// scores them (score<TAB>ticker<TAB>text: the named company's entities[].sentiment, 0 when herald does not
// find it) and microblog posts as FiQA task 1 does (score<TAB>text: the document's score). Reported as the
// labelled sets are (the gold's label: +-0.10, the labels' own band), plus the cosine of the scores with the
// graded gold, the judges' measure. Included by eval_sentiment.cpp after its Pipeline and report().
#pragma once

// One graded file; `targeted`: the second column is the ticker whose score is judged.
bool eval_scored(Pipeline& p, const std::string& path, const char* name, bool targeted, Target target, int show_errors,
                 bool explain) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "%s: cannot open\n", path.c_str());
        return false;
    }
    Stats st;
    double dot = 0, score_sq = 0, gold_sq = 0;
    int shown[3][3] = {};
    std::string line;
    ha::Explanation ex;
    while (std::getline(in, line)) {
        const size_t tab = line.find('\t');
        const size_t tab2 = targeted && tab != std::string::npos ? line.find('\t', tab + 1) : tab;
        if (tab2 == std::string::npos || line[0] == '#') continue;
        const double g = std::atof(line.c_str());
        const std::string ticker = targeted ? line.substr(tab + 1, tab2 - tab - 1) : std::string();
        const Class gold = g >= 0.1 ? positive : g <= -0.1 ? negative : neutral;
        ha::Event e;
        e.text = std::string_view(line).substr(tab2 + 1);
        p.run(e, explain && show_errors > 0 ? &ex : nullptr);
        double score = targeted ? 0 : p.out.sentiment.score;
        for (const auto& en : p.out.entities)
            if (targeted && en.ticker == ticker) score = en.sentiment.score;
        const Class pred = class_of(ha::label_for(score));
        ++st.confusion[gold][pred];
        st.add_score(gold, score);
        dot += score * g;
        score_sq += score * score;
        gold_sq += g * g;
        if ((gold != pred || g_print_all) && shown[gold][pred] < show_errors) {
            ++shown[gold][pred];
            std::printf("  gold %+.2f %-8s got %-8s %+.2f %s  %.*s\n", g, kClassNames[gold], kClassNames[pred], score,
                        ticker.c_str(), static_cast<int>(e.text.size()), e.text.data());
            if (explain) print_explanation(e, ex);
        }
    }
    const bool ok = report(name, st, target);
    std::printf("  cosine with the graded gold %.3f\n", score_sq > 0 && gold_sq > 0 ? dot / std::sqrt(score_sq * gold_sq) : 0);
    return ok;
}
