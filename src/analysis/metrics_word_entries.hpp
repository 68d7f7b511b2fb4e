#pragma once
// The metric extractor's fixed word table (metrics_words.cpp builds its lookups from it and from
// the kind catalogue): directions, bases, projections, clause ends, determiners, price words, and
// the words a figure asks about by their Role. Included by metrics_words.cpp only.
#include <string_view>

#include "herald/analysis/metrics.hpp"
#include "metrics_words.hpp"

namespace herald::analysis::words::entries {

struct Entry {
    std::string_view word;
    uint32_t flags = 0;
    MetricKind kind = MetricKind::revenue;
    Role role = Role::none;
};

using K = MetricKind;

inline constexpr Entry kEntries[] = {
    // Kind words and phrases come from the kind catalogue (metric_kinds.hpp); listed here are the
    // words that also play another part.
    {"annualized", kAnnualized, K::revenue},
    {"annualised", kAnnualized, K::revenue},
    {"a", kDeterminer | kStop, K::revenue},
    // direction
    {"up", kUp}, {"rose", kUp}, {"rise", kUp | kGrowthNoun}, {"rises", kUp}, {"rising", kUp}, {"grew", kUp},
    {"grow", kUp}, {"grows", kUp}, {"growing", kUp}, {"growth", kUp | kGrowthNoun}, {"increased", kUp},
    {"increase", kUp | kGrowthNoun}, {"increases", kUp}, {"increasing", kUp}, {"gained", kUp},
    {"gain", kUp | kGrowthNoun}, {"gains", kUp}, {"jumped", kUp}, {"jump", kUp | kGrowthNoun}, {"jumps", kUp},
    {"surged", kUp}, {"surge", kUp | kGrowthNoun}, {"surges", kUp}, {"climbed", kUp}, {"climbs", kUp},
    {"advanced", kUp}, {"soared", kUp}, {"higher", kUp}, {"improved", kUp}, {"improvement", kUp | kGrowthNoun},
    {"accelerated", kUp}, {"expanded", kUp}, {"expand", kUp}, {"expands", kUp}, {"shrink", kDown}, {"shrinks", kDown},
    {"boosted", kUp}, {"rebounded", kUp}, {"strengthened", kUp},
    {"raised", kUp}, {"lifted", kUp}, {"increasing", kUp}, {"raises", kUp}, {"raising", kUp}, {"lifts", kUp},
    {"boosts", kUp}, {"lifting", kUp}, {"boosting", kUp}, {"hiking", kUp}, {"hikes", kUp}, {"hiked", kUp}, {"risen", kUp}, {"grown", kUp}, {"soars", kUp}, {"climb", kUp},
    {"down", kDown}, {"fell", kDown}, {"fall", kDown | kGrowthNoun}, {"falls", kDown}, {"falling", kDown},
    {"declined", kDown}, {"decline", kDown | kGrowthNoun}, {"declines", kDown}, {"declining", kDown},
    {"decreased", kDown}, {"decrease", kDown | kGrowthNoun}, {"decreases", kDown}, {"dropped", kDown},
    {"drop", kDown | kGrowthNoun}, {"drops", kDown}, {"slipped", kDown}, {"slid", kDown}, {"slumped", kDown},
    {"plunged", kDown}, {"tumbled", kDown}, {"lower", kDown}, {"shrank", kDown}, {"contracted", kDown},
    {"eased", kDown}, {"sank", kDown}, {"weakened", kDown}, {"reduced", kDown},
    {"dipped", kDown}, {"lowered", kDown}, {"lowers", kDown}, {"lowering", kDown}, {"trims", kDown},
    {"trimmed", kDown}, {"contraction", kDown | kGrowthNoun}, {"fallen", kDown}, {"slips", kDown}, {"slides", kDown},
    {"dips", kDown}, {"plunges", kDown}, {"tumbles", kDown}, {"sinks", kDown},
    // base forms after a plural subject in headlines ("deliveries slip 3%", "sales slump 8%")
    {"slip", kDown}, {"slide", kDown}, {"dip", kDown}, {"plunge", kDown}, {"tumble", kDown}, {"sink", kDown},
    {"slump", kDown}, {"slumps", kDown}, {"sag", kDown}, {"sags", kDown}, {"soar", kUp}, {"rebound", kUp}, {"rebounds", kUp},
    {"flat", kFlat}, {"unchanged", kFlat}, {"stable", kFlat},
    {"narrowed", kNarrow}, {"narrowing", kNarrow}, {"widened", kWiden}, {"widening", kWiden},
    {"doubled", kDouble}, {"tripled", kTriple}, {"halved", kHalve},
    // basis
    {"yoy", kPeriodWord}, {"y/y", kPeriodWord}, {"y-o-y", kPeriodWord}, {"year-over-year", kPeriodWord},
    {"year-on-year", kPeriodWord}, {"sequentially", kSequential}, {"sequential", kSequential},
    {"q/q", kSequential}, {"qoq", kSequential}, {"quarter-over-quarter", kSequential},
    {"quarter-on-quarter", kSequential},
    // projections
    {"expects", kForecast}, {"expected", kForecast}, {"expect", kForecast}, {"expecting", kForecast},
    {"expectation", kForecast}, {"forecast", kForecast}, {"forecasts", kForecast}, {"forecasted", kForecast},
    {"projects", kForecast}, {"projected", kForecast}, {"projection", kForecast}, {"projections", kForecast},
    {"guides", kForecast}, {"guided", kForecast}, {"target", kForecast}, {"targets", kForecast},
    {"targeting", kForecast}, {"aims", kForecast}, {"aiming", kForecast}, {"plans", kForecast},
    {"sees", kForecast}, {"seen", kForecast}, {"plan", kForecast}, {"anticipates", kForecast}, {"anticipated", kForecast}, {"estimates", kForecast},
    {"could", kForecast}, {"would", kForecast}, {"will", kForecast}, {"should", kForecast},
    {"may", kForecast}, {"might", kForecast}, {"likely", kForecast}, {"predicts", kForecast},
    {"predicted", kForecast}, {"budgeted", kForecast}, {"intends", kForecast}, {"goal", kForecast},
    {"potential", kForecast}, {"consensus", kForecast}, {"forecasting", kForecast}, {"projecting", kForecast},
    {"targeted", kForecast}, {"guiding", kForecast}, {"anticipating", kForecast}, {"anticipate", kForecast},
    // clause boundaries
    {"while", kClause | kStop}, {"but", kClause | kStop}, {"despite", kClause | kStop},
    {"although", kClause | kStop}, {"though", kClause | kStop}, {"whereas", kClause | kStop},
    {"however", kClause | kStop},
    // comparisons with a yardstick ("topped the $2.05 consensus")
    {"beat", kComparator}, {"beats", kComparator}, {"beating", kComparator}, {"topped", kComparator},
    {"tops", kComparator}, {"missed", kComparator}, {"misses", kComparator}, {"exceeded", kComparator},
    {"exceeds", kComparator}, {"surpasses", kComparator}, {"above", kComparator}, {"below", kComparator},
    {"than", kComparator}, {"ahead", kComparator}, {"short", kComparator},
    {"topping", kComparator}, {"missing", kComparator}, {"surpassing", kComparator}, {"outpacing", kComparator},
    // headline present tense: "Q3 earnings of $7.8 billion top estimates"
    {"top", kComparator}, {"miss", kComparator}, {"exceed", kComparator}, {"surpass", kComparator},
    // earlier values
    {"from", kPriorCue | kStop}, {"versus", kPriorCue | kStop}, {"vs", kPriorCue | kStop},
    {"vs.", kPriorCue | kStop}, {"against", kPriorCue | kStop},
    // noun-phrase ends and determiners
    {"the", kStop | kDeterminer}, {"an", kStop | kDeterminer}, {"its", kStop | kDeterminer},
    {"their", kStop | kDeterminer}, {"his", kStop | kDeterminer}, {"her", kStop | kDeterminer},
    {"our", kStop | kDeterminer}, {"this", kStop | kDeterminer}, {"that", kStop | kDeterminer},
    {"these", kStop | kDeterminer}, {"those", kStop | kDeterminer}, {"and", kStop}, {"or", kStop},
    {"of", kStop | kShareCue}, {"in", kStop}, {"with", kStop}, {"for", kStop}, {"to", kStop},
    {"as", kStop}, {"by", kStop}, {"at", kStop}, {"on", kStop}, {"which", kStop}, {"has", kStop},
    {"have", kStop}, {"had", kStop}, {"is", kStop}, {"was", kStop}, {"are", kStop}, {"were", kStop},
    {"be", kStop}, {"been", kStop}, {"said", kStop}, {"reported", kStop}, {"posted", kStop},
    {"generated", kStop}, {"reached", kStop}, {"reach", kStop}, {"related", kStop}, {"also", kStop},
    {"surpassed", kStop | kComparator}, {"exceeding", kStop | kComparator}, {"totaled", kStop}, {"totalled", kStop}, {"amounted", kStop},
    {"plus", kStop}, {"excluding", kStop}, {"including", kStop}, {"before", kStop}, {"after", kStop},
    // price moves
    {"shares", kStock}, {"stock", kStock}, {"stocks", kStock}, {"share", kStock}, {"index", kStock},
    {"price", kStock}, {"prices", kStock}, {"valuation", kStock}, {"yield", kStock}, {"yields", kStock},
    {"stake", kStock}, {"tax", kStock}, {"rate", kStock}, {"rates", kStock}, {"inflation", kStock},
    // parts looked up when a figure asks (Role)
    {"vehicles", 0, K::revenue, Role::count_noun}, {"vehicle", 0, K::revenue, Role::count_noun},
    {"cars", 0, K::revenue, Role::count_noun}, {"units", 0, K::revenue, Role::count_noun},
    {"aircraft", 0, K::revenue, Role::count_noun}, {"jets", 0, K::revenue, Role::count_noun},
    {"planes", 0, K::revenue, Role::count_noun}, {"airplanes", 0, K::revenue, Role::count_noun},
    {"trucks", 0, K::revenue, Role::count_noun}, {"evs", 0, K::revenue, Role::count_noun},
    {"devices", 0, K::revenue, Role::count_noun}, {"smartphones", 0, K::revenue, Role::count_noun},
    {"handsets", 0, K::revenue, Role::count_noun}, {"phones", 0, K::revenue, Role::count_noun},
    {"iphones", 0, K::revenue, Role::count_noun}, {"customers", 0, K::subscribers, Role::count_noun},
    {"accounts", 0, K::subscribers, Role::count_noun}, {"households", 0, K::subscribers, Role::count_noun},
    {"consoles", 0, K::revenue, Role::count_noun}, {"connections", 0, K::subscribers, Role::count_noun},
    {"jobs", 0, K::revenue, Role::job_noun}, {"positions", 0, K::revenue, Role::job_noun},
    {"roles", 0, K::revenue, Role::job_noun}, {"employees", 0, K::revenue, Role::job_noun},
    {"workers", 0, K::revenue, Role::job_noun}, {"staff", 0, K::revenue, Role::job_noun},
    {"people", 0, K::revenue, Role::job_noun}, {"workforce", 0, K::revenue, Role::job_noun},
    {"headcount", 0, K::revenue, Role::job_noun}, {"staffers", 0, K::revenue, Role::job_noun},
    {"cut", kDown, K::revenue, Role::cut_verb}, {"cuts", kDown, K::revenue, Role::cut_verb},
    {"cutting", kDown, K::revenue, Role::cut_verb}, {"eliminate", 0, K::revenue, Role::cut_verb},
    {"eliminates", 0, K::revenue, Role::cut_verb}, {"eliminating", 0, K::revenue, Role::cut_verb},
    {"eliminated", 0, K::revenue, Role::cut_verb}, {"slash", kDown, K::revenue, Role::cut_verb},
    {"slashing", kDown, K::revenue, Role::cut_verb}, {"slashed", kDown, K::revenue, Role::cut_verb},
    {"slashes", kDown, K::revenue, Role::cut_verb},
    {"shed", 0, K::revenue, Role::cut_verb}, {"shedding", 0, K::revenue, Role::cut_verb},
    {"axe", 0, K::revenue, Role::cut_verb}, {"axing", 0, K::revenue, Role::cut_verb},
    {"lay", 0, K::revenue, Role::cut_verb}, {"laid", 0, K::revenue, Role::cut_verb},
    {"trim", kDown, K::revenue, Role::cut_verb}, {"trimming", kDown, K::revenue, Role::cut_verb},
    {"reduce", 0, K::revenue, Role::cut_verb}, {"reducing", 0, K::revenue, Role::cut_verb},
    {"analyst", 0, K::revenue, Role::analyst}, {"analysts", 0, K::revenue, Role::analyst},
    {"rating", 0, K::revenue, Role::analyst}, {"overweight", 0, K::revenue, Role::analyst},
    {"underweight", 0, K::revenue, Role::analyst}, {"outperform", 0, K::revenue, Role::analyst},
    {"underperform", 0, K::revenue, Role::analyst}, {"initiated", 0, K::revenue, Role::analyst},
    {"initiates", 0, K::revenue, Role::analyst}, {"upgraded", 0, K::revenue, Role::analyst},
    {"downgraded", 0, K::revenue, Role::analyst}, {"upgrades", 0, K::revenue, Role::analyst},
    {"downgrades", 0, K::revenue, Role::analyst}, {"coverage", 0, K::revenue, Role::analyst},
    {"reaffirmed", 0, K::revenue, Role::reaffirm}, {"reaffirms", 0, K::revenue, Role::reaffirm},
    {"reaffirming", 0, K::revenue, Role::reaffirm}, {"reiterated", 0, K::revenue, Role::reaffirm},
    {"reiterates", 0, K::revenue, Role::reaffirm}, {"reiterating", 0, K::revenue, Role::reaffirm},
    {"maintained", 0, K::revenue, Role::reaffirm}, {"maintains", 0, K::revenue, Role::reaffirm},
    {"affirmed", 0, K::revenue, Role::reaffirm}, {"affirms", 0, K::revenue, Role::reaffirm},
    {"confirmed", 0, K::revenue, Role::reaffirm}, {"confirms", 0, K::revenue, Role::reaffirm},
    {"held", 0, K::revenue, Role::reaffirm}, {"kept", 0, K::revenue, Role::reaffirm},
    {"still", 0, K::revenue, Role::reaffirm},  // "still expects an operating margin of 4% to 5%"
    {"continues", 0, K::revenue, Role::reaffirm}, {"repeated", 0, K::revenue, Role::reaffirm},  // "continues to expect"
    {"street", 0, K::revenue, Role::analyst}, {"analysts'", 0, K::revenue, Role::analyst},
    // a securities sale: its "orders" and "order book" are investors' demand for the securities
    {"bond", 0, K::revenue, Role::securities}, {"bonds", 0, K::revenue, Role::securities},
    {"notes", 0, K::revenue, Role::securities}, {"tranche", 0, K::revenue, Role::securities},
    {"tranches", 0, K::revenue, Role::securities}, {"debentures", 0, K::revenue, Role::securities},
    {"offering", 0, K::revenue, Role::securities}, {"ipo", 0, K::revenue, Role::securities},
    {"issuance", 0, K::revenue, Role::securities}, {"oversubscribed", 0, K::revenue, Role::securities},
    {"expected", 0, K::revenue, Role::yardstick}, {"estimated", 0, K::revenue, Role::yardstick},
    {"anticipated", 0, K::revenue, Role::yardstick}, {"predicted", 0, K::revenue, Role::yardstick},
    {"projected", 0, K::revenue, Role::yardstick}, {"forecast", 0, K::revenue, Role::yardstick},
    // investment pledges (metrics_pledges.cpp)
    {"invest", 0, K::revenue, Role::pledge}, {"invests", 0, K::revenue, Role::pledge},
    {"investing", 0, K::revenue, Role::pledge}, {"commit", 0, K::revenue, Role::pledge},
    {"commits", 0, K::revenue, Role::pledge}, {"committing", 0, K::revenue, Role::pledge},
    {"pledge", 0, K::revenue, Role::pledge}, {"pledges", 0, K::revenue, Role::pledge},
    {"pledged", 0, K::revenue, Role::pledge}, {"pledging", 0, K::revenue, Role::pledge},
    {"earmark", 0, K::revenue, Role::pledge}, {"earmarks", 0, K::revenue, Role::pledge},
    {"earmarked", 0, K::revenue, Role::pledge}, {"earmarking", 0, K::revenue, Role::pledge},
    {"pour", 0, K::revenue, Role::pledge}, {"pours", 0, K::revenue, Role::pledge},
    {"pouring", 0, K::revenue, Role::pledge}, {"spend", 0, K::revenue, Role::pledge},
    {"spends", 0, K::revenue, Role::pledge}, {"spending", 0, K::revenue, Role::pledge},
    {"invested", 0, K::revenue, Role::spent}, {"spent", 0, K::revenue, Role::spent},
    {"poured", 0, K::revenue, Role::spent}, {"cost", 0, K::revenue, Role::spent},
    {"costing", 0, K::revenue, Role::spent}, {"costs", 0, K::revenue, Role::spent},
    {"investment", 0, K::revenue, Role::investment}, {"investments", 0, K::revenue, Role::investment},
    {"plant", 0, K::revenue, Role::facility}, {"plants", 0, K::revenue, Role::facility},
    {"factory", 0, K::revenue, Role::facility}, {"factories", 0, K::revenue, Role::facility},
    {"facility", 0, K::revenue, Role::facility}, {"facilities", 0, K::revenue, Role::facility},
    {"fab", 0, K::revenue, Role::facility}, {"fabs", 0, K::revenue, Role::facility},
    {"campus", 0, K::revenue, Role::facility}, {"hub", 0, K::revenue, Role::facility},
    {"site", 0, K::revenue, Role::facility}, {"mill", 0, K::revenue, Role::facility},
    {"refinery", 0, K::revenue, Role::facility}, {"center", 0, K::revenue, Role::facility},
    {"centers", 0, K::revenue, Role::facility}, {"centre", 0, K::revenue, Role::facility},
    {"centres", 0, K::revenue, Role::facility}, {"gigafactory", 0, K::revenue, Role::facility},
    {"terminal", 0, K::revenue, Role::facility}, {"mine", 0, K::revenue, Role::facility},
    {"a", 0, K::revenue, Role::filler}, {"an", 0, K::revenue, Role::filler}, {"the", 0, K::revenue, Role::filler},
    {"additional", 0, K::revenue, Role::filler}, {"further", 0, K::revenue, Role::filler},
    {"another", 0, K::revenue, Role::filler}, {"extra", 0, K::revenue, Role::filler},
    {"about", 0, K::revenue, Role::filler}, {"around", 0, K::revenue, Role::filler},
    {"roughly", 0, K::revenue, Role::filler}, {"nearly", 0, K::revenue, Role::filler},
    {"almost", 0, K::revenue, Role::filler}, {"approximately", 0, K::revenue, Role::filler},
    {"some", 0, K::revenue, Role::filler}, {"over", 0, K::revenue, Role::filler},
    {"more", 0, K::revenue, Role::filler}, {"than", 0, K::revenue, Role::filler},
    {"up", 0, K::revenue, Role::filler}, {"to", 0, K::revenue, Role::filler}, {"at", 0, K::revenue, Role::filler},
    {"least", 0, K::revenue, Role::filler}, {"as", 0, K::revenue, Role::filler},
    {"much", 0, K::revenue, Role::filler}, {"total", 0, K::revenue, Role::filler},
    {"of", 0, K::revenue, Role::filler}, {"its", 0, K::revenue, Role::filler}, {"new", 0, K::revenue, Role::filler},
    {"fresh", 0, K::revenue, Role::filler}, {"there", 0, K::revenue, Role::filler},
    // products and units that own metrics
    {"chips", kProduct}, {"chip", kProduct}, {"silicon", kProduct}, {"processors", kProduct},
    {"accelerators", kProduct}, {"semiconductors", kProduct}, {"gpus", kProduct}, {"cpus", kProduct},
    {"business", kUnitNoun}, {"businesses", kUnitNoun}, {"segment", kUnitNoun}, {"unit", kUnitNoun},
    {"division", kUnitNoun}, {"segment's", kUnitNoun},
};

}  // namespace herald::analysis::words::entries
