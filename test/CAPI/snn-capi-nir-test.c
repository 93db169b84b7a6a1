/*===- snn-capi-nir-test.c - Test of the C API's NIR import ---------------===*/
/* RUN: rm -rf %t && mkdir -p %t
 * RUN: snn-capi-nir-test %nir_dir/lif_norse.nir %t/corrupt.nir 2>&1 | FileCheck %s
 *
 * Built as the test tool snn-capi-nir-test (test/CAPI/CMakeLists.txt): lists
 * the presets, imports a NIR file (argv[1]) in process and isolated, reads
 * its graph as JSON, describes the imported function, checks the errors, and
 * imports a copy (argv[2]) with one byte that crashes Debian's HDF5: in the
 * child process of the isolated mode, which becomes an error (in a sanitizer
 * build, the sanitizer reports the crash, then aborts or exits with 1). */

#include "snn-c/NIR.h"

#include "mlir-c/IR.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static MlirStringRef str(const char *text) { return mlirStringRefCreateFromCString(text); }

static void printCallback(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

/* Prints what a call returned, or its error, and frees both. */
static void show(const char *what, char *result, char *error) {
  printf("%s: %s\n", what, result ? result : error ? error : "(no message)");
  snnStringFree(result);
  snnStringFree(error);
}

/* Imports `path` with the norse preset over 5 steps; prints the module and
 * the description of its function, or the error. */
static void import(MlirContext context, const char *what, const char *path,
                   SNNNIRImportOptions options) {
  char *error = NULL;
  MlirModule module = snnImportNIRFile(context, str(path), &options, &error);
  if (mlirModuleIsNull(module)) {
    show(what, NULL, error);
    return;
  }
  printf("%s:\n", what);
  mlirOperationPrint(mlirModuleGetOperation(module), printCallback, NULL);
  printf("\n");
  show("description", snnModuleDescribeGraph(module, str(""), &error), error);
  mlirModuleDestroy(module);
}

/* Writes `path`, a copy of the file at `source` with byte 8222 set to 111. */
static int writeCorruptCopy(const char *source, const char *path) {
  static char bytes[1 << 16];
  FILE *in = fopen(source, "rb");
  size_t size = in ? fread(bytes, 1, sizeof bytes, in) : 0;
  if (in)
    fclose(in);
  FILE *out = fopen(path, "wb");
  if (size <= 8222 || !out)
    return 0;
  bytes[8222] = 111;
  fwrite(bytes, 1, size, out);
  fclose(out);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 1;
  const char *file = argv[1];

  show("presets", snnNIRPresetsJSON(), NULL);
  // CHECK-LABEL: presets: {"default":"exact",
  // CHECK-SAME: "name":"norse","not_modelled":"Norse's
  // CHECK-SAME: "fixed_point":{"bias_bits":13,{{.*}}"name":"lava-fixed"
  // CHECK-SAME: "reset_modes":["subtract","zero","to_value","none"],"reset_timings":["same","next"]

  MlirContext context = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  snnRegisterAllDialects(registry);
  mlirContextAppendDialectRegistry(context, registry);
  mlirDialectRegistryDestroy(registry);

  SNNNIRImportOptions options = snnNIRImportOptionsGetDefault();
  options.preset = str("norse");
  options.hasDt = true;
  options.dt = 1e-4;
  options.timeSteps = 5;
  import(context, "in process", file, options);
  // CHECK-LABEL: in process:
  // CHECK: func.func @main(%arg0: tensor<5x1xf32>) -> tensor<5x1xi1>
  // CHECK: snn.dense
  // CHECK: snn.lif {{.*}}reset = #snn.reset<to_value>
  // CHECK: description: {"inputs":[{"dtype":"f32","name":"input","shape":[1]}],"name":"main",
  // CHECK-SAME: "ops":[{"attrs":{},"name":"v0","op":"dense","operands":["input"],"params":{"bias":
  // CHECK-SAME: "op":"lif","operands":["v0"],"params":{},"result":{"dtype":"i1","shape":[1]}}],
  // CHECK-SAME: "outputs":["v1"],"time_steps":5}

  options.isolateSeconds = 30;
  options.funcName = str("lif");
  import(context, "isolated", file, options);
  // CHECK-LABEL: isolated:
  // CHECK: func.func @lif(%arg0: tensor<5x1xf32>) -> tensor<5x1xi1>

  char *error = NULL;
  show("graph", snnReadNIRFileJSON(str(file), 0, &error), error);
  // CHECK-LABEL: graph: {"edges":{{\[\["input","0"\],\["0","1"\],\["1","output"\]\]}},
  // CHECK-SAME: "1":{"r":{"shape":[1],"values":[1]},"tau":{"shape":[1],"values":[0.0024999999441206455]},"type":"LIF",
  // CHECK-SAME: "version":"

  /* Errors: one line, naming the file or the option. */
  import(context, "missing file", "missing.nir", options);
  // CHECK: missing file: cannot read 'missing.nir': No such file or directory
  show("missing graph", snnReadNIRFileJSON(str("missing.nir"), 30, &error), error);
  // CHECK: missing graph: cannot read 'missing.nir': No such file or directory
  options.preset = str("nosuch");
  import(context, "unknown preset", file, options);
  // CHECK: unknown preset: unknown preset 'nosuch' (choose from exact, snntorch,
  options.preset = str("");
  options.hasDt = false;
  import(context, "no dt", file, options);
  // CHECK: no dt: preset 'exact' has no default time step

  /* A byte that crashes HDF5: only the child process dies. */
  if (!writeCorruptCopy(file, argv[2]))
    return 1;
  options.hasDt = true;
  import(context, "corrupt", argv[2], options);
  // CHECK: corrupt: the NIR reader [[DEATH:crashed \(signal [0-9]+\)|exited with status 1]] on '{{.*}}corrupt.nir'
  show("corrupt graph", snnReadNIRFileJSON(str(argv[2]), 30, &error), error);
  // CHECK: corrupt graph: the NIR reader [[DEATH]] on '{{.*}}corrupt.nir'

  mlirContextDestroy(context);
  printf("done\n");
  // CHECK-LABEL: done
  return 0;
}
