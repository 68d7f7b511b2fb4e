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
    // Appends every quantity of every field, in document order.
    void extract(const Document& doc, std::vector<Quantity>& out);
};

}  // namespace herald::analysis
