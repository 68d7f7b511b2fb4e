#pragma once
// Money, percentage and basis-point figures, normalized to base units.
//
//   herald::analysis::QuantityExtractor q;
//   std::vector<Quantity> out;
//   q.extract(doc, out);   // "$37.6B" -> {37.6e9, "USD", span}
#include <vector>

#include "herald/analysis/analysis.hpp"
#include "herald/analysis/document.hpp"

namespace herald::analysis {

class QuantityExtractor {
public:
    // At most this many figures per event: news holds tens, a long release a few hundred. Text
    // dense with figures beyond it is not read further (capped() says so), which bounds the cost
    // of the metric passes and of the output per event (issue 20: <= 50 ms of CPU per MB).
    static constexpr size_t kMaxFigures = 2048;

    // Appends every quantity of every field, in document order, up to kMaxFigures.
    void extract(const Document& doc, std::vector<Quantity>& out);
    // True when the last extract() stopped at kMaxFigures.
    bool capped() const { return capped_; }

private:
    bool capped_ = false;
};

}  // namespace herald::analysis
