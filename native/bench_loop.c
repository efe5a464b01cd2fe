/*
 * The C reference loop of bench/koffi-overhead.mjs: the same write + read per inference as the
 * koffi path, written in C against the libhailort double (dlopen'ed from argv[1]), on the model
 * description argv[2], for argv[3] inferences. Prints {"usPerInference": ...} as JSON.
 * Built by native/build.mjs (buildBenchLoop) with the same checked declarations as the double.
 */
#define _GNU_SOURCE
#include "hailort_abi.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define LOAD(name) name##_fn name = (name##_fn)dlsym(lib, #name); if (!name) { fprintf(stderr, "missing %s\n", #name); return 2; }
#define CHECK(call) do { int s_ = (call); if (s_) { fprintf(stderr, "%s failed: %d\n", #call, s_); return 3; } } while (0)

typedef hailo_status (*hailo_create_vdevice_fn)(hailo_vdevice_params_t *, hailo_vdevice *);
typedef hailo_status (*hailo_release_vdevice_fn)(hailo_vdevice);
typedef hailo_status (*hailo_create_hef_file_fn)(hailo_hef *, const char *);
typedef hailo_status (*hailo_release_hef_fn)(hailo_hef);
typedef hailo_status (*hailo_configure_vdevice_fn)(hailo_vdevice, hailo_hef, hailo_configure_params_t *, hailo_configured_network_group *, size_t *);
typedef hailo_status (*hailo_make_input_vstream_params_fn)(hailo_configured_network_group, bool, hailo_format_type_t, hailo_input_vstream_params_by_name_t *, size_t *);
typedef hailo_status (*hailo_make_output_vstream_params_fn)(hailo_configured_network_group, bool, hailo_format_type_t, hailo_output_vstream_params_by_name_t *, size_t *);
typedef hailo_status (*hailo_create_input_vstreams_fn)(hailo_configured_network_group, const hailo_input_vstream_params_by_name_t *, size_t, hailo_input_vstream *);
typedef hailo_status (*hailo_create_output_vstreams_fn)(hailo_configured_network_group, const hailo_output_vstream_params_by_name_t *, size_t, hailo_output_vstream *);
typedef hailo_status (*hailo_release_input_vstreams_fn)(const hailo_input_vstream *, size_t);
typedef hailo_status (*hailo_release_output_vstreams_fn)(const hailo_output_vstream *, size_t);
typedef hailo_status (*hailo_get_input_vstream_frame_size_fn)(hailo_input_vstream, size_t *);
typedef hailo_status (*hailo_get_output_vstream_frame_size_fn)(hailo_output_vstream, size_t *);
typedef hailo_status (*hailo_vstream_write_raw_buffer_fn)(hailo_input_vstream, const void *, size_t);
typedef hailo_status (*hailo_vstream_read_raw_buffer_fn)(hailo_output_vstream, void *, size_t);

static double clock_us(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}
static double now_us(void) { return clock_us(CLOCK_MONOTONIC); }
/* CPU time of the whole process (every thread): less sensitive than wall time to a loaded machine. */
static double cpu_us(void) { return clock_us(CLOCK_PROCESS_CPUTIME_ID); }

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: bench_loop <libhailort double> <model> <runs>\n"); return 1; }
    void *lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
    if (!lib) { fprintf(stderr, "%s\n", dlerror()); return 2; }
    LOAD(hailo_create_vdevice) LOAD(hailo_release_vdevice) LOAD(hailo_create_hef_file) LOAD(hailo_release_hef)
    LOAD(hailo_configure_vdevice) LOAD(hailo_make_input_vstream_params) LOAD(hailo_make_output_vstream_params)
    LOAD(hailo_create_input_vstreams) LOAD(hailo_create_output_vstreams) LOAD(hailo_release_input_vstreams)
    LOAD(hailo_release_output_vstreams) LOAD(hailo_get_input_vstream_frame_size) LOAD(hailo_get_output_vstream_frame_size)
    LOAD(hailo_vstream_write_raw_buffer) LOAD(hailo_vstream_read_raw_buffer)
    long runs = atol(argv[3]);
    hailo_vdevice vdevice; hailo_hef hef; hailo_configured_network_group group; size_t ngroups = 1;
    CHECK(hailo_create_vdevice(NULL, &vdevice));
    CHECK(hailo_create_hef_file(&hef, argv[2]));
    CHECK(hailo_configure_vdevice(vdevice, hef, NULL, &group, &ngroups));
    hailo_input_vstream_params_by_name_t in_params[1]; size_t nin = 1;
    hailo_output_vstream_params_by_name_t out_params[1]; size_t nout = 1;
    CHECK(hailo_make_input_vstream_params(group, false, HD_FORMAT_TYPE_AUTO, in_params, &nin));
    CHECK(hailo_make_output_vstream_params(group, false, HD_FORMAT_TYPE_AUTO, out_params, &nout));
    hailo_input_vstream input; hailo_output_vstream output;
    CHECK(hailo_create_input_vstreams(group, in_params, 1, &input));
    CHECK(hailo_create_output_vstreams(group, out_params, 1, &output));
    size_t in_size, out_size;
    CHECK(hailo_get_input_vstream_frame_size(input, &in_size));
    CHECK(hailo_get_output_vstream_frame_size(output, &out_size));
    unsigned char *in = calloc(1, in_size), *out = malloc(out_size);
    for (size_t i = 0; i < in_size; i++) in[i] = (unsigned char)(i * 31);
    for (long i = 0; i < runs / 10 + 1; i++) { CHECK(hailo_vstream_write_raw_buffer(input, in, in_size)); CHECK(hailo_vstream_read_raw_buffer(output, out, out_size)); }
    double t0 = now_us(), c0 = cpu_us();
    for (long i = 0; i < runs; i++) { CHECK(hailo_vstream_write_raw_buffer(input, in, in_size)); CHECK(hailo_vstream_read_raw_buffer(output, out, out_size)); }
    double t1 = now_us(), c1 = cpu_us();
    CHECK(hailo_release_output_vstreams(&output, 1));
    CHECK(hailo_release_input_vstreams(&input, 1));
    CHECK(hailo_release_hef(hef));
    CHECK(hailo_release_vdevice(vdevice));
    printf("{\"usPerInference\": %.3f, \"cpuUsPerInference\": %.3f, \"runs\": %ld, \"frameBytes\": %zu}\n", (t1 - t0) / runs, (c1 - c0) / runs, runs, in_size);
    return 0;
}
