#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "herald/analysis/quantities.hpp"
#include "../../../src/analysis/quantities_figure.hpp"

using namespace herald::analysis;

namespace {

std::vector<Quantity> extract(std::string_view text) {
    static Event e;
    static Document doc;
    e.clear();
    e.body = text;
    doc.build(e);
    std::vector<Quantity> out;
    QuantityExtractor().extract(doc, out);
    return out;
}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::fmax(1.0, std::fabs(b)); }

struct Expect {
    std::string_view input;
    double value;
    std::string_view unit;
    std::string_view text;  // the span's bytes
};

// One figure per line: value in base units, unit and the exact bytes of its span.
const Expect kSingle[] = {
    // dollars, written every way
    {"Amazon reported $37.6B in AWS revenue", 37.6e9, "USD", "$37.6B"},
    // Indian scale words and pence
    {"The bank set aside Rs 1,200 crore for bad loans.", 12e9, "INR", "Rs 1,200 crore"},
    {"The startup raised Rs 45 lakh from angels.", 4.5e6, "INR", "Rs 45 lakh"},
    {"The dividend was raised to 52p per share.", 0.52, "GBP", "52p"},
    {"revenue of $37.6 billion in the quarter", 37.6e9, "USD", "$37.6 billion"},
    {"sales reached US$4.7 billion last year", 4.7e9, "USD", "US$4.7 billion"},
    {"sales reached U.S.$4.7 billion last year", 4.7e9, "USD", "U.S.$4.7 billion"},
    {"net sales of USD 37.6bn were reported", 37.6e9, "USD", "USD 37.6bn"},
    {"capex of $44.2B in the quarter", 44.2e9, "USD", "$44.2B"},
    {"a $150 billion annualized run rate", 150e9, "USD", "$150 billion"},
    {"raised $500k in seed money", 500e3, "USD", "$500k"},
    {"market value of $1.2T today", 1.2e12, "USD", "$1.2T"},
    {"worth $1.2 trillion by then", 1.2e12, "USD", "$1.2 trillion"},
    {"paid $3,500 per unit", 3500, "USD", "$3,500"},
    {"EPS of $1.23 beat estimates", 1.23, "USD", "$1.23"},
    {"a $5 M grant", 5e6, "USD", "$5 M"},
    {"at $2.5 mln each", 2.5e6, "USD", "$2.5 mln"},
    {"priced at $12 mil.", 12e6, "USD", "$12 mil."},
    {"deal valued at 4.7 billion dollars", 4.7e9, "USD", "4.7 billion dollars"},
    {"deal valued at 4.7 billion U.S. dollars", 4.7e9, "USD", "4.7 billion U.S. dollars"},
    {"fined 300 million US dollars", 300e6, "USD", "300 million US dollars"},
    // other dollars
    {"revenue of C$1.2 billion", 1.2e9, "CAD", "C$1.2 billion"},
    {"revenue of A$850 million", 850e6, "AUD", "A$850 million"},
    {"revenue of HK$3.4 billion", 3.4e9, "HKD", "HK$3.4 billion"},
    {"revenue of S$90 million", 90e6, "SGD", "S$90 million"},
    {"revenue of NZ$45 million", 45e6, "NZD", "NZ$45 million"},
    {"a 2 billion Canadian dollar deal", 2e9, "CAD", "2 billion Canadian dollar"},
    {"raised 7 billion Hong Kong dollars", 7e9, "HKD", "7 billion Hong Kong dollars"},
    {"revenue of 90 million Australian dollars", 90e6, "AUD", "90 million Australian dollars"},
    // euros
    {"net sales of EUR 13.1 mn in the period", 13.1e6, "EUR", "EUR 13.1 mn"},
    {"operating profit rose to EUR1 .4 m last year", 1.4e6, "EUR", "EUR1 .4 m"},
    {"orders worth \xE2\x82\xAC" "580 million were booked", 580e6, "EUR", "\xE2\x82\xAC" "580 million"},
    {"The contract is worth EUR 115,000", 115000, "EUR", "EUR 115,000"},
    {"a grant of 884,000 euro was made", 884000, "EUR", "884,000 euro"},
    {"it cost 3.5 million euros", 3.5e6, "EUR", "3.5 million euros"},
    {"a price of 580 \xE2\x82\xAC per share", 580, "EUR", "580 \xE2\x82\xAC"},
    {"turnover of 100 EUR per head", 100, "EUR", "100 EUR"},
    {"sales of EUR 2.2 mln", 2.2e6, "EUR", "EUR 2.2 mln"},
    {"sales of EUR 2.2 mio", 2.2e6, "EUR", "EUR 2.2 mio"},
    {"paid 5 euro cents a share", 0.05, "EUR", "5 euro cents"},
    // pounds, yen, yuan, nordic, swiss and others
    {"pretax profit of \xC2\xA3" "3.5m", 3.5e6, "GBP", "\xC2\xA3" "3.5m"},
    {"a bid of 250 million pounds", 250e6, "GBP", "250 million pounds"},
    {"fined 12 million pounds sterling", 12e6, "GBP", "12 million pounds sterling"},
    {"revenue of GBP 45 mn", 45e6, "GBP", "GBP 45 mn"},
    {"operating income of \xC2\xA5" "120 billion", 120e9, "JPY", "\xC2\xA5" "120 billion"},
    {"sales of 120 billion yen", 120e9, "JPY", "120 billion yen"},
    {"a deal worth 3 billion yuan", 3e9, "CNY", "3 billion yuan"},
    {"revenue of RMB 3 billion", 3e9, "CNY", "RMB 3 billion"},
    {"sales of 2 billion renminbi", 2e9, "CNY", "2 billion renminbi"},
    {"net sales of SEK 1,173 mn", 1173e6, "SEK", "SEK 1,173 mn"},
    {"profit of 40 million Swedish kronor", 40e6, "SEK", "40 million Swedish kronor"},
    {"profit of 40 million kronor", 40e6, "SEK", "40 million kronor"},
    {"profit of 12 million Norwegian kroner", 12e6, "NOK", "12 million Norwegian kroner"},
    {"profit of 12 million Danish kroner", 12e6, "DKK", "12 million Danish kroner"},
    {"profit of NOK 80 mln", 80e6, "NOK", "NOK 80 mln"},
    {"profit of DKK 80 mln", 80e6, "DKK", "DKK 80 mln"},
    {"sales of 2.5 billion Swiss francs", 2.5e9, "CHF", "2.5 billion Swiss francs"},
    {"sales of 2.5 billion francs", 2.5e9, "CHF", "2.5 billion francs"},
    {"sales of CHF 2.5 billion", 2.5e9, "CHF", "CHF 2.5 billion"},
    {"sales of Rs 450 crore ago", 4.5e9, "INR", "Rs 450 crore"},  // a crore is ten million
    {"sales of \xE2\x82\xB9" "450 billion", 450e9, "INR", "\xE2\x82\xB9" "450 billion"},
    {"revenue of 3 trillion won", 3e12, "KRW", "3 trillion won"},
    {"a 40 billion rubles loan", 40e9, "RUB", "40 billion rubles"},
    {"sales of LTL 3.2 mn", 3.2e6, "LTL", "LTL 3.2 mn"},
    {"dividend of 5 cents a share", 0.05, "USD", "5 cents"},
    {"dividend of 12 pence a share", 0.12, "GBP", "12 pence"},
    // percentages and basis points
    {"revenue rose 28% year over year", 28, "%", "28%"},
    {"revenue rose 28 % year over year", 28, "%", "28 %"},
    {"sales grew 3.3-percent in May", 3.3, "%", "3.3-percent"},
    {"sales grew 28 per cent in May", 28, "%", "28 per cent"},
    {"sales grew 12 pct in May", 12, "%", "12 pct"},
    {"sales grew 12 percent in May", 12, "%", "12 percent"},
    {"margin widened 1.5 percentage points", 1.5, "%", "1.5 percentage points"},
    {"the bank cut rates by 50 bps", 50, "bp", "50 bps"},
    {"the bank cut rates by 50bp", 50, "bp", "50bp"},
    {"spreads widened 25 basis points", 25, "bp", "25 basis points"},
    {"a 75-basis-point hike", 75, "bp", "75-basis-point"},
    {"prices changed -0.2 % in March", -0.2, "%", "-0.2 %"},
    {"prices changed \xE2\x88\x92" "0.4% in March", -0.4, "%", "\xE2\x88\x92" "0.4%"},
    {"margin of 0.75%", 0.75, "%", "0.75%"},
    {"a 100% stake", 100, "%", "100%"},
    // negatives and losses
    {"a net loss of -$1.2 billion", -1.2e9, "USD", "-$1.2 billion"},
    {"an operating loss of EUR -0.3 mn", -0.3e6, "EUR", "EUR -0.3 mn"},
};

struct ExpectRange {
    std::string_view input;
    double low, high;
    std::string_view unit;
    std::string_view text;
};

const ExpectRange kRanges[] = {
    {"growth of 20-25 % is expected", 20, 25, "%", "20-25 %"},
    {"growth of 20-25% is expected", 20, 25, "%", "20-25%"},
    {"growth of 20%-25% is expected", 20, 25, "%", "20%-25%"},
    {"growth of 20 \xE2\x80\x93 25 percent", 20, 25, "%", "20 \xE2\x80\x93 25 percent"},
    {"revenue of $1.2-1.5 billion", 1.2e9, 1.5e9, "USD", "$1.2-1.5 billion"},
    {"revenue of $1.2-$1.5 billion", 1.2e9, 1.5e9, "USD", "$1.2-$1.5 billion"},
    {"revenue of $1.2bn-$1.5bn", 1.2e9, 1.5e9, "USD", "$1.2bn-$1.5bn"},
    {"revenue of EUR 10-12 mn", 10e6, 12e6, "EUR", "EUR 10-12 mn"},
    {"growth of 20 to 25 percent", 20, 25, "%", "20 to 25 percent"},
    {"capex of $1.2 to $1.5 billion", 1.2e9, 1.5e9, "USD", "$1.2 to $1.5 billion"},
    {"between 5 and 7 percent", 5, 7, "%", "5 and 7 percent"},
    {"cuts of 25-50 bps", 25, 50, "bp", "25-50 bps"},
};

struct ExpectQualifier {
    std::string_view input;
    Qualifier q;
    std::string_view text;
};

const ExpectQualifier kQualifiers[] = {
    {"with over $225 billion in commitments", Qualifier::over, "$225 billion"},
    {"commitments exceeding $225B", Qualifier::over, "$225B"},
    {"a newly announced $100B-plus commitment", Qualifier::over, "$100B-plus"},
    {"an $80B+ annual run rate", Qualifier::over, "$80B+"},
    {"more than $100 billion", Qualifier::over, "$100 billion"},
    {"at least 10%", Qualifier::over, "10%"},
    {"in excess of EUR 5 mn", Qualifier::over, "EUR 5 mn"},
    {"less than $1 million", Qualifier::under, "$1 million"},
    {"nearly 30% of sales", Qualifier::under, "30%"},
    {"up to EUR 20 mn", Qualifier::under, "EUR 20 mn"},
    {"about $3 billion", Qualifier::about, "$3 billion"},
    {"approximately 12 percent", Qualifier::about, "12 percent"},
    {"roughly \xC2\xA3" "2bn", Qualifier::about, "\xC2\xA3" "2bn"},
    {"around a $5 billion run rate", Qualifier::about, "$5 billion"},
    {"~$4B in cash", Qualifier::about, "$4B"},
    {"revenue of $4B in Q1", Qualifier::none, "$4B"},
    {"rose 5% over the year", Qualifier::none, "5%"},
};

// Texts with no money, percentage or basis-point figure.
const std::string_view kNone[] = {
    "Trainium2 sold out and Trainium3 oversubscribed ahead of 2026 deployments.",
    "its fastest growth in 15 quarters",
    "Over the next 3-6 months, the key tell is capex.",
    "capacity monetization for 2026-2027",
    "Q1 2026 results were released on 30 April 2026.",
    "The company has 4,500 employees in 12 countries.",
    "It sold 3 million shares.",
    "The 10-K filing came on Jan. 5.",
    "COVID-19 hurt demand in 2020",
    "3M and Boeing both reported.",
    "a 2-for-1 stock split",
    "the top 10 customers",
    "over 1-3 quarters",
    "rated 4.5 stars by 1,200 reviewers",
};

}  // namespace

TEST_CASE("single figures: value, unit and span") {
    for (const auto& c : kSingle) {
        CAPTURE(c.input);
        auto q = extract(c.input);
        CHECK(q.size() == 1);
        if (q.size() != 1) continue;
        CHECK(near(q[0].value, c.value));
        CHECK(q[0].unit.view() == c.unit);
        CHECK(q[0].text == c.text);
        CHECK(q[0].span.field == Field::body);
        CHECK(c.input.substr(q[0].span.begin, q[0].span.end - q[0].span.begin) == c.text);
        CHECK_FALSE(q[0].is_range);
    }
}

TEST_CASE("ranges carry low and high, value is the low end") {
    for (const auto& c : kRanges) {
        CAPTURE(c.input);
        auto q = extract(c.input);
        CHECK(q.size() == 1);
        if (q.size() != 1) continue;
        CHECK(q[0].is_range);
        CHECK(near(q[0].low, c.low));
        CHECK(near(q[0].high, c.high));
        CHECK(near(q[0].value, c.low));
        CHECK(q[0].unit.view() == c.unit);
        CHECK(q[0].text == c.text);
    }
}

TEST_CASE("qualifiers before and after the figure") {
    for (const auto& c : kQualifiers) {
        CAPTURE(c.input);
        auto q = extract(c.input);
        CHECK(q.size() == 1);
        if (q.size() != 1) continue;
        CHECK(q[0].qualifier == c.q);
        CHECK(q[0].text == c.text);
    }
}

// qualifier_before rules out a word before the figure by the length of its run of letters and
// its last letter: each phrase must still be read, in any case and after an article, and a word
// ending the same way but longer or shorter must not.
TEST_CASE("every qualifier phrase is read before a figure, in any case, and its look-alikes are not") {
    CHECK(qfigures::qualifier_phrases().size() >= 29);
    for (const qfigures::QualifierPhrase& c : qfigures::qualifier_phrases()) {
        std::string upper(c.w);
        for (char& ch : upper) ch = static_cast<char>(ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch);
        for (const std::string& p : {std::string(c.w), upper}) {
            CAPTURE(p);
            auto q = extract("Acme said " + p + " $5 billion was spent.");
            REQUIRE(q.size() == 1);
            CHECK(q[0].qualifier == c.q);
            q = extract("Acme said " + p + " a $5 billion plan.");
            REQUIRE(q.size() == 1);
            CHECK(q[0].qualifier == c.q);
            if (!(p.back() >= 'a' && p.back() <= 'z') && !(p.back() >= 'A' && p.back() <= 'Z')) continue;
            // One letter more or fewer at the start of the last word: no phrase.
            const size_t w = p.rfind(' ') == std::string::npos ? 0 : p.rfind(' ') + 1;
            std::string longer = p, shorter = p;
            longer.insert(w, "x");
            shorter.erase(w, 1);
            for (const std::string& other : {longer, shorter}) {
                CAPTURE(other);
                q = extract("Acme said " + other + " $5 billion was spent.");
                REQUIRE(q.size() == 1);
                CHECK(q[0].qualifier == Qualifier::none);
            }
        }
    }
}

TEST_CASE("dates, years, counts and names are not quantities") {
    for (auto t : kNone) {
        CAPTURE(t);
        CHECK(extract(t).empty());
    }
}

TEST_CASE("values are exact in base units") {
    auto q = extract("$37.6B and $0.1 billion and 0.3 million euros and 1,173.5 mn SEK");
    REQUIRE(q.size() == 4);
    CHECK(q[0].value == 37600000000.0);
    CHECK(q[1].value == 100000000.0);
    CHECK(q[2].value == 300000.0);
    CHECK(q[3].value == 1173500000.0);
}

TEST_CASE("a figure then its conversion: both found, in order") {
    auto q = extract("net sales of EUR 46 million ( USD 64.5 m ) in 2009");
    REQUIRE(q.size() == 2);
    CHECK(q[0].unit.view() == "EUR");
    CHECK(q[0].value == 46e6);
    CHECK(q[1].unit.view() == "USD");
    CHECK(q[1].value == 64.5e6);
    CHECK(q[1].text == "USD 64.5 m");
}

TEST_CASE("two currencies in one sentence keep their own units") {
    auto q = extract("sales of EUR 10 mn and a US$5 million grant");
    REQUIRE(q.size() == 2);
    CHECK(q[0].unit.view() == "EUR");
    CHECK(q[1].unit.view() == "USD");
}

TEST_CASE("a bare scaled figure takes the currency of the previous amount") {
    auto q = extract("Sales rose to EUR 12.5 million from 10.1 million.");
    REQUIRE(q.size() == 2);
    CHECK(q[1].unit.view() == "EUR");
    CHECK(q[1].value == 10.1e6);
    CHECK(q[1].text == "10.1 million");
    auto lone = extract("The market could reach 1.2 trillion by 2030.");
    CHECK(lone.empty());  // no currency anywhere: a count as much as an amount
    auto bln = extract("Sales were USD 40 bln, profit 37.6 bln.");
    REQUIRE(bln.size() == 2);
    CHECK(bln[1].value == 37.6e9);
    CHECK(bln[1].unit.view() == "USD");
}

TEST_CASE("bracketed figures in a table of amounts are negative") {
    auto q = extract("Operating result, EUR mn: EUR 2.1 in 2009 and (1.2) in 2008.");
    REQUIRE(q.size() == 2);
    CHECK(q[1].value == -1.2);
    CHECK(q[1].unit.view() == "EUR");
    CHECK(q[1].text == "(1.2)");
    auto scaled = extract("Net loss was EUR 3.4 mn compared with (1.2) a year earlier.");
    REQUIRE(scaled.size() == 2);
    CHECK(scaled[1].value == -1.2e6);
    CHECK(extract("as noted in (1.2) above").empty());
}

TEST_CASE("several figures in one sentence, in order, with exact spans") {
    std::string_view s =
        "Amazon reported $37.6B in AWS revenue, up 28% year over year, with $14.2B in operating income for Q1.";
    auto q = extract(s);
    REQUIRE(q.size() == 3);
    CHECK(q[0].text == "$37.6B");
    CHECK(q[0].span.begin == 16);
    CHECK(q[0].span.end == 22);
    CHECK(q[1].text == "28%");
    CHECK(q[1].unit.is_percent());
    CHECK(q[2].text == "$14.2B");
    CHECK(q[2].value == 14.2e9);
}

TEST_CASE("every field is scanned, in document order") {
    Event e;
    e.headline = "Sales up 5%";
    e.summary = "Sales of $2B";
    e.body = "Profit of EUR 3 mn";
    Document doc;
    doc.build(e);
    std::vector<Quantity> out;
    QuantityExtractor().extract(doc, out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].span.field == Field::headline);
    CHECK(out[1].span.field == Field::summary);
    CHECK(out[2].span.field == Field::body);
    CHECK(out[2].text == "EUR 3 mn");
}

TEST_CASE("extract appends and does not allocate once warmed up") {
    Event e;
    e.body = "Revenue of $37.6B, up 28%, and backlog of $364B.";
    Document doc;
    doc.build(e);
    std::vector<Quantity> out;
    QuantityExtractor x;
    x.extract(doc, out);
    auto cap = out.capacity();
    auto* data = out.data();
    out.clear();
    x.extract(doc, out);
    CHECK(out.size() == 3);
    CHECK(out.capacity() == cap);
    CHECK(out.data() == data);
}

// Issue 20 item 17: numbers read right, or not at all.
TEST_CASE("an exponent is the figure's scale; a negative or huge one is no amount") {
    auto q = extract("revenue of $1e9 and capex of $2.5E+6");
    REQUIRE(q.size() == 2);
    CHECK(near(q[0].value, 1e9));
    CHECK(q[0].text == "$1e9");
    CHECK(near(q[1].value, 2.5e6));
    CHECK(q[1].text == "$2.5E+6");
    CHECK(extract("costs of $5e-3 per unit").empty());
    CHECK(extract("a loss of $1e99").empty());
    CHECK(extract("a loss of $1e9x").empty());
}

TEST_CASE("Indian digit grouping is read whole, with lakh and crore") {
    auto q = extract("revenue of $5,00,000 and Rs 2,35,000 crore, profit \xE2\x82\xB9" "1,00,00,000 and Rs 12,34,56,789");
    REQUIRE(q.size() == 4);
    CHECK(near(q[0].value, 5e5));
    CHECK(q[0].text == "$5,00,000");
    CHECK(near(q[1].value, 2.35e12));
    CHECK(q[1].unit.view() == "INR");
    CHECK(q[1].text == "Rs 2,35,000 crore");
    CHECK(near(q[2].value, 1e7));
    CHECK(near(q[3].value, 123456789));
    // Western grouping is unchanged.
    auto w = extract("paid $1,234,567 and $12,345");
    REQUIRE(w.size() == 2);
    CHECK(near(w[0].value, 1234567));
    CHECK(near(w[1].value, 12345));
}

TEST_CASE("a number glued to letters that are no scale or unit is no amount") {
    CHECK(extract("revenue of $0x1F billion").empty());
    CHECK(extract("bought $258P puts and $310C calls").empty());
    CHECK(extract("a $5abc fee").empty());
    auto q = extract("raised $5mm, Rs 500 cr and $5bn; EPS 52p; margin 5pct");
    REQUIRE(q.size() == 5);
    CHECK(near(q[0].value, 5e6));
    CHECK(near(q[1].value, 5e9));
    CHECK(q[1].unit.view() == "INR");
    CHECK(near(q[2].value, 5e9));
    CHECK(near(q[3].value, 0.52));
    CHECK(near(q[4].value, 5));
}

// Issue 14 item 7: figures as they are written in news and releases.
namespace {

const Expect kWritten[] = {
    // letters with the dollar sign, before it (also spaced) or after it
    {"Revenue was C $1.2 billion in the quarter.", 1.2e9, "CAD", "C $1.2 billion"},
    {"Revenue was AU$850 million in the quarter.", 850e6, "AUD", "AU$850 million"},
    {"Revenue was $US4.7 billion in the quarter.", 4.7e9, "USD", "$US4.7 billion"},
    {"Revenue was $A850 million in the quarter.", 850e6, "AUD", "$A850 million"},
    {"Revenue was MXN$500 million in the quarter.", 500e6, "MXN", "MXN$500 million"},
    {"It raised a Series C $20 million round.", 20e6, "USD", "$20 million"},
    {"The Model 4C $20 million order shipped.", 20e6, "USD", "$20 million"},  // letters inside a word: no prefix
    // codes and words after (or around) the scale
    {"Net sales were 5 mln eur in 2009.", 5e6, "EUR", "5 mln eur"},
    {"Net sales were 75 USD million in 2009.", 75e6, "USD", "75 USD million"},
    {"Net sales were EURO 98 million in 2009.", 98e6, "EUR", "EURO 98 million"},
    {"Net sales were euro410 million in 2009.", 410e6, "EUR", "euro410 million"},
    {"Net sales were 12.5 MEUR in 2009.", 12.5e6, "EUR", "12.5 MEUR"},
    {"Net sales were MEUR 12.5 in 2009.", 12.5e6, "EUR", "MEUR 12.5"},
    {"Net sales were 30 MUSD in 2009.", 30e6, "USD", "30 MUSD"},
    {"Orders of TEUR 450 were booked.", 450e3, "EUR", "TEUR 450"},
    {"Net sales were 500 million skr in 2009.", 500e6, "SEK", "500 million skr"},
    {"Net sales were SKr 500 million in 2009.", 500e6, "SEK", "SKr 500 million"},
    {"Net sales were RM 50 million in 2009.", 50e6, "MYR", "RM 50 million"},
    {"Net sales were RM50 million in 2009.", 50e6, "MYR", "RM50 million"},
    {"Net sales were rmb 5 billion in 2009.", 5e9, "CNY", "rmb 5 billion"},
    {"Net sales were 5 billion rmb in 2009.", 5e9, "CNY", "5 billion rmb"},
    {"\xE8\x90\xA5\xE6\x94\xB6" "5\xE4\xBA\xBF\xE5\x85\x83", 5e8, "CNY", "5\xE4\xBA\xBF\xE5\x85\x83"},        // 营收5亿元
    {"Net sales were 3000\xE4\xB8\x87\xE5\x85\x83.", 3e7, "CNY", "3000\xE4\xB8\x87\xE5\x85\x83"},         // 3000万元
    {"A deal of 2\xE4\xBA\xBF\xE7\xBE\x8E\xE5\x85\x83.", 2e8, "USD", "2\xE4\xBA\xBF\xE7\xBE\x8E\xE5\x85\x83"},  // 2亿美元
    {"It paid 5,000\xE5\x85\x83 for it.", 5000, "CNY", "5,000\xE5\x85\x83"},
    // decimal comma and split thousands in tokenized text
    {"Net sales were EUR 12,4 mn in 2009.", 12.4e6, "EUR", "EUR 12,4 mn"},
    {"Operating profit EUR 0,4 mn", 0.4e6, "EUR", "EUR 0,4 mn"},
    {"The margin was 5,25 % in 2009.", 5.25, "%", "5,25 %"},
    {"Net sales were EUR512 ,000 in 2009.", 512000, "EUR", "EUR512 ,000"},
    // pc for percent
    {"Revenue rose 5 pc to a record.", 5, "%", "5 pc"},
    // number words
    {"Net sales were five billion dollars in 2009.", 5e9, "USD", "five billion dollars"},
    {"The company paid half a million dollars in fines.", 0.5e6, "USD", "half a million dollars"},
    {"The deal is worth a billion dollars.", 1e9, "USD", "a billion dollars"},
    {"The deal is worth one and a half billion euros.", 1.5e9, "EUR", "one and a half billion euros"},
    {"Twenty-five million dollars were raised.", 25e6, "USD", "Twenty-five million dollars"},
    {"It paid two hundred million pounds.", 200e6, "GBP", "two hundred million pounds"},
    {"It cost five hundred dollars.", 500, "USD", "five hundred dollars"},
    {"Revenue rose five percent in May.", 5, "%", "five percent"},
    {"Revenue rose ten per cent in May.", 10, "%", "ten per cent"},
    {"The margin widened two percentage points.", 2, "%", "two percentage points"},
    {"The deal is worth about a billion dollars.", 1e9, "USD", "a billion dollars"},
    // "pounds of" after a scale word is money
    {"It refinanced 2 billion pounds of debt.", 2e9, "GBP", "2 billion pounds"},
};

const std::string_view kWrittenNone[] = {
    "The company sold 10 pounds of coffee.",
    "Five billion people use it.",
    "One of the two companies said it hired a million workers.",
    "It hired five hundred workers in twenty-five towns.",
    "The 5 PC makers and 12 PCs.",
};

}  // namespace

TEST_CASE("figures as written in news: currency letters, codes after the scale, decimal commas, words") {
    for (const auto& c : kWritten) {
        CAPTURE(c.input);
        auto q = extract(c.input);
        CHECK(q.size() == 1);
        if (q.size() != 1) continue;
        CHECK(near(q[0].value, c.value));
        CHECK(q[0].unit.view() == c.unit);
        CHECK(q[0].text == c.text);
        CHECK(c.input.substr(q[0].span.begin, q[0].span.end - q[0].span.begin) == c.text);
    }
    for (auto t : kWrittenNone) {
        CAPTURE(t);
        CHECK(extract(t).empty());
    }
}

TEST_CASE("number words keep their qualifier and their place among digit figures") {
    auto q = extract("Revenue of $2 billion, about five billion dollars less than 3 million euros.");
    REQUIRE(q.size() == 3);
    CHECK(q[0].text == "$2 billion");
    CHECK(q[1].text == "five billion dollars");
    CHECK(q[1].qualifier == Qualifier::about);
    CHECK(q[2].text == "3 million euros");
}

TEST_CASE("a scale after a bracket applies to the figure before it and the bracketed one") {
    auto q = extract("Net sales were EUR 44.1 ( 39.2 ) million in 2009.");
    REQUIRE(q.size() == 2);
    CHECK(near(q[0].value, 44.1e6));
    CHECK(q[0].unit.view() == "EUR");
    CHECK(near(q[1].value, 39.2e6));
    CHECK(q[1].unit.view() == "EUR");
}

TEST_CASE("a bracketed conversion or comparison is never a negative amount") {
    auto q = extract("Sales were \xC2\xA3" "50 ($64) per unit.");
    REQUIRE(q.size() == 2);
    CHECK(q[1].unit.view() == "USD");
    CHECK(near(q[1].value, 64));
    auto nordic = extract("Net sales were EUR 44.1 mn ( 39.2 ) in 2009.");
    REQUIRE(nordic.size() == 2);
    CHECK(near(nordic[1].value, 39.2e6));
    CHECK(nordic[1].unit.view() == "EUR");
    auto pct = extract("The margin was 5.2 % ( 4.9 % ).");
    REQUIRE(pct.size() == 2);
    CHECK(near(pct[1].value, 4.9));
    // A footnote mark after an amount is no figure; a bracketed figure elsewhere is still negative.
    CHECK(extract("Sales were $5 billion (2) in the year.").size() == 1);
    // A decimal comma alone in brackets: the year-earlier figure, in the unit and scale before it.
    auto comma = extract("Operating profit was EUR 48,6 million (41,2).");
    REQUIRE(comma.size() == 2);
    CHECK(near(comma[1].value, 41.2e6));
    auto thousands = extract("EBITDA was SEK 2,134 million (1,876).");
    REQUIRE(thousands.size() == 2);
    CHECK(near(thousands[1].value, 1876e6));
    auto table = extract("Operating result, EUR mn: EUR 2.1 in 2009 and (1.2) in 2008.");
    REQUIRE(table.size() == 2);
    CHECK(table[1].value == -1.2);
}

TEST_CASE("a currency is inherited only along a chain of the same currency, within the sentence") {
    auto q = extract("Sales were EUR 46 million ( USD 64.5 m ) and profit 3 million.");
    REQUIRE(q.size() == 3);
    CHECK(q[1].unit.view() == "USD");
    CHECK(q[2].unit.view() == "EUR");  // the conversion does not start a chain
    auto other = extract("Sales were $5 million. Nokia sold 3 million phones.");
    REQUIRE(other.size() == 1);
    auto chain = extract("Sales rose to EUR 12.5 million from 10.1 million and 9.8 million.");
    REQUIRE(chain.size() == 3);
    CHECK(chain[2].unit.view() == "EUR");
}

TEST_CASE("pounds of a commodity are a weight, not money") {
    auto q = extract("The company sold 10 pounds of coffee for $5.");
    REQUIRE(q.size() == 1);
    CHECK(q[0].unit.view() == "USD");
}

// Issue 20: figure-dense text is read up to kMaxFigures figures per event.
TEST_CASE("figures stop at kMaxFigures per event, and the extractor says so") {
    std::string text;
    for (size_t i = 0; i < QuantityExtractor::kMaxFigures + 100; ++i) text += "$5B and five percent ";
    Event e;
    e.body = text;
    Document doc;
    doc.build(e);
    std::vector<Quantity> out;
    QuantityExtractor x;
    x.extract(doc, out);
    CHECK(x.capped());
    CHECK(out.size() == QuantityExtractor::kMaxFigures);
    CHECK(out.back().text == "five percent");  // word and digit figures alternate, in order
    e.body = "Revenue of $5B.";
    doc.build(e);
    out.clear();
    x.extract(doc, out);
    CHECK_FALSE(x.capped());
    CHECK(out.size() == 1);
}

TEST_CASE("a bare year before 'to' and an amount starts no range") {
    auto q = extract("Sony raised its forecast for the year ending March 2027 to ¥1.43 trillion from ¥1.33 trillion.");
    REQUIRE(q.size() == 2);
    CHECK_FALSE(q[0].is_range);
    CHECK(near(q[0].value, 1.43e12));
    CHECK(q[0].text == "¥1.43 trillion");
    // a range of counts written bare still is one
    auto r = extract("The company expects revenue of 1,200 to $1,500 million in 2027.");
    REQUIRE_FALSE(r.empty());
    CHECK(r[0].is_range);
}

TEST_CASE("every scale and percent word ends a figure written in words: the tokenizer's filter passes each") {
    // The filter (qwords::kBloom) is read for every word: a trigger word missing from it would
    // lose every figure that word ends.
    const struct {
        std::string_view input;
        double value;
        std::string_view unit;
    } cases[] = {
        {"It paid five hundred dollars.", 500, "USD"},          {"It paid five thousand dollars.", 5e3, "USD"},
        {"It paid five million dollars.", 5e6, "USD"},          {"It paid five billion dollars.", 5e9, "USD"},
        {"It paid five trillion dollars.", 5e12, "USD"},        {"Sales rose five percent.", 5, "%"},
        {"Sales rose five per cent.", 5, "%"},                  {"Sales rose five pct.", 5, "%"},
        {"The margin widened five percentage points.", 5, "%"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.input);
        auto q = extract(c.input);
        REQUIRE(q.size() == 1);
        CHECK(near(q[0].value, c.value));
        CHECK(q[0].unit.view() == c.unit);
    }
}
