/* The machine's measured f32 FMA peak: every thread runs a tight loop of
 * independent AVX2 FMAs on 12 accumulators (FMA latency 4-5 cycles x 2 ports
 * needs at least 10 in flight), best of several rounds.
 *
 *   fma_peak THREADS [ITERATIONS]
 *
 * prints "threads N lane_fmas L seconds S gmac_per_s G gflop_per_s 2G" with
 * L = lane-FMAs of all threads (8 f32 lanes per FMA), S the wall time of
 * the best round; one lane-FMA is one multiply-accumulate, two flops.
 * Built by bench/runtime.py with clang -O2 -mavx2 -mfma (no -ffast-math, so
 * the compiler cannot merge or drop the FMAs). */
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { ACCUMULATORS = 12, LANES = 8, ROUNDS = 5 };

static long iterations = 100000000;
static volatile float sink;

static void *fma_loop(void *seed_ptr) {
  float seed = *(float *)seed_ptr;
  __m256 acc[ACCUMULATORS];
  for (int k = 0; k < ACCUMULATORS; ++k)
    acc[k] = _mm256_set1_ps(seed + (float)k);
  /* a*b+c with a close to 1 keeps the values finite for any loop length */
  const __m256 a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < iterations; ++i) {
    for (int k = 0; k < ACCUMULATORS; ++k)
      acc[k] = _mm256_fmadd_ps(acc[k], a, b);
  }
  __m256 total = acc[0];
  for (int k = 1; k < ACCUMULATORS; ++k)
    total = _mm256_add_ps(total, acc[k]);
  float lanes[LANES];
  _mm256_storeu_ps(lanes, total);
  sink = lanes[0];  /* the result is used: the loop cannot be dropped */
  return NULL;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  int threads = argc > 1 ? atoi(argv[1]) : 1;
  if (argc > 2)
    iterations = atol(argv[2]);
  if (threads < 1 || threads > 256 || iterations < 1) {
    fprintf(stderr, "usage: fma_peak THREADS [ITERATIONS]\n");
    return 2;
  }
  pthread_t ids[256];
  float seeds[256];
  double best = 1e300;
  for (int round = 0; round < ROUNDS; ++round) {
    double start = now();
    for (int t = 0; t < threads; ++t) {
      seeds[t] = (float)(t + 1);
      pthread_create(&ids[t], NULL, fma_loop, &seeds[t]);
    }
    for (int t = 0; t < threads; ++t)
      pthread_join(ids[t], NULL);
    double seconds = now() - start;
    if (seconds < best)
      best = seconds;
  }
  double lane_fmas = (double)threads * (double)iterations * ACCUMULATORS * LANES;
  printf("threads %d lane_fmas %.0f seconds %.6f gmac_per_s %.3f gflop_per_s %.3f\n",
         threads, lane_fmas, best, lane_fmas / best * 1e-9, 2 * lane_fmas / best * 1e-9);
  return 0;
}
