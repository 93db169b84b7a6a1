//===- JSON.h - JSON of the C API -------------------------------*- C++ -*-===//

#ifndef SNN_LIB_CAPI_JSON_H
#define SNN_LIB_CAPI_JSON_H

#include "llvm/Support/JSON.h"

#include <cmath>

namespace mlir::snn::capi {

/// A real as a JSON number, or as the text Python's float() reads where a
/// JSON number cannot carry it exactly (infinities, NaN, negative zero).
inline llvm::json::Value jsonReal(double value) {
  if (std::isfinite(value) && !(value == 0 && std::signbit(value)))
    return value;
  if (std::isnan(value))
    return "nan";
  return std::isinf(value) ? (value > 0 ? "inf" : "-inf") : "-0.0";
}

} // namespace mlir::snn::capi

#endif // SNN_LIB_CAPI_JSON_H
