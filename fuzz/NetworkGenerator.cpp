//===- NetworkGenerator.cpp - Random snn modules from fuzz bytes -----------===//
//
// The rules the choices follow are those of the verifiers
// (lib/Dialect/SNN/IR/*Ops.cpp, VerifyUtils.cpp, NeuronModel.cpp); the
// Python generator python/snn_mlir/testing/random_net.py follows the same ones.
//
//===----------------------------------------------------------------------===//

#include "NetworkGenerator.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <numeric>

using namespace snnfuzz;

namespace {

/// An activation: the SSA name, its per-step shape and element type.
struct Act {
  std::string name;
  std::vector<int64_t> step;
  std::string elt;
};

/// One op line, rendered at the end so that schedules can be added.
struct OpLine {
  std::string results, op, operands, tail;
  std::vector<std::string> attrs;
  std::string signature, loc;
  bool isLayer = true;
  bool inCycle = false;
};

bool isFloat(const std::string &elt) { return elt == "f32" || elt == "f64"; }
bool isInt(const std::string &elt) { return !isFloat(elt); }
int64_t width(const std::string &elt) { return std::stoll(elt.substr(1)); }
int64_t magnitudeBits(const std::string &elt) { return elt == "i1" ? 0 : width(elt) - 1; }

/// The number of elements, saturated at INT64_MAX (chaos shapes are huge).
int64_t product(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    if (__builtin_mul_overflow(n, d, &n))
      return std::numeric_limits<int64_t>::max();
  return n;
}

std::string dims(const std::vector<int64_t> &shape) {
  std::string text;
  for (int64_t d : shape)
    text += std::to_string(d) + "x";
  return text;
}

std::string tensorType(const std::vector<int64_t> &shape, const std::string &elt) {
  return "tensor<" + dims(shape) + elt + ">";
}

/// A real in MLIR's float literal syntax (always with a '.'; NaN and
/// infinities as the hexadecimal bits of an f64).
std::string real(double v) {
  if (std::isnan(v))
    return "0x7FF8000000000000";
  if (std::isinf(v))
    return v > 0 ? "0x7FF0000000000000" : "0xFFF0000000000000";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.17g", v);
  std::string text = buffer;
  if (text.find_first_of(".") == std::string::npos) {
    size_t e = text.find_first_of("eE");
    text.insert(e == std::string::npos ? text.size() : e, ".0");
  }
  return text;
}

class Generator {
public:
  Generator(ByteReader &in, const GeneratorOptions &options) : in(in), options(options) {}

  std::string run() {
    timeSteps = dim(1, 6);
    Act x = newInput();
    int numOps = in.range(1, options.maxOps);
    for (int i = 0; i < numOps; ++i) {
      // Now and then continue from an earlier value (a branch).
      if (values.size() > 1 && in.chance(15))
        x = values[in.range(0, values.size() - 1)];
      x = next(x);
      values.push_back(x);
    }
    std::vector<Act> results{x};
    if (values.size() > 1 && in.chance(20))
      results.push_back(values[in.range(0, values.size() - 2)]);
    if (in.chance(25))
      results.push_back(loop(values[in.range(0, values.size() - 1)]));
    schedule();
    return render(results);
  }

private:
  ByteReader &in;
  const GeneratorOptions &options;
  int64_t timeSteps = 1;
  std::vector<std::string> args;
  std::vector<OpLine> lines;
  std::vector<Act> values;
  unsigned counter = 0;
  std::string cycleResult;  // the value an snn.cycle yields, if any

  std::string fresh(const char *hint) { return std::string(hint) + std::to_string(counter++); }

  bool chaos(unsigned percent = 4) { return options.chaos && in.chance(percent); }

  /// An extreme integer for an attribute or a dimension.
  int64_t extremeInt() {
    static const int64_t values[] = {0,
                                     -1,
                                     -2,
                                     1,
                                     63,
                                     64,
                                     65536,
                                     int64_t(1) << 31,
                                     int64_t(1) << 32,
                                     int64_t(1) << 40,
                                     int64_t(1) << 62,
                                     std::numeric_limits<int64_t>::max(),
                                     std::numeric_limits<int64_t>::min()};
    return in.pick(values);
  }
  double extremeReal() {
    static const double values[] = {std::nan(""),
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    0.0,
                                    -0.0,
                                    -1.0,
                                    1e308,
                                    -1e308,
                                    4.9e-324,
                                    16384.0,
                                    2147483648.0,
                                    9.3e18};
    return in.pick(values);
  }

  /// A dimension in [lo, hi]; with chaos sometimes 0 or huge.
  int64_t dim(int64_t lo, int64_t hi) {
    if (chaos(2)) {
      static const int64_t odd[] = {0, int64_t(1) << 20, int64_t(1) << 31,
                                    int64_t(1) << 40, int64_t(1) << 62};
      return in.pick(odd);
    }
    return in.range(lo, hi);
  }
  int64_t intAttr(int64_t lo, int64_t hi) { return chaos() ? extremeInt() : in.range(lo, hi); }

  std::string intType(int lo, int hi) { return "i" + std::to_string(in.range(lo, hi)); }
  std::string floatType() { return in.chance(20) ? "f64" : "f32"; }

  // -- parameters -------------------------------------------------------------

  /// A parameter attribute of a layer of per-step `shape`: a scalar, one
  /// value per channel or one per neuron, each drawn by `sample`.
  template <typename Sample>
  std::string param(const std::vector<int64_t> &shape, Sample sample) {
    int how = in.range(0, 3);
    int64_t n = 1;
    if (how == 2 && !shape.empty())
      n = shape[0];
    if (how == 3)
      n = product(shape);
    if (chaos(3) && n < 4096)
      n += in.range(0, 3); // a wrong count
    if (n <= 1 || n > 4096)
      return real(sample()) + " : f64";
    std::string text = "array<f64: ";
    for (int64_t i = 0; i < n; ++i)
      text += (i ? ", " : "") + real(sample());
    return text + ">";
  }
  double maybeExtreme(double v) { return chaos() ? extremeReal() : v; }
  /// A multiple of 1/8 in [lo, hi].
  double eighths(double lo, double hi) {
    return maybeExtreme(in.range(int64_t(lo * 8), int64_t(hi * 8)) / 8.0);
  }
  double integral(int64_t lo, int64_t hi) { return maybeExtreme(double(in.range(lo, hi))); }

  // -- weights ----------------------------------------------------------------

  /// A weight or bias operand: a function argument, a splat constant or a
  /// constant listing every value.
  std::string weight(const std::vector<int64_t> &shape, const std::string &elt) {
    std::string type = tensorType(shape, elt);
    std::string name = fresh("%w");
    int64_t n = product(shape);
    int how = in.range(0, 2);
    bool huge = n < 0 || n > 256 || llvm::any_of(shape, [](int64_t d) { return d > 256; });
    if (how == 0 || huge) {
      args.push_back(name + ": " + type);
      return name;
    }
    OpLine c;
    c.isLayer = false;
    c.results = name;
    c.op = "arith.constant";
    auto value = [&]() -> std::string {
      if (isFloat(elt))
        return real(in.range(-16, 16) / 8.0);
      if (elt == "i1")
        return in.chance(50) ? "true" : "false";
      int64_t bits = width(elt);
      int64_t top = (int64_t(1) << (bits - 1)) - 1;
      return std::to_string(in.range(-top - 1, top));
    };
    if (how == 1) {
      c.tail = "dense<" + value() + "> : " + type;
    } else {
      std::function<std::string(size_t)> nested = [&](size_t d) -> std::string {
        if (d == shape.size())
          return value();
        std::string text = "[";
        for (int64_t i = 0; i < shape[d]; ++i)
          text += (i ? ", " : "") + nested(d + 1);
        return text + "]";
      };
      c.tail = "dense<" + nested(0) + "> : " + type;
    }
    lines.push_back(c);
    return name;
  }

  /// The weight type of an integer conv/dense whose accumulation of `count`
  /// products must fit the verifier's 62-bit bound.
  std::string intWeightType(const std::string &input, int64_t count) {
    static const char *types[] = {"i2", "i4", "i8", "i8"};
    std::string w = in.pick(types);
    if (magnitudeBits(input) + magnitudeBits(w) + llvm::Log2_64_Ceil(count + 1) + 1 > 62)
      w = "i2";
    return w;
  }

  std::string macResult(const Act &x, bool &floatResult) {
    floatResult = isFloat(x.elt) || (x.elt == "i1" && in.chance(30));
    if (floatResult)
      return isFloat(x.elt) ? x.elt : floatType();
    static const char *types[] = {"i8", "i12", "i16", "i16", "i24", "i32"};
    return in.pick(types);
  }

  // -- inputs -----------------------------------------------------------------

  Act newInput() {
    Act x;
    x.name = "%in";
    if (in.chance(60))
      x.step = {dim(1, 4), dim(1, 10), dim(1, 10)};
    else
      x.step = {dim(1, 16)};
    int kind = in.range(0, 3);
    x.elt = kind <= 1 ? "i1" : kind == 2 ? intType(2, 16) : floatType();
    args.push_back(x.name + ": " + type(x));
    return x;
  }

  std::string type(const Act &a) {
    std::vector<int64_t> shape{timeSteps};
    shape.insert(shape.end(), a.step.begin(), a.step.end());
    return tensorType(shape, a.elt);
  }

  Act emit(const char *op, const std::string &operands, std::vector<std::string> attrs,
           const std::string &signature, std::vector<int64_t> step, std::string elt,
           const std::string &tail = "") {
    Act r{fresh("%v"), std::move(step), std::move(elt)};
    OpLine line;
    line.results = r.name;
    line.op = op;
    line.operands = operands;
    line.attrs = std::move(attrs);
    line.tail = tail;
    line.loc = "loc(\"" + std::string(op).substr(4) + std::to_string(counter) + "\")";
    line.signature = signature + type(r);
    lines.push_back(line);
    return r;
  }

  // -- ops ----------------------------------------------------------------------

  /// An op on `x`, drawn from `kOps` (conv2d twice as likely) or a neuron
  /// (12-16: neuron kinds 0-4); an op that does not apply to `x` is drawn
  /// again, at most 4 times.
  Act next(const Act &x) {
    using Maker = std::optional<Act> (Generator::*)(const Act &);
    static const Maker kOps[] = {&Generator::conv2d,    &Generator::conv2d,  &Generator::dense,
                                 &Generator::maxPool,   &Generator::sumPool, &Generator::flatten,
                                 &Generator::reshape,   &Generator::scale,   &Generator::delay,
                                 &Generator::threshold, &Generator::relu,    &Generator::add};
    for (int attempt = 0; attempt < 4; ++attempt) {
      int which = in.range(0, 16);
      if (which >= 12)
        return neuron(x, which - 12);
      if (std::optional<Act> r = (this->*kOps[which])(x))
        return *r;
    }
    return neuron(x, 0);
  }

  std::optional<Act> conv2d(const Act &x) {
    if (x.step.size() != 3 || x.step[0] > 64 || x.step[0] < 1)
      return std::nullopt;
    int64_t c = x.step[0], h = x.step[1], w = x.step[2];
    std::vector<int64_t> divisors;
    for (int64_t d = 1; d <= c; ++d)
      if (c % d == 0)
        divisors.push_back(d);
    int64_t groups = divisors[in.range(0, divisors.size() - 1)];
    int64_t k = groups * in.range(1, 3);
    int64_t kh = in.range(1, 3), kw = in.range(1, 3);
    int64_t sh = in.range(1, 2), sw = in.range(1, 2);
    int64_t ph = in.range(0, 2), pw = in.range(0, 2);
    int64_t dh = in.range(1, 2), dw = in.range(1, 2);
    auto fits = [](int64_t size, int64_t kernel, int64_t pad, int64_t dil) {
      return size + 2 * pad - dil * (kernel - 1) - 1 >= 0;
    };
    if (!fits(h, kh, ph, dh)) {
      kh = 1;
      dh = 1;
    }
    if (!fits(w, kw, pw, dw)) {
      kw = 1;
      dw = 1;
    }
    std::vector<std::string> attrs;
    auto pair = [&](const char *name, int64_t a, int64_t b, int64_t def) {
      if (chaos())
        a = extremeInt();
      if (a != def || b != def)
        attrs.push_back(std::string(name) + " = array<i64: " + std::to_string(a) + ", " +
                        std::to_string(b) + ">");
    };
    pair("stride", sh, sw, 1);
    pair("padding", ph, pw, 0);
    pair("dilation", dh, dw, 1);
    if (groups != 1 || chaos())
      attrs.push_back("groups = " + std::to_string(chaos() ? extremeInt() : groups));
    int64_t oh = h + 2 * ph - dh * (kh - 1) - 1, ow = w + 2 * pw - dw * (kw - 1) - 1;
    oh = oh / sh + 1;
    ow = ow / sw + 1;
    bool floatResult;
    std::string out = macResult(x, floatResult);
    std::vector<int64_t> wShape{k, c / groups, kh, kw};
    std::string wElt = floatResult ? out : intWeightType(x.elt, product(wShape) / k);
    std::string operands = x.name + ", " + weight(wShape, wElt);
    std::string sig = "(" + type(x) + ", " + tensorType(wShape, wElt);
    if (in.chance(40)) {
      operands += ", " + weight({k}, out);
      sig += ", " + tensorType({k}, out);
    }
    return emit("snn.conv2d", operands, attrs, sig + ") -> ", {k, oh, ow}, out);
  }

  std::optional<Act> dense(const Act &x) {
    if (x.step.size() != 1 || x.step[0] > 4096)
      return std::nullopt;
    int64_t n = x.step[0], m = dim(1, 16);
    bool floatResult;
    std::string out = macResult(x, floatResult);
    std::string wElt = floatResult ? out : intWeightType(x.elt, n);
    std::string operands = x.name + ", " + weight({m, n}, wElt);
    std::string sig = "(" + type(x) + ", " + tensorType({m, n}, wElt);
    if (in.chance(40)) {
      operands += ", " + weight({m}, out);
      sig += ", " + tensorType({m}, out);
    }
    return emit("snn.dense", operands, {}, sig + ") -> ", {m}, out);
  }

  std::optional<Act> maxPool(const Act &x) { return pool(x, "snn.maxpool2d"); }
  /// snn.sumpool2d or snn.avgpool2d.
  std::optional<Act> sumPool(const Act &x) {
    return pool(x, in.chance(50) ? "snn.sumpool2d" : "snn.avgpool2d");
  }

  std::optional<Act> pool(const Act &x, const char *op) {
    if (x.step.size() != 3)
      return std::nullopt;
    int64_t k[2] = {in.range(1, 3), in.range(1, 3)};
    bool hasStride = in.chance(60);
    int64_t s[2] = {in.range(1, 3), in.range(1, 3)};
    int64_t p[2] = {in.range(0, k[0] - 1), in.range(0, k[1] - 1)};
    std::vector<int64_t> step{x.step[0]};
    for (int i = 0; i < 2; ++i) {
      int64_t stride = hasStride ? s[i] : k[i];
      int64_t span = x.step[i + 1] + 2 * p[i] - k[i];
      if (span < 0)
        return std::nullopt;
      step.push_back(span / stride + 1);
    }
    std::vector<std::string> attrs{"kernel = array<i64: " + std::to_string(k[0]) + ", " +
                                   std::to_string(k[1]) + ">"};
    if (hasStride)
      attrs.push_back("stride = array<i64: " + std::to_string(chaos() ? extremeInt() : s[0]) +
                      ", " + std::to_string(s[1]) + ">");
    if (p[0] || p[1] || chaos())
      attrs.push_back("padding = array<i64: " + std::to_string(chaos() ? extremeInt() : p[0]) +
                      ", " + std::to_string(p[1]) + ">");
    std::string out = x.elt;
    if (std::string(op) != "snn.maxpool2d") {
      if (isFloat(x.elt))
        out = x.elt;
      else if (x.elt == "i1" && in.chance(30))
        out = floatType();
      else
        out = intType(std::min<int>(24, std::max<int>(2, magnitudeBits(x.elt))), 24);
    }
    return emit(op, x.name, attrs, type(x) + " -> ", step, out);
  }

  std::optional<Act> flatten(const Act &x) {
    int64_t rank = x.step.size();
    if (rank < 2)
      return std::nullopt;
    int64_t start = in.range(0, rank - 1);
    int64_t end = in.range(start, rank - 1);
    std::vector<std::string> attrs;
    if (start != 0 || chaos())
      attrs.push_back("start_dim = " + std::to_string(chaos() ? extremeInt() : start));
    if (end != rank - 1 || in.chance(30))
      attrs.push_back("end_dim = " + std::to_string(in.chance(50) ? end - rank : end));
    std::vector<int64_t> step(x.step.begin(), x.step.begin() + start);
    int64_t n = product(std::vector<int64_t>(x.step.begin() + start, x.step.begin() + end + 1));
    if (n == std::numeric_limits<int64_t>::max())
      return std::nullopt;
    step.push_back(n);
    step.insert(step.end(), x.step.begin() + end + 1, x.step.end());
    return emit("snn.flatten", x.name, attrs, type(x) + " -> ", step, x.elt);
  }

  std::optional<Act> reshape(const Act &x) {
    int64_t n = product(x.step);
    if (n == std::numeric_limits<int64_t>::max() || x.step[0] > (int64_t(1) << 31))
      return std::nullopt;
    std::vector<int64_t> step;
    switch (in.range(0, 2)) {
    case 0:
      step = {n};
      break;
    case 1:
      step = {1, 1, n};
      break;
    default:
      if (x.step.size() != 3)
        return std::nullopt;
      step = {x.step[0] * x.step[1], 1, x.step[2]};
      break;
    }
    if (step == x.step)
      return std::nullopt;
    return emit("snn.reshape", x.name, {}, type(x) + " -> ", step, x.elt);
  }

  std::optional<Act> scale(const Act &x) {
    std::string out;
    std::string factor;
    if (isFloat(x.elt) || (x.elt == "i1" && in.chance(40))) {
      out = isFloat(x.elt) ? x.elt : floatType();
      factor = param(x.step, [&]() { return eighths(-3, 3); });
    } else {
      out = intType(4, 16);
      factor = param(x.step, [&]() { return eighths(-2, 2); });
    }
    return emit("snn.scale", x.name, {"factor = " + factor}, type(x) + " -> ", x.step, out);
  }

  std::optional<Act> delay(const Act &x) {
    return emit("snn.delay", x.name,
                {"steps = " + std::to_string(intAttr(0, timeSteps + 1))}, "(" + type(x) + ") -> ",
                x.step, x.elt);
  }

  std::optional<Act> threshold(const Act &x) {
    std::vector<std::string> attrs{
        "threshold = " + param(x.step, [&]() { return eighths(-4, 4); })};
    if (in.chance(50))
      attrs.push_back("compare = #snn.compare<ge>");
    return emit("snn.threshold", x.name, attrs, type(x) + " -> ", x.step, "i1");
  }

  std::optional<Act> relu(const Act &x) {
    if (isFloat(x.elt))
      return emit("snn.relu", x.name, {}, type(x) + " -> ", x.step, x.elt);
    std::vector<std::string> attrs;
    int64_t shift = intAttr(0, 4);
    if (shift)
      attrs.push_back("shift = " + std::to_string(shift));
    return emit("snn.relu", x.name, attrs, type(x) + " -> ", x.step, intType(2, 16));
  }

  std::optional<Act> add(const Act &x) {
    std::vector<Act> operands{x};
    for (const Act &v : values)
      if (v.step == x.step && v.name != x.name && operands.size() < 3 && in.chance(50))
        operands.push_back(v);
    if (operands.size() < 2)
      operands.push_back(x);
    bool allSpikes = llvm::all_of(operands, [](const Act &a) { return a.elt == "i1"; });
    std::string floatElt;
    for (const Act &a : operands)
      if (isFloat(a.elt)) {
        if (!floatElt.empty() && floatElt != a.elt)
          return std::nullopt;
        floatElt = a.elt;
      }
    if (!floatElt.empty() &&
        llvm::any_of(operands, [&](const Act &a) { return a.elt != floatElt && a.elt != "i1"; }))
      return std::nullopt;
    std::vector<std::string> attrs;
    std::string out;
    if (!floatElt.empty()) {
      out = floatElt;
    } else if (allSpikes && in.chance(40)) {
      attrs.push_back("mode = #snn.add_mode<or>");
      out = "i1";
    } else if (allSpikes && in.chance(30)) {
      out = floatType();
    } else {
      int64_t widest = 0;
      for (const Act &a : operands)
        widest = std::max(widest, magnitudeBits(a.elt));
      out = intType(std::max<int64_t>(2, widest), std::min<int64_t>(32, widest + 3));
    }
    std::string names, types;
    for (const Act &a : operands) {
      names += (names.empty() ? "" : ", ") + a.name;
      types += (types.empty() ? "" : ", ") + type(a);
    }
    return emit("snn.add", names, attrs, types + " -> ", x.step, out);
  }

  /// A loop across time steps from `x`: x + feedback -> an op or two ->
  /// spikes of x's shape, which are the feedback 1 to 3 steps later (the
  /// delay is written last: the cycle's body is a graph region). Returns
  /// the cycle's result, the spikes.
  Act loop(const Act &x) {
    size_t first = lines.size();
    Act feedback{fresh("%fb"), x.step, "i1"};
    std::string sumElt = isFloat(x.elt) ? x.elt : x.elt == "i1" ? "i2" : intType(
        std::max<int64_t>(2, magnitudeBits(x.elt) + 1), 32);
    Act y = emit("snn.add", x.name + ", " + feedback.name, {},
                 type(x) + ", " + type(feedback) + " -> ", x.step, sumElt);
    for (int i = in.range(0, 2); i > 0; --i)
      if (Act z = next(y); z.step == x.step)
        y = z;
    if (y.elt != "i1")
      y = *threshold(y);
    OpLine delay;
    delay.results = feedback.name;
    delay.op = "snn.delay";
    delay.operands = y.name;
    delay.attrs = {"steps = " + std::to_string(in.range(1, 3))};
    delay.signature = "(" + type(y) + ") -> " + type(feedback);
    lines.push_back(delay);
    for (size_t i = first; i < lines.size(); ++i)
      lines[i].inCycle = true;
    cycleResult = y.name;
    return Act{"%cycle", y.step, y.elt};
  }

  /// kind: 0 lif, 1 cuba_lif, 2 li, 3 cuba_li, 4 lif.
  Act neuron(const Act &x, int kind) {
    static const char *ops[] = {"snn.lif", "snn.cuba_lif", "snn.li", "snn.cuba_li", "snn.lif"};
    bool spiking = kind == 0 || kind == 1 || kind == 4;
    bool current = kind == 1 || kind == 3;
    bool intState = isInt(x.elt) && in.chance(60);
    std::string state = intState ? intType(4, 16) : floatType();
    if (chaos(2))
      state = in.chance(50) ? "i1" : "i64";
    // Chaos may have made the state i1 or i64: bound the ranges anyway.
    auto top = [](const std::string &elt) {
      return (int64_t(1) << (std::clamp<int64_t>(width(elt), 2, 32) - 1)) - 1;
    };
    int64_t hi = intState ? top(state) : 0;
    std::vector<std::string> attrs{"state_type = " + state};
    auto additive = [&](double scale) {
      return param(x.step, [&]() {
        return intState ? integral(-int64_t(hi * scale), int64_t(hi * scale))
                        : eighths(-4 * scale, 4 * scale);
      });
    };
    auto decay = [&](const char *direct, const char *tau) {
      switch (in.range(0, 3)) {
      case 1:
      case 2:
        attrs.push_back(std::string(direct) + " = " +
                        param(x.step, [&]() { return eighths(0, 1); }));
        break;
      case 3:
        if (!llvm::any_of(attrs, [](const std::string &a) { return a.rfind("dt", 0) == 0; }))
          attrs.push_back("dt = " + real(maybeExtreme(in.chance(50) ? 1.0 : 0.5)) + " : f64");
        attrs.push_back(std::string(tau) + " = " +
                        param(x.step, [&]() { return eighths(1, 20); }));
        break;
      default:
        break;
      }
    };
    decay("beta", "tau");
    if (in.chance(40))
      attrs.push_back("gain = " + param(x.step, [&]() { return eighths(-1, 3); }));
    if (in.chance(30))
      attrs.push_back("v_leak = " + additive(0.25));
    if (in.chance(30))
      attrs.push_back("v_init = " + additive(0.5));
    std::string drive = state;
    if (current) {
      if (in.chance(40)) {
        drive = intState ? intType(4, 16) : floatType();
        attrs.push_back("syn_type = " + drive);
      }
      decay("alpha", "tau_syn");
      if (in.chance(40))
        attrs.push_back("syn_gain = " + param(x.step, [&]() { return eighths(-1, 3); }));
      int64_t driveHi = intState ? top(drive) : 0;
      if (in.chance(30))
        attrs.push_back("i_init = " + param(x.step, [&]() {
                          return intState ? integral(-driveHi / 2, driveHi / 2) : eighths(-2, 2);
                        }));
    }
    std::string operands = x.name, sig = "(" + type(x);
    if (spiking) {
      attrs.push_back("threshold = " + param(x.step, [&]() {
                        return intState ? integral(1, std::max<int64_t>(1, hi / 4))
                                        : eighths(0.125, 4);
                      }));
      if (in.chance(50))
        attrs.push_back("compare = #snn.compare<ge>");
      static const char *resets[] = {"subtract", "zero", "to_value", "none"};
      std::string reset = in.pick(resets);
      if (reset != "subtract")
        attrs.push_back("reset = #snn.reset<" + reset + ">");
      if (reset == "to_value" || chaos())
        attrs.push_back("v_reset = " + additive(0.5));
      bool next = in.chance(40);
      if (next)
        attrs.push_back("reset_timing = #snn.reset_timing<next>");
      // Refractory periods and adaptive thresholds; chaos tries extreme
      // periods and an adaptation with the reset in the next step.
      if (in.chance(20))
        attrs.push_back("refractory = " + std::to_string(intAttr(1, 4)));
      if ((!next || chaos()) && in.chance(20)) {
        attrs.push_back("adapt = " + param(x.step, [&]() {
                          return intState ? integral(0, std::max<int64_t>(1, hi / 16))
                                          : eighths(0, 1);
                        }));
        if (in.chance(50))
          attrs.push_back("adapt_decay = " + param(x.step, [&]() { return eighths(0, 1); }));
      }
      if (x.step.size() == 1 && x.step[0] <= 64 && in.chance(30)) {
        int64_t n = x.step[0];
        std::string wElt = intState ? (in.chance(50) ? "i4" : "i8") : drive;
        operands += " recurrent(" + weight({n, n}, wElt);
        sig += ", " + tensorType({n, n}, wElt);
        if (in.chance(50)) {
          operands += ", " + weight({n}, wElt);
          sig += ", " + tensorType({n}, wElt);
        }
        operands += ")";
      }
    }
    if (in.chance(10))
      attrs.push_back("snn.stateless");
    return emit(ops[kind], operands, attrs, sig + ") -> ", x.step, spiking ? "i1" : state);
  }

  // -- schedules ---------------------------------------------------------------

  /// Writes `#snn.schedule` attributes and `snn.block` ids: contiguous runs
  /// of layer ops that agree on everything (the legal form), and with chaos
  /// runs that disagree or are interleaved.
  void schedule() {
    std::vector<OpLine *> layers;
    for (OpLine &line : lines)
      if (line.isLayer && (!line.inCycle || chaos(20)))
        layers.push_back(&line);
    int mode = in.range(0, 3);
    if (mode == 0)
      return;
    int64_t group = 0, block = 0;
    static const char *axes[] = {"none", "rows", "cols", "channels"};
    for (size_t i = 0; i < layers.size();) {
      size_t run = std::min<size_t>(in.range(1, 4), layers.size() - i);
      bool grouped = in.chance(70);
      static const int64_t timeTiles[] = {0, 1, 1, 2, 3};
      int64_t timeTile = in.pick(timeTiles);
      if (timeTile > timeSteps && !chaos(30))
        timeTile = 0;
      std::string axis = in.pick(axes);
      int64_t size = axis == "none" ? 0 : in.range(1, 3);
      if (chaos())
        size = extremeInt();
      std::string state = in.chance(50) ? "spill" : "onchip";
      for (size_t j = 0; j < run; ++j) {
        OpLine &line = *layers[i + j];
        if (mode >= 2)
          line.attrs.push_back("snn.block = " + std::to_string(block));
        if (mode == 3) {
          if (!grouped)
            break;
          continue;
        }
        std::string s = "group = " + std::to_string(grouped ? group : -1) +
                        ", time_tile = " + std::to_string(timeTile) + ", tile_axis = " + axis +
                        ", tile_size = " + std::to_string(size) + ", state = " + state;
        if (chaos(3))
          s = "group = " + std::to_string(in.range(-2, 3)) + ", time_tile = " +
              std::to_string(extremeInt());
        line.attrs.push_back("schedule = #snn.schedule<" + s + ">");
        if (!grouped)
          break;
      }
      if (grouped)
        ++group;
      ++block;
      i += grouped ? run : 1;
    }
  }

  // -- rendering ---------------------------------------------------------------

  std::string hardware() {
    static const int64_t buffers[] = {256, 4096, 65536, 1 << 20, 1 << 26};
    int64_t gb = in.pick(buffers);
    if (chaos())
      gb = extremeInt();
    std::string levels;
    if (in.chance(50))
      levels += "#snn.level<name = \"lb\", kind = sram, serves = \"WI\", bytes = " +
                std::to_string(gb / 8 + 1) + ", bw = 128, read_pj = 0.1, write_pj = 0.1>, ";
    levels += "#snn.level<name = \"gb\", kind = sram, serves = \"WIOV\", bytes = " +
              std::to_string(gb) + ", bw = " + std::to_string(in.range(0, 2) * 64) +
              ", read_pj = 0.15, write_pj = 0.2>, "
              "#snn.level<name = \"dram\", kind = dram, serves = \"WIOV\", bw = " +
              std::to_string(in.range(0, 2) * 32) + ", read_pj = 10.0, write_pj = 11.0>";
    return "#snn.hardware<name = \"fuzz\", mac_units = " + std::to_string(in.range(1, 64)) +
           ", mac_array = [4, 2, 2, 1], pj_per_op = 0.07, pj_per_op_multibit = 0.16, "
           "levels = [" +
           levels + "]>";
  }

  std::string cycleType() {
    for (const OpLine &line : lines)
      if (line.results == cycleResult)
        return line.signature.substr(line.signature.rfind("-> ") + 3);
    return "";
  }

  std::string render(const std::vector<Act> &results) {
    std::string text = "module attributes {snn.hardware = " + hardware() + "} {\n";
    std::string resultTypes;
    for (const Act &r : results)
      resultTypes += (resultTypes.empty() ? "" : ", ") + type(r);
    text += "  func.func @main(" + llvm::join(args, ", ") + ") -> (" + resultTypes + ") {\n";
    bool inCycle = false;
    for (const OpLine &line : lines) {
      if (line.inCycle && !inCycle)
        text += "    %cycle = snn.cycle -> (" + cycleType() + ") {\n";
      inCycle = line.inCycle;
      text += "    " + line.results + " = " + line.op;
      if (!line.operands.empty())
        text += " " + line.operands;
      if (!line.attrs.empty())
        text += " {" + llvm::join(line.attrs, ", ") + "}";
      if (!line.tail.empty())
        text += " " + line.tail;
      if (!line.signature.empty())
        text += " : " + line.signature;
      if (!line.loc.empty())
        text += " " + line.loc;
      text += "\n";
    }
    if (inCycle)
      text += "    snn.yield " + cycleResult + " : " + cycleType() + "\n    }\n";
    std::string names;
    for (const Act &r : results)
      names += (names.empty() ? "" : ", ") + r.name;
    text += "    return " + names + " : " + resultTypes + "\n  }\n}\n";
    return text;
  }
};

} // namespace

std::string snnfuzz::generateNetwork(ByteReader &in, const GeneratorOptions &options) {
  return Generator(in, options).run();
}
