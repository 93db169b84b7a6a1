/*===- snn-capi-run-test.c - Test of the C API's executables -------------===*/
/* RUN: snn-capi-run-test 2>&1 | FileCheck %s
 *
 * Built as the test tool snn-capi-run-test (test/CAPI/CMakeLists.txt):
 * compiles a function with snnExecutableCreate, reads its signature, calls
 * it on arrays of this program (a dense layer's sums, checked by hand, and
 * their threshold spikes), checks every failure message, and asks passes
 * for their anchors. */

#include "snn-c/SNN.h"

#include "mlir-c/IR.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Three steps of 4 spikes through 2 output neurons: the sums (i16) and the
 * spikes of `sum > 2`. */
static const char *kNetwork =
    "func.func @main(%x: tensor<3x4xi1>, %w: tensor<2x4xi8>)\n"
    "    -> (tensor<3x2xi16>, tensor<3x2xi1>) {\n"
    "  %d = snn.dense %x, %w : (tensor<3x4xi1>, tensor<2x4xi8>) -> tensor<3x2xi16>\n"
    "  %s = snn.threshold %d {threshold = 2.0} : tensor<3x2xi16> -> tensor<3x2xi1>\n"
    "  return %d, %s : tensor<3x2xi16>, tensor<3x2xi1>\n"
    "}\n"
    "func.func @dynamic(%x: tensor<?xf32>) -> tensor<?xf32> {\n"
    "  return %x : tensor<?xf32>\n"
    "}\n";

static const int64_t kXShape[] = {3, 4}, kWShape[] = {2, 4}, kOutShape[] = {3, 2};
static const int64_t kWrongShape[] = {3, 3};

static MlirStringRef str(const char *text) { return mlirStringRefCreateFromCString(text); }

/* A context of MLIR's C API with every snn dialect registered. */
static MlirContext createContext(void) {
  MlirContext context = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  snnRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(context, registry);
  mlirDialectRegistryDestroy(registry);
  return context;
}

/* Compiles `entry` of a fresh module with `threads`, or prints the error. */
static SNNExecutable compile(MlirContext context, const char *entry, int threads) {
  char *error = NULL;
  MlirModule module = snnModuleParse(context, str(kNetwork), str("network.mlir"), &error);
  if (mlirModuleIsNull(module)) {
    printf("unexpected parse error: %s\n", error);
    snnStringFree(error);
    return NULL;
  }
  SNNExecutable executable = snnExecutableCreate(module, str(entry), threads, &error);
  if (!executable) {
    printf("create @%s failed:\n%s\n", entry, error ? error : "(no message)");
    snnStringFree(error);
  }
  mlirModuleDestroy(module);
  return executable;
}

static void printArrayType(const char *what, size_t index, SNNArray type) {
  printf("%s %zu: %s (", what, index, type.typestr);
  for (size_t d = 0; d < type.rank; ++d)
    printf(d ? ", %lld" : "%lld", (long long)type.shape[d]);
  printf(")%s\n", type.data == NULL && type.name == NULL ? "" : " with data?");
}

static uint8_t x[3][4] = {{1, 1, 1, 1}, {1, 0, 1, 0}, {0, 1, 0, 0}};
static int8_t w[2][4] = {{1, 2, 3, 4}, {-1, -1, -1, -1}};
static int16_t sums[3][2];
static uint8_t spikes[3][2];

/* Runs `executable` on x and w into sums and spikes; prints them, or the
 * error. */
static void run(const char *what, SNNExecutable executable, SNNArray *args, SNNArray *results) {
  memset(sums, 0x55, sizeof sums);
  memset(spikes, 0x55, sizeof spikes);
  char *error = NULL;
  bool ok = snnExecutableRun(executable, args, 2, results, 2, &error);
  printf("%s: %s\n", what, ok ? "ran" : "failed");
  if (!ok) {
    printf("%s\n", error ? error : "(no message)");
    snnStringFree(error);
    return;
  }
  for (int t = 0; t < 3; ++t)
    printf("  t=%d sums %d %d spikes %d %d\n", t, sums[t][0], sums[t][1], spikes[t][0],
           spikes[t][1]);
}

int main(void) {
  MlirContext context = createContext();
  char *error = NULL;

  /* The signature of @main. */
  SNNExecutable executable = compile(context, "main", 0);
  if (!executable)
    return 1;
  printf("signature: %zu arguments, %zu results\n", snnExecutableGetNumArguments(executable),
         snnExecutableGetNumResults(executable));
  for (size_t i = 0; i < snnExecutableGetNumArguments(executable); ++i)
    printArrayType("argument", i, snnExecutableGetArgumentType(executable, i));
  for (size_t i = 0; i < snnExecutableGetNumResults(executable); ++i)
    printArrayType("result", i, snnExecutableGetResultType(executable, i));
  // CHECK-LABEL: signature: 2 arguments, 2 results
  // CHECK-NEXT: argument 0: |u1 (3, 4)
  // CHECK-NEXT: argument 1: |i1 (2, 4)
  // CHECK-NEXT: result 0: <i2 (3, 2)
  // CHECK-NEXT: result 1: |u1 (3, 2)

  /* A call: sums 1+2+3+4, -4; 1+3, -2; 2, -1; spikes where the sum is > 2. */
  SNNArray args[2] = {{x, "|u1", 2, kXShape, "x.npy"}, {w, "|i1", 2, kWShape, NULL}};
  SNNArray results[2] = {{sums, "<i2", 2, kOutShape, NULL},
                         {spikes, "|u1", 2, kOutShape, NULL}};
  run("call", executable, args, results);
  // CHECK-LABEL: call: ran
  // CHECK-NEXT: t=0 sums 10 -4 spikes 1 0
  // CHECK-NEXT: t=1 sums 4 -2 spikes 1 0
  // CHECK-NEXT: t=2 sums 2 -1 spikes 0 0

  /* Spikes given as booleans, and a second call of the same code. */
  args[0].typestr = "|b1";
  run("bool spikes", executable, args, results);
  // CHECK-LABEL: bool spikes: ran
  // CHECK-NEXT: t=0 sums 10 -4 spikes 1 0
  args[0].typestr = "|u1";

  /* Errors: each array is checked before the call. */
  args[0].shape = kWrongShape;
  run("wrong shape", executable, args, results);
  // CHECK-LABEL: wrong shape: failed
  // CHECK-NEXT: input #0 ('x.npy'): expected shape (3, 4), got (3, 3)
  args[0].shape = kXShape;

  args[1].typestr = "<i2";
  run("wrong dtype", executable, args, results);
  // CHECK-LABEL: wrong dtype: failed
  // CHECK-NEXT: input #1: expected dtype int8 (storage of i8), got '<i2'
  args[1].typestr = "|i1";

  x[2][3] = 2;
  run("not a spike", executable, args, results);
  // CHECK-LABEL: not a spike: failed
  // CHECK-NEXT: input #0 ('x.npy'): element 11 is 2, outside [0, 1]
  x[2][3] = 0;

  results[1].typestr = "|b1";
  run("wrong result dtype", executable, args, results);
  // CHECK-LABEL: wrong result dtype: failed
  // CHECK-NEXT: output #1: expected dtype uint8 (storage of i1), got '|b1'
  results[1].typestr = "|u1";

  bool ok = snnExecutableRun(executable, args, 1, results, 2, &error);
  printf("too few arrays: %s\n%s\n", ok ? "ran" : "failed", error ? error : "(no message)");
  snnStringFree(error);
  // CHECK-LABEL: too few arrays: failed
  // CHECK-NEXT: the function takes 2 arguments and returns 2 results, but 1 and 2 arrays were given

  /* The module and the context are gone: the executable still runs, and the
   * compiled code left its inputs as they were. */
  mlirContextDestroy(context);
  run("without the context", executable, args, results);
  printf("inputs kept: %d\n", x[0][0] == 1 && x[1][1] == 0 && w[1][3] == -1);
  snnExecutableDestroy(executable);
  // CHECK-LABEL: without the context: ran
  // CHECK-NEXT: t=0 sums 10 -4 spikes 1 0
  // CHECK: inputs kept: 1

  /* Sequential code (threads = 1) computes the same. */
  context = createContext();
  executable = compile(context, "main", 1);
  if (executable)
    run("one thread", executable, args, results);
  snnExecutableDestroy(executable);
  // CHECK-LABEL: one thread: ran
  // CHECK-NEXT: t=0 sums 10 -4 spikes 1 0
  // CHECK-NEXT: t=1 sums 4 -2 spikes 1 0
  // CHECK-NEXT: t=2 sums 2 -1 spikes 0 0

  /* Errors: functions that cannot be compiled. */
  compile(context, "nope", 0);
  // CHECK-LABEL: create @nope failed:
  // CHECK-NEXT: no function @nope with a body
  compile(context, "dynamic", 0);
  // CHECK-LABEL: create @dynamic failed:
  // CHECK-NEXT: @dynamic has a tensor<?xf32> argument or result; the runner needs statically shaped tensors of i1..i32, f32 or f64
  mlirContextDestroy(context);

  /* What each pass runs on. */
  const char *passes[] = {"snn-set-schedule", "snn-auto-schedule", "canonicalize", "snn-to-llvm",
                          "snn-bogus"};
  for (size_t i = 0; i < sizeof passes / sizeof *passes; ++i) {
    char *anchor = snnPassAnchor(str(passes[i]), &error);
    printf("anchor of %s: '%s'\n", passes[i], anchor ? anchor : error);
    snnStringFree(anchor);
    snnStringFree(error);
  }
  // CHECK-LABEL: anchor of snn-set-schedule: 'func.func'
  // CHECK-NEXT: anchor of snn-auto-schedule: 'builtin.module'
  // CHECK-NEXT: anchor of canonicalize: ''
  // CHECK-NEXT: anchor of snn-to-llvm: ''snn-to-llvm' is not a registered pass'
  // CHECK-NEXT: anchor of snn-bogus: ''snn-bogus' is not a registered pass'

  printf("done\n");
  // CHECK-LABEL: done
  return 0;
}
