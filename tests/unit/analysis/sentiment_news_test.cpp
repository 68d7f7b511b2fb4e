// News sentences (issue 15, session 17): prior states, comparisons with an earlier period, word
// senses, profile text and business events, each cause with the counter-examples that must keep
// their reading. Sentences are written for herald (data/eval/news-sentences.tsv is scored the same way).
#include <doctest/doctest.h>

#include "sentiment_support.hpp"

using namespace herald::analysis;
using testing::check_signs;

TEST_CASE("a profit compared with a prior loss rose from below zero, and the loss is no news of its own") {
    check_signs(Lexicon::rules_only(), {
        // Before: the figures read as a fall (0.8 < 2.4) and the loss counted on its own (-0.47).
        {"Profit before taxes amounted to EUR 0.8 mn , compared with a loss of EUR 2.4 mn .", +1},
        {"Operating profit totalled EUR 3.1 mn against an operating loss of EUR 0.9 mn a year earlier .", +1},
        {"Net loss was EUR 1.2 mn , compared with a net profit of EUR 0.5 mn in 2009 .", -1},
        // Figures of the same kind compare as before.
        {"Operating profit was EUR 3.1 mn compared with EUR 4.0 mn .", -1},
        {"Net loss was EUR 3.1 mn compared with a loss of EUR 2.0 mn .", -1},
        {"Net loss was EUR 1.1 mn compared with a loss of EUR 2.0 mn .", +1},
    });
}
