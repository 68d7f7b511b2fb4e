// Novelty (issue 16 item 3): story sketches, the near-duplicate test, and the per-company tracker
// in event time (first report 100, copies decay, horizon, redelivery, late events, bounded state).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "herald/analysis/analyzer.hpp"
#include "herald/analysis/novelty.hpp"

using namespace herald::analysis;

namespace {

StorySketch sketch_of(const std::string& headline, const std::string& summary) {
    static Analyzer analyzer(Resources::builtin());
    Event e;
    e.id = "t";
    e.headline = headline;
    e.summary = summary;
    Analysis a;
    analyzer.analyze(e, a);
    return a.story;
}

constexpr int64_t kHour = 3600 * 1000LL;

const StorySketch& cut_a() {
    static StorySketch s = sketch_of(
        "Nike cuts full-year revenue outlook as China sales slump",
        "Nike lowered its fiscal 2026 revenue forecast to a decline of 4% to 6%, citing weaker demand in "
        "Greater China and higher tariffs. Chief executive Elliott Hill said the turnaround will take longer.");
    return s;
}
const StorySketch& cut_b() {  // the same story from another outlet: reworded, with boilerplate
    static StorySketch s = sketch_of(
        "UPDATE 2-Nike slashes annual sales forecast on China weakness, tariffs",
        "Nike on Thursday lowered its fiscal 2026 revenue forecast, now expecting a decline of 4% to 6%, "
        "blaming weaker demand in Greater China and higher tariffs. CEO Elliott Hill said the turnaround "
        "would take longer than hoped. (Reporting by Jane Doe; Editing by John Roe)");
    return s;
}
const StorySketch& other() {  // another story about the same company
    static StorySketch s = sketch_of(
        "Nike names new chief marketing officer from Adidas",
        "Nike appointed Nicole Graham, a former Adidas brand executive, as chief marketing officer, "
        "effective next month, as the sportswear maker revamps its advertising.");
    return s;
}

}  // namespace

TEST_CASE("a sketch holds a short story whole and compares equal to itself") {
    const StorySketch& a = cut_a();
    CHECK(a.count > 10);
    CHECK(a.count < StorySketch::kSize);
    CHECK(a.features == a.count);
    StorySimilarity s = compare_stories(a, a);
    CHECK(s.jaccard == 1.0);
    CHECK(s.overlap == 1.0);
}

TEST_CASE("a syndicated rewrite is the same story; another story about the company is not") {
    StorySimilarity same = compare_stories(cut_a(), cut_b());
    INFO("jaccard " << same.jaccard << " overlap " << same.overlap);
    CHECK(same_story(same));
    StorySimilarity diff = compare_stories(cut_a(), other());
    INFO("jaccard " << diff.jaccard << " overlap " << diff.overlap);
    CHECK_FALSE(same_story(diff));
    CHECK(diff.jaccard < 0.15);
}

TEST_CASE("a long story's sketch keeps the k smallest hashes and estimates its size") {
    std::string summary;
    for (int i = 0; i < 200; ++i) summary.append("word").append(std::to_string(i)).append(" ");
    StorySketch s = sketch_of("", summary);
    CHECK(s.count == StorySketch::kSize);
    for (uint32_t i = 1; i < s.count; ++i) CHECK(s.mins[i - 1] < s.mins[i]);
    // 64 content words are read (the lead): the estimate is near that.
    CHECK(s.features > 40);
    CHECK(s.features < 110);
    CHECK(compare_stories(s, s).jaccard == 1.0);
}

TEST_CASE("a sketch does not depend on the order of its words, and repeats count once") {
    // Bucket order plus insertion sort (novelty.cpp keep_smallest): every permutation and every
    // repeat must give std::sort's distinct ascending hashes.
    std::vector<std::string> words;
    for (int i = 0; i < 40; ++i) words.push_back("term" + std::to_string(i * 7919 % 1000));
    uint32_t seed = 7;
    for (int round = 0; round < 50; ++round) {
        std::vector<std::string> a = words, b;
        for (size_t i = a.size(); i > 1; --i) {  // a deterministic shuffle
            seed = seed * 1103515245u + 12345u;
            std::swap(a[i - 1], a[(seed >> 8) % i]);
        }
        for (size_t i = 0; i < a.size(); ++i) b.push_back(a[i % 25]);  // 25 distinct, repeated
        std::string ta, tb, tr;
        for (const auto& w : a) ta += w + " ";
        for (const auto& w : b) tb += w + " ";
        for (auto it = a.rbegin(); it != a.rend(); ++it) tr += *it + " ";
        StorySketch sa = sketch_of("", ta), sr = sketch_of("", tr), sb = sketch_of("", tb);
        REQUIRE(sa.count == StorySketch::kSize);
        CHECK(std::equal(sa.mins, sa.mins + sa.count, sr.mins, sr.mins + sr.count));
        CHECK(sb.count == 25);
        CHECK(sb.features == 25);
        for (uint32_t i = 1; i < sa.count; ++i) CHECK(sa.mins[i - 1] < sa.mins[i]);
        for (uint32_t i = 1; i < sb.count; ++i) CHECK(sb.mins[i - 1] < sb.mins[i]);
        // The repeated story's hashes are the full one's words a[0..24]: each is in the full sketch
        // when it is below the full sketch's largest.
        for (uint32_t i = 0; i < sb.count; ++i)
            if (sb.mins[i] <= sa.mins[sa.count - 1]) CHECK(std::binary_search(sa.mins, sa.mins + sa.count, sb.mins[i]));
    }
}

TEST_CASE("the tracker: first report 100, copies decay and point at the first story") {
    NoveltyTracker t(24 * kHour);
    auto r1 = t.observe("NKE", cut_a(), "reuters-1", 10 * kHour);
    CHECK(r1.novelty == 100);
    CHECK(r1.duplicate_of.empty());
    auto r2 = t.observe("nke", cut_b(), "bloomberg-7", 11 * kHour);  // keys ignore ASCII case
    CHECK(r2.novelty == 75);
    CHECK(r2.copies == 1);
    CHECK(r2.duplicate_of == "reuters-1");
    auto r3 = t.observe("NKE", cut_b(), "cnbc-3", 12 * kHour);
    CHECK(r3.novelty == 56);
    CHECK(r3.duplicate_of == "reuters-1");
    // Another story about Nike, and the same story for another company, are new.
    CHECK(t.observe("NKE", other(), "reuters-2", 12 * kHour).novelty == 100);
    CHECK(t.observe("ADDYY", cut_a(), "reuters-1", 12 * kHour).novelty == 100);
}

TEST_CASE("the tracker works in event time: horizon, late events, redelivery") {
    NoveltyTracker t(24 * kHour);
    CHECK(t.observe("NKE", cut_a(), "a", 10 * kHour).novelty == 100);
    // Past the horizon the story is news again.
    CHECK(t.observe("NKE", cut_b(), "b", 35 * kHour).novelty == 100);
    // A late copy dated before every copy held has no earlier report: it is the first.
    NoveltyTracker late(24 * kHour);
    CHECK(late.observe("NKE", cut_b(), "b", 12 * kHour).novelty == 100);
    auto r = late.observe("NKE", cut_a(), "a", 11 * kHour);
    CHECK(r.novelty == 100);
    // ... and a copy after both sees two.
    CHECK(late.observe("NKE", cut_b(), "c", 13 * kHour).copies == 2);
    // A redelivered event (same id) scores as it did and is not stored twice.
    auto again = late.observe("NKE", cut_b(), "c", 13 * kHour);
    CHECK(again.copies == 2);
    CHECK(late.observe("NKE", cut_b(), "d", 14 * kHour).copies == 3);
}

TEST_CASE("duplicate_of depends only on the stories within the horizon") {
    // A chain of copies each within the horizon of the previous one: the last copy points at the
    // earliest copy it can see, so a partition rebuilt from the horizon's events says the same.
    NoveltyTracker full(2 * kHour), rebuilt(2 * kHour);
    full.observe("NKE", cut_a(), "a", 0);
    full.observe("NKE", cut_b(), "b", 1 * kHour);
    rebuilt.observe("NKE", cut_b(), "b", 1 * kHour);  // the rebuild re-read starts after "a"
    auto r = full.observe("NKE", cut_b(), "c", 150 * 60 * 1000LL);
    auto q = rebuilt.observe("NKE", cut_b(), "c", 150 * 60 * 1000LL);
    CHECK(r.duplicate_of == "b");
    CHECK(q.duplicate_of == "b");
    CHECK(r.novelty == q.novelty);
}

TEST_CASE("the tracker's state per company is bounded and swept after the horizon") {
    NoveltyTracker t(24 * kHour);
    t.observe("NKE", cut_a(), "first", 0);
    size_t one_key = t.state_bytes();
    for (int i = 0; i < 1000; ++i) {
        std::string id("s");
        id.append(std::to_string(i));
        std::string headline("Nike story number ");
        headline.append(std::to_string(i));
        t.observe("NKE", sketch_of(headline, std::string("Distinct words ").append(id)), id, i * 1000LL);
    }
    CHECK(t.key_count() == 1);
    CHECK(t.state_bytes() == one_key);
    CHECK(NoveltyTracker::bytes_per_key() < 4096);
    // The 16 newest are held: the first story fell out, so its copy is new.
    CHECK(t.observe("NKE", cut_b(), "late-copy", 1000 * 1000LL).novelty == 100);
    t.sweep(1000 * 1000LL + 25 * kHour);
    CHECK(t.key_count() == 0);
}

// What the tracker counts as a copy is exactly same_story: a filter or shortcut added to observe()
// to skip comparisons must not change it (a 256-bit filter of the hashes did: shared hashes can
// share a bit).
TEST_CASE("the tracker agrees with same_story on random pairs of sketches") {
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    auto next = [&] {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        return static_cast<uint32_t>(x);
    };
    auto make = [&](const std::vector<uint32_t>& shared, int own, StorySketch& s) {
        std::vector<uint32_t> h(shared);
        for (int i = 0; i < own; ++i) h.push_back(next());
        std::sort(h.begin(), h.end());
        h.erase(std::unique(h.begin(), h.end()), h.end());
        s = StorySketch{};
        s.features = static_cast<uint16_t>(h.size());
        s.count = static_cast<uint8_t>(std::min<size_t>(h.size(), StorySketch::kSize));
        std::copy(h.begin(), h.begin() + s.count, s.mins);
    };
    int agreed = 0, copies = 0;
    for (int round = 0; round < 2000; ++round) {
        std::vector<uint32_t> shared;
        const int n_shared = static_cast<int>(next() % 24);
        for (int i = 0; i < n_shared; ++i) shared.push_back(next());
        StorySketch a, b;
        make(shared, static_cast<int>(next() % 40), a);
        make(shared, static_cast<int>(next() % 40), b);
        NoveltyTracker t(kHour);
        t.observe("K", a, "a", 0);
        const bool said = t.observe("K", b, "b", 1).novelty < 100;
        const bool expected = same_story(compare_stories(b, a));
        agreed += said == expected;
        copies += expected;
    }
    CHECK(agreed == 2000);
    CHECK(copies > 100);  // the pairs include copies, not only strangers
}
