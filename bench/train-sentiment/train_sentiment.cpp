// Trains herald's learned sentiment layer and writes its weights file (data/lexicon/learned.tsv):
// multinomial logistic regression, neutral as the reference class, over the features
// LearnedModel reads (tokens and token pairs of each sentence, learned_feature_names()), one
// sample per sentence of a tweet (the scorer asks the layer sentence by sentence).
//
//   train-sentiment [--data FILE] [--out FILE] [--without-fold K | --without-validation]
//
// --without-fold K (0-4): the written model is trained without fold K of the development part
// (tfns_split.hpp; --without-validation is fold 0, the validation fifth), so that
// eval-sentiment --learned FILE --sets tweets-val --fold K measures the whole scorer on tweets it
// was not trained on; bench/eval-sentiment/cross_validate.sh does it for the five folds. The
// shipped file is trained on the whole development part.
//
// The rules' score of each sentence (Lexicon::rules_only()) is a feature too, so the layer
// learns how far to trust it on this kind of text.
// Data: the development part of the finance-news tweets (../shared/data/tfns-train.tsv, MIT),
// i.e. every tweet tfns_split.hpp does not hold out; the held-out quarter stays an honest test.
// Deterministic: file order, no random numbers, full-batch Adam with fixed steps, weights
// rounded to 4 decimals, features sorted by name. The regularisation is chosen on a fixed fifth
// of the development part (a second hash), then the model is retrained on all of it.
// A test (unit_learned_reproduces) reruns it and compares the output with the shipped file.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "herald/analysis/document.hpp"
#include "herald/analysis/entities.hpp"
#include "herald/analysis/learned.hpp"
#include "herald/analysis/sentiment.hpp"
#include "tfns_split.hpp"

namespace ha = herald::analysis;

namespace {

constexpr int kMinTexts = 2;         // a feature must occur in this many training sentences
constexpr int kSteps = 300;          // full-batch Adam steps
constexpr double kRate = 0.05;       // Adam step size
constexpr double kLambdas[] = {3e-5, 1e-4, 3e-4, 1e-3, 3e-3};  // L2 strengths tried
// The decision rule's offsets to the positive and negative logits ("#decision", added to the
// bias when the file is read): the cross-entropy fit leaves the negative class, the smallest
// and the one herald gets wrong most (fold recall 0.72), under-called. Chosen for the five folds'
// mean macro-F1 (cross_validate.sh; a plateau from -0.1 to -0.4 / +0.2 to +0.4, docs/sentiment.md
// session 19 (tweets)); the held-out quarter was not read to choose them.
constexpr double kDecision[2] = {-0.2, 0.3};

// One sentence of a tweet, labelled with the tweet's class: the scorer asks the layer about each
// sentence with that sentence's own rules' score, so it is trained so (docs/sentiment.md, session 19
// (tweets)). A tweet of n sentences weighs 1/n in all, as a tweet of one sentence.
struct Sample {
    std::vector<std::pair<uint32_t, float>> x;  // feature index, count
    int label = 0;                              // 0 neutral, 1 positive, 2 negative
    int fold = 0;                               // fold 0: the fifth that chooses the regularisation
    double weight = 1;                          // 1 / the tweet's sentences
};

struct Weights {
    std::vector<double> w;  // per feature: [2 * f] positive, [2 * f + 1] negative
    double bias[2] = {0, 0};
};

void probabilities(const Weights& m, const Sample& s, double p[3]) {
    double z[3] = {0, m.bias[0], m.bias[1]};
    for (auto [f, c] : s.x) {
        z[1] += c * m.w[2 * f];
        z[2] += c * m.w[2 * f + 1];
    }
    const double top = std::max({z[0], z[1], z[2]});
    double sum = 0;
    for (int k = 0; k < 3; ++k) sum += p[k] = std::exp(z[k] - top);
    for (int k = 0; k < 3; ++k) p[k] /= sum;
}

// Mean cross-entropy + lambda/2 |w|^2 over the samples `use` accepts, minimised by full-batch Adam.
template <class Use>
Weights train(const std::vector<Sample>& samples, size_t features, double lambda, Use use) {
    Weights m;
    m.w.assign(2 * features, 0.0);
    const size_t n = m.w.size() + 2;
    std::vector<double> g(n), mom(n, 0.0), var(n, 0.0);
    double count = 0;  // tweets
    for (const auto& s : samples) count += use(s) ? s.weight : 0.0;
    for (int step = 1; step <= kSteps; ++step) {
        std::fill(g.begin(), g.end(), 0.0);
        for (const auto& s : samples) {
            if (!use(s)) continue;
            double p[3];
            probabilities(m, s, p);
            const double d1 = s.weight * (p[1] - (s.label == 1)), d2 = s.weight * (p[2] - (s.label == 2));
            for (auto [f, c] : s.x) {
                g[2 * f] += c * d1;
                g[2 * f + 1] += c * d2;
            }
            g[n - 2] += d1;
            g[n - 1] += d2;
        }
        for (size_t i = 0; i < n; ++i) {
            g[i] /= count;
            if (i < n - 2) g[i] += lambda * m.w[i];
        }
        const double c1 = 1 - std::pow(0.9, step), c2 = 1 - std::pow(0.999, step);
        for (size_t i = 0; i < n; ++i) {
            mom[i] = 0.9 * mom[i] + 0.1 * g[i];
            var[i] = 0.999 * var[i] + 0.001 * g[i] * g[i];
            const double delta = kRate * (mom[i] / c1) / (std::sqrt(var[i] / c2) + 1e-8);
            if (i < n - 2) m.w[i] -= delta;
            else m.bias[i - (n - 2)] -= delta;
        }
    }
    return m;
}

template <class Use>
void evaluate(const Weights& m, const std::vector<Sample>& samples, Use use, double& loss, double& accuracy,
              double& majority_accuracy) {
    double total = 0, right = 0, count = 0, right_majority = 0;
    for (const auto& s : samples) {
        if (!use(s)) continue;
        double p[3];
        probabilities(m, s, p);
        total -= s.weight * std::log(std::max(p[s.label], 1e-12));
        const int best = p[1] > p[0] && p[1] > p[2] ? 1 : p[2] > p[0] && p[2] > p[1] ? 2 : 0;
        right += s.weight * (best == s.label);
        const int majority = p[0] >= 0.5 ? 0 : p[1] > p[2] ? 1 : 2;
        right_majority += s.weight * (majority == s.label);
        count += s.weight;
    }
    majority_accuracy = right_majority / count;
    loss = total / count;
    accuracy = right / count;
}

std::string number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", v);
    std::string s = buf;
    if (s == "-0.0000") s = "0.0000";
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    std::string data = HERALD_SHARED_DATA_DIR "/tfns-train.tsv", out = HERALD_SOURCE_DIR "/data/lexicon/learned.tsv";
    int without = -1;  // the fold left out of training (-1: none)
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--without-validation") without = 0;
        else if (a == "--without-fold" && i + 1 < argc) {
            const std::string k = argv[++i];
            if (k.size() != 1 || k[0] < '0' || k[0] >= '0' + herald::bench::kTfnsFolds) {
                std::fprintf(stderr, "--without-fold takes a fold 0-%d, not '%s'\n", herald::bench::kTfnsFolds - 1, k.c_str());
                return 2;
            }
            without = k[0] - '0';
        } else if ((a == "--data" || a == "--out") && i + 1 < argc) (a == "--data" ? data : out) = argv[++i];
        else {
            std::fprintf(stderr, "unknown option %s; usage: train-sentiment [--data TSV] [--out FILE] [--without-fold K | --without-validation]\n", a.c_str());
            return 2;
        }
    }
    std::ifstream in(data);
    if (!in) {
        std::fprintf(stderr, "%s: cannot open the training tweets; pass --data FILE\n", data.c_str());
        return 1;
    }
    // Read the development part: each sentence's feature names, counted per sentence.
    std::vector<std::vector<std::string>> texts;
    std::vector<Sample> samples;
    std::map<std::string, int> in_texts;
    std::string line;
    ha::Document doc;
    std::vector<std::string> names;
    // The rules' score of each sentence is a feature ("#rules+", "#rules-": its two parts).
    ha::EntityFinder finder(ha::AliasTable::builtin());
    ha::SentimentScorer rules(ha::Lexicon::rules_only());
    std::vector<ha::Mention> mentions;
    ha::Analysis analysis;
    ha::Explanation explanation;
    std::vector<std::pair<float, float>> rule_parts;
    size_t tweets = 0;
    while (std::getline(in, line)) {
        const size_t tab = line.find('\t');
        if (tab == std::string::npos || line[0] == '#') continue;
        const std::string_view text = std::string_view(line).substr(tab + 1);
        if (herald::bench::tfns_held_out(text)) continue;
        const std::string label = line.substr(0, tab);
        Sample s;
        s.label = label == "positive" ? 1 : label == "negative" ? 2 : 0;
        s.fold = herald::bench::tfns_fold(text);
        ha::Event e;
        e.text = text;
        doc.build(e);
        mentions.clear();
        explanation.clear();
        finder.find(doc, mentions);
        rules.score(doc, mentions, {}, analysis, &explanation);
        ++tweets;
        s.weight = 1.0 / static_cast<double>(std::max<size_t>(doc.sentences.size(), 1));
        for (const auto& sentence : doc.sentences) {
            names.clear();
            ha::learned_feature_names(doc, sentence.first_token, sentence.last_token, names);
            // The rules' score of this sentence (the explanation lists the sentences it scored).
            const ha::Token& first = doc.tokens[sentence.first_token];
            float up = 0, down = 0;
            for (const auto& se : explanation.sentences)
                if (se.span.field == first.field && se.span.begin == first.begin)
                    (se.score > 0 ? up : down) += static_cast<float>(std::fabs(se.score));
            rule_parts.emplace_back(up, down);
            std::sort(names.begin(), names.end());
            // The vocabulary is what the written model is trained on: a left-out fold adds no feature.
            if (s.fold != without)
                for (size_t k = 0; k < names.size(); ++k)
                    if (k == 0 || names[k] != names[k - 1]) ++in_texts[names[k]];
            texts.push_back(names);
            samples.push_back(s);
        }
    }
    std::vector<std::string> vocabulary;
    std::map<std::string, uint32_t> index;
    for (const auto& [name, n] : in_texts)
        if (n >= kMinTexts) {
            index[name] = static_cast<uint32_t>(vocabulary.size());
            vocabulary.push_back(name);
        }
    const uint32_t rules_up = static_cast<uint32_t>(vocabulary.size()), rules_down = rules_up + 1;
    vocabulary.push_back("#rules+");
    vocabulary.push_back("#rules-");
    for (size_t t = 0; t < texts.size(); ++t) {
        auto& x = samples[t].x;
        for (const auto& name : texts[t]) {  // sorted: equal names are neighbours
            auto it = index.find(name);
            if (it == index.end()) continue;
            if (!x.empty() && x.back().first == it->second) x.back().second += 1;
            else x.emplace_back(it->second, 1.0f);
        }
        if (rule_parts[t].first > 0) x.emplace_back(rules_up, rule_parts[t].first);
        if (rule_parts[t].second > 0) x.emplace_back(rules_down, rule_parts[t].second);
    }
    std::fprintf(stderr, "train-sentiment: %zu texts, %zu sentences, %zu features\n", tweets, samples.size(), vocabulary.size());

    double best_lambda = kLambdas[0], best_loss = 1e300;
    for (double lambda : kLambdas) {
        const Weights m = train(samples, vocabulary.size(), lambda,
                                [&](const Sample& s) { return s.fold != 0 && s.fold != without; });
        double loss, accuracy, majority;
        evaluate(m, samples, [](const Sample& s) { return s.fold == 0; }, loss, accuracy, majority);
        // Accuracy by the most likely class, and with neutral only as the majority (the scorer's rule).
        std::fprintf(stderr, "  lambda %g: validation loss %.4f accuracy %.4f (neutral as the majority %.4f)\n", lambda,
                     loss, accuracy, majority);
        if (loss < best_loss) {
            best_loss = loss;
            best_lambda = lambda;
        }
    }
    const Weights m = train(samples, vocabulary.size(), best_lambda,
                            [&](const Sample& s) { return s.fold != without; });

    std::string body;
    size_t kept = 0;
    for (size_t f : {rules_up, rules_down})
        body += vocabulary[f] + "\t" + number(m.w[2 * f]) + "\t" + number(m.w[2 * f + 1]) + "\n";
    for (size_t f = 0; f < rules_up; ++f) {
        const std::string p = number(m.w[2 * f]), n = number(m.w[2 * f + 1]);
        if (p == "0.0000" && n == "0.0000") continue;
        body += vocabulary[f] + "\t" + p + "\t" + n + "\n";
        ++kept;
    }
    std::ofstream o(out, std::ios::binary);
    o << "# herald's learned sentiment layer: written by bench/train-sentiment, do not edit by hand.\n"
         "# Trained on the development part of the finance-news tweets (tfns-train.tsv, MIT licence:\n"
         "# see learned.LICENSE): "
      << tweets << " texts, " << kept << " features, L2 " << best_lambda << ".\n"
      << "# FEATURE<TAB>POSITIVE<TAB>NEGATIVE: logits against neutral (docs/sentiment.md).\n"
      << "#bias\t" << number(m.bias[0]) << "\t" << number(m.bias[1]) << "\n"
      << "#decision\t" << number(kDecision[0]) << "\t" << number(kDecision[1]) << "\n"
      << body;
    if (!o) {
        std::fprintf(stderr, "%s: cannot write the weights file\n", out.c_str());
        return 1;
    }
    std::fprintf(stderr, "train-sentiment: wrote %s (%zu features, L2 %g)\n", out.c_str(), kept, best_lambda);
    return 0;
}
