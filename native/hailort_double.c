/*
 * A test double of libhailort 4.x: the same exported C functions and struct layouts the binding
 * uses (hailort_abi.h, checked against the measured table), over a software "chip".
 *
 * - The chip is a file named by HAILORT_DOUBLE_CHIP; opening a vdevice takes flock(LOCK_EX) on it,
 *   so a second vdevice (this process or another) gets status 74 like a held /dev/hailo0, and the
 *   kernel releases it when the holder dies (SIGKILL included). Unset: no chip (74, scan finds 0).
 * - A "HEF" is a small text model description written by the tests (see native/README.md):
 *   network groups, vstreams, raw types, shapes, quantization (per channel too).
 * - Inference is a deterministic function of the input's raw bytes; float32 <-> raw conversion is
 *   HailoRT's (clip to limvals, round half to even, cast; identity quantization only rounds/casts).
 * - Faults, set with HAILORT_DOUBLE_FAULTS or hailort_double_set_faults(): see parse_faults().
 * - hailort_double_live_handles() / _misuse_count() let tests prove nothing leaks and nothing is
 *   used after release.
 */
#define _GNU_SOURCE
#include "hailort_abi.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#define EXPORT __attribute__((visibility("default")))
#define MAX_VSTREAMS 16
#define MAX_QUANTS 64
#define MAX_GROUPS 8
#define MAX_FAIL_RULES 16
#define MAX_QUEUE 8

/* What hailo_get_library_version answers unless told otherwise; the build passes the table's version. */
#ifndef HD_DEFAULT_VERSION
#if HD_LAYOUT_FAMILY == 418
#define HD_DEFAULT_VERSION "4.19.0"
#elif HD_LAYOUT_FAMILY == 420
#define HD_DEFAULT_VERSION "4.20.0"
#else
#define HD_DEFAULT_VERSION "4.23.0"
#endif
#endif

/* ---------------------------------------------------------------- model description */

typedef struct {
    char name[HAILO_MAX_NAME_SIZE];
    int direction;          /* HD_H2D / HD_D2H */
    int raw_type;           /* HD_FORMAT_TYPE_UINT8 / UINT16 */
    int order;
    uint32_t height, width, features;
    int nquant;
    hailo_quant_info_t quant[MAX_QUANTS];
} vstream_desc;

typedef struct {
    char name[HAILO_MAX_NAME_SIZE];
    bool multi_context;
    int nvs;
    vstream_desc vs[MAX_VSTREAMS];
} group_desc;

typedef struct {
    int arch;
    int ngroups;
    group_desc groups[MAX_GROUPS];
} model_desc;

/* ---------------------------------------------------------------- handles */

enum { K_VDEVICE = 1, K_HEF, K_GROUP, K_INPUT, K_OUTPUT, K_DEVICE };
#define HD_MAGIC 0x48444f55u

typedef struct frame { struct frame *next; uint8_t *raw; } frame;

struct _hailo_vdevice;
typedef struct {
    uint32_t magic; int kind; bool alive;
    struct _hailo_vdevice *vdevice;
    const group_desc *desc;
    uint16_t batch_size;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    uint8_t *pending[MAX_VSTREAMS];  /* raw input frames written for the current inference */
    bool written[MAX_VSTREAMS];
    frame *queue[MAX_VSTREAMS];      /* raw output frames waiting to be read, per output */
    uint8_t *previous[MAX_VSTREAMS]; /* last frame read per output, for the "stale" fault */
} group_t;

typedef struct {
    uint32_t magic; int kind; bool alive;
    group_t *group;
    int index;                      /* index into group->desc->vs */
    int user_type;
    uint32_t timeout_ms;
    size_t frame_size;
} vstream_t;

struct _hailo_vdevice {
    uint32_t magic; int kind; bool alive;
    int chip_fd;
    int ngroups;
    group_t *groups[64];
    struct { uint32_t magic; int kind; bool alive; } device;
};

typedef struct {
    uint32_t magic; int kind; bool alive;
    model_desc model;
} hef_t;

/* ---------------------------------------------------------------- global state */

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static long g_live[8];
static long g_misuse;
static long g_last_batch_size = -1;
static char g_last_vdevice_params[160];
static char g_last_misuse[256];

typedef struct { char fn[64]; int status; long nth; long seen; } fail_rule;
static struct {
    int nrules;
    fail_rule rules[MAX_FAIL_RULES];
    long timeout_read;     /* the k-th read (1-based) times out; 0: never */
    long delay_read_ms;    /* every read waits this long first */
    int busy;              /* create_vdevice answers 74 */
    int corrupt;           /* 0 none, 1 random, 2 stale, 3 bitflip */
    long corrupt_every;
    char version[32];
    uint64_t seed;
    long reads;
} g_faults;
static uint64_t g_rng = 0x9e3779b97f4a7c15ull;
/* Calls per exported function since the faults were last set. */
static struct { const char *fn; long count; } g_calls[64];
static int g_ncalls;

static uint64_t splitmix64(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static void misuse(const char *what) {
    pthread_mutex_lock(&g_mu);
    g_misuse++;
    snprintf(g_last_misuse, sizeof g_last_misuse, "%s", what);
    pthread_mutex_unlock(&g_mu);
    fprintf(stderr, "[hailort-double] misuse: %s\n", what);
}

static void live(int kind, int delta) {
    pthread_mutex_lock(&g_mu);
    g_live[kind] += delta;
    pthread_mutex_unlock(&g_mu);
}

/* Faults: comma-separated "key=value" items.
 *   fail=<function>:<status>[@<nth>]   fail that call (every time, or only its nth call from now)
 *   timeout_read=<k>                   the k-th vstream read from now waits its timeout, then returns 4
 *   delay_read_ms=<ms>                 every read first waits ms (to show reads run off the JS thread)
 *   busy=1                             the chip is held by someone else: hailo_create_vdevice returns 74
 *   corrupt=random|stale|bitflip       corrupt outputs; corrupt_every=<n> only every n-th read
 *   version=<a.b.c>                    what hailo_get_library_version answers
 *   seed=<n>                           seed of the random corruptions */
static int parse_faults(const char *spec) {
    memset(&g_faults, 0, sizeof g_faults);
    for (int i = 0; i < g_ncalls; i++) g_calls[i].count = 0;
    g_faults.corrupt_every = 1;
    snprintf(g_faults.version, sizeof g_faults.version, "%s", HD_DEFAULT_VERSION);
    const char *env_version = getenv("HAILORT_DOUBLE_VERSION");
    if (env_version && *env_version) snprintf(g_faults.version, sizeof g_faults.version, "%s", env_version);
    if (!spec) return 0;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save = NULL;
    for (char *item = strtok_r(buf, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(item, '=');
        if (!eq) return -1;
        *eq = 0;
        const char *key = item, *value = eq + 1;
        if (!strcmp(key, "fail")) {
            if (g_faults.nrules >= MAX_FAIL_RULES) return -1;
            fail_rule *r = &g_faults.rules[g_faults.nrules++];
            const char *colon = strchr(value, ':');
            if (!colon || (size_t)(colon - value) >= sizeof r->fn) return -1;
            memcpy(r->fn, value, (size_t)(colon - value));
            r->fn[colon - value] = 0;
            r->status = atoi(colon + 1);
            const char *at = strchr(colon, '@');
            r->nth = at ? atol(at + 1) : 0;
        } else if (!strcmp(key, "timeout_read")) g_faults.timeout_read = atol(value);
        else if (!strcmp(key, "delay_read_ms")) g_faults.delay_read_ms = atol(value);
        else if (!strcmp(key, "busy")) g_faults.busy = atoi(value);
        else if (!strcmp(key, "corrupt")) {
            g_faults.corrupt = !strcmp(value, "random") ? 1 : !strcmp(value, "stale") ? 2 : !strcmp(value, "bitflip") ? 3 : -1;
            if (g_faults.corrupt < 0) return -1;
        } else if (!strcmp(key, "corrupt_every")) g_faults.corrupt_every = atol(value) > 0 ? atol(value) : 1;
        else if (!strcmp(key, "version")) snprintf(g_faults.version, sizeof g_faults.version, "%s", value);
        else if (!strcmp(key, "seed")) g_faults.seed = strtoull(value, NULL, 10);
        else return -1;
    }
    g_rng = g_faults.seed ^ 0x9e3779b97f4a7c15ull;
    return 0;
}

__attribute__((constructor)) static void hd_init(void) {
    if (parse_faults(getenv("HAILORT_DOUBLE_FAULTS")) != 0) {
        fprintf(stderr, "[hailort-double] cannot parse HAILORT_DOUBLE_FAULTS; no faults set\n");
        parse_faults(NULL);
    }
}

/* Counts the call and answers an injected status, or 0. */
static int injected(const char *fn) {
    int status = 0;
    pthread_mutex_lock(&g_mu);
    int c = 0;
    while (c < g_ncalls && strcmp(g_calls[c].fn, fn)) c++;
    if (c == g_ncalls && g_ncalls < 64) g_calls[g_ncalls++].fn = fn; /* fn is a string literal */
    if (c < 64) g_calls[c].count++;
    for (int i = 0; i < g_faults.nrules; i++) {
        fail_rule *r = &g_faults.rules[i];
        if (strcmp(r->fn, fn)) continue;
        r->seen++;
        if (r->nth == 0 || r->nth == r->seen) { status = r->status; break; }
    }
    pthread_mutex_unlock(&g_mu);
    return status;
}
#define ENTER(fn) do { int s_ = injected(fn); if (s_) return s_; } while (0)

static bool valid(const void *h, int kind) {
    const struct { uint32_t magic; int kind; bool alive; } *p = h;
    return p && p->magic == HD_MAGIC && p->kind == kind && p->alive;
}

/* ---------------------------------------------------------------- control API for tests */

EXPORT int hailort_double_set_faults(const char *spec) {
    pthread_mutex_lock(&g_mu);
    int r = parse_faults(spec);
    pthread_mutex_unlock(&g_mu);
    return r;
}
EXPORT long hailort_double_live_handles(void) {
    pthread_mutex_lock(&g_mu);
    long n = g_live[K_VDEVICE] + g_live[K_HEF] + g_live[K_INPUT] + g_live[K_OUTPUT];
    pthread_mutex_unlock(&g_mu);
    return n;
}
EXPORT long hailort_double_live(const char *kind) {
    int k = !strcmp(kind, "vdevice") ? K_VDEVICE : !strcmp(kind, "hef") ? K_HEF : !strcmp(kind, "input_vstream") ? K_INPUT
          : !strcmp(kind, "output_vstream") ? K_OUTPUT : !strcmp(kind, "network_group") ? K_GROUP : 0;
    pthread_mutex_lock(&g_mu);
    long n = k ? g_live[k] : -1;
    pthread_mutex_unlock(&g_mu);
    return n;
}
EXPORT long hailort_double_misuse_count(void) { return g_misuse; }
/* batch_size of the first network group of the last hailo_configure_vdevice (-1: none yet). */
EXPORT long hailort_double_last_batch_size(void) { return g_last_batch_size; }
/* The vdevice parameters of the last hailo_create_vdevice, as text. */
EXPORT const char *hailort_double_last_vdevice_params(void) { return g_last_vdevice_params; }
EXPORT const char *hailort_double_last_misuse(void) { return g_last_misuse; }
EXPORT long hailort_double_calls(const char *fn) {
    long n = 0;
    pthread_mutex_lock(&g_mu);
    for (int i = 0; i < g_ncalls; i++) if (!strcmp(g_calls[i].fn, fn)) n = g_calls[i].count;
    pthread_mutex_unlock(&g_mu);
    return n;
}

/* ---------------------------------------------------------------- versions, status */

EXPORT hailo_status hailo_get_library_version(hailo_version_t *version) {
    ENTER("hailo_get_library_version");
    if (!version) return HD_INVALID_ARGUMENT;
    unsigned a = 0, b = 0, c = 0;
    if (sscanf(g_faults.version, "%u.%u.%u", &a, &b, &c) != 3) return HD_INVALID_ARGUMENT;
    version->major = a; version->minor = b; version->revision = c;
    return HD_SUCCESS;
}

EXPORT const char *hailo_get_status_message(hailo_status status) {
    (void)status;
    return "status message of the libhailort test double";
}

/* ---------------------------------------------------------------- devices */

static const char *chip_path(void) {
    const char *p = getenv("HAILORT_DOUBLE_CHIP");
    return p && *p ? p : NULL;
}
static const char *chip_bdf(void) {
    const char *p = getenv("HAILORT_DOUBLE_BDF");
    return p && *p ? p : "0000:01:00.0";
}
static int chip_arch(void) {
    const char *p = getenv("HAILORT_DOUBLE_ARCH");
    return p && !strcmp(p, "hailo8l") ? HD_ARCH_HAILO8L : HD_ARCH_HAILO8;
}

EXPORT hailo_status hailo_scan_devices(hailo_scan_devices_params_t *params, hailo_device_id_t *ids, size_t *count) {
    ENTER("hailo_scan_devices");
    if (params || !count) return HD_INVALID_ARGUMENT;
    size_t n = chip_path() ? 1 : 0;
    if (*count < n) { *count = n; return HD_INSUFFICIENT_BUFFER; }
    if (n) { if (!ids) return HD_INVALID_ARGUMENT; memset(&ids[0], 0, sizeof ids[0]); snprintf(ids[0].id, sizeof ids[0].id, "%s", chip_bdf()); }
    *count = n;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_init_vdevice_params(hailo_vdevice_params_t *params) {
    ENTER("hailo_init_vdevice_params");
    if (!params) return HD_INVALID_ARGUMENT;
    memset(params, 0, sizeof *params);
    params->device_count = 1;
    params->scheduling_algorithm = 1; /* round robin: the scheduler is on by default */
    params->group_id = "UNIQUE";
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_create_vdevice(hailo_vdevice_params_t *params, hailo_vdevice *out) {
    ENTER("hailo_create_vdevice");
    if (!out) return HD_INVALID_ARGUMENT;
    bool explicit_ids = params && params->device_ids && params->device_count > 0;
    bool service = params && params->multi_process_service;
    snprintf(g_last_vdevice_params, sizeof g_last_vdevice_params, "device_count=%u ids=%s scheduler=%d group=%s service=%d",
             params ? params->device_count : 0, explicit_ids ? params->device_ids[0].id : "-", params ? params->scheduling_algorithm : -1,
             params && params->group_id ? params->group_id : "-", service ? 1 : 0);
    const char *path = chip_path();
    if (!path || g_faults.busy) return explicit_ids && path ? HD_DEVICE_IN_USE : HD_OUT_OF_PHYSICAL_DEVICES;
    if (explicit_ids && (params->device_count != 1 || strncmp(params->device_ids[0].id, chip_bdf(), sizeof params->device_ids[0].id)))
        return HD_NOT_FOUND;
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (fd < 0) return HD_OUT_OF_PHYSICAL_DEVICES;
    /* Through HailoRT's multi-process service the service holds the chip and shares it: no flock.
     * (A process holding the chip directly still blocks the service: a shared lock would need
     * the service to exist; the double keeps it simple and only skips the exclusive lock.) */
    if (!service && flock(fd, LOCK_EX | LOCK_NB) != 0) { close(fd); return explicit_ids ? HD_DEVICE_IN_USE : HD_OUT_OF_PHYSICAL_DEVICES; }
    struct _hailo_vdevice *v = calloc(1, sizeof *v);
    if (!v) { close(fd); return HD_OUT_OF_HOST_MEMORY; }
    v->magic = HD_MAGIC; v->kind = K_VDEVICE; v->alive = true; v->chip_fd = fd;
    v->device.magic = HD_MAGIC; v->device.kind = K_DEVICE; v->device.alive = true;
    live(K_VDEVICE, +1);
    *out = v;
    return HD_SUCCESS;
}

static void free_group(group_t *g);

EXPORT hailo_status hailo_release_vdevice(hailo_vdevice v) {
    ENTER("hailo_release_vdevice");
    if (!valid(v, K_VDEVICE)) { misuse("hailo_release_vdevice on an invalid or released vdevice"); return HD_INVALID_ARGUMENT; }
    for (int i = 0; i < v->ngroups; i++) free_group(v->groups[i]);
    v->alive = false; v->device.alive = false;
    close(v->chip_fd); /* releases the flock: the next vdevice can open the chip */
    live(K_VDEVICE, -1);
    /* The struct is kept (not freed) so a use after release is detected as misuse, not a crash. */
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_physical_devices(hailo_vdevice v, hailo_device *devices, size_t *count) {
    ENTER("hailo_get_physical_devices");
    if (!valid(v, K_VDEVICE)) { misuse("hailo_get_physical_devices on an invalid vdevice"); return HD_INVALID_ARGUMENT; }
    if (!count || !devices) return HD_INVALID_ARGUMENT;
    if (*count < 1) { *count = 1; return HD_INSUFFICIENT_BUFFER; }
    devices[0] = (hailo_device)&v->device;
    *count = 1;
    return HD_SUCCESS;
}

static void version_numbers(uint32_t *a, uint32_t *b, uint32_t *c) {
    unsigned x = 0, y = 0, z = 0;
    sscanf(g_faults.version, "%u.%u.%u", &x, &y, &z);
    *a = x; *b = y; *c = z;
}

EXPORT hailo_status hailo_identify(hailo_device d, hailo_device_identity_t *id) {
    ENTER("hailo_identify");
    if (!valid(d, K_DEVICE)) { misuse("hailo_identify on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (!id) return HD_INVALID_ARGUMENT;
    memset(id, 0, sizeof *id);
    id->protocol_version = 2;
    version_numbers(&id->fw_version.major, &id->fw_version.minor, &id->fw_version.revision);
    id->logger_version = 0;
    const char *board = chip_arch() == HD_ARCH_HAILO8L ? "Hailo-8L double" : "Hailo-8 double";
    id->board_name_length = (uint8_t)strlen(board);
    memcpy(id->board_name, board, strlen(board));
    id->is_release = true;
    id->device_architecture = chip_arch();
    const char *serial = "HD-0000000042";
    id->serial_number_length = (uint8_t)strlen(serial);
    memcpy(id->serial_number, serial, strlen(serial));
    const char *part = "HD-PART-1";
    id->part_number_length = (uint8_t)strlen(part);
    memcpy(id->part_number, part, strlen(part));
    const char *product = "HAILORT DOUBLE";
    id->product_name_length = (uint8_t)strlen(product);
    memcpy(id->product_name, product, strlen(product));
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_chip_temperature(hailo_device d, hailo_chip_temperature_info_t *t) {
    ENTER("hailo_get_chip_temperature");
    if (!valid(d, K_DEVICE)) { misuse("hailo_get_chip_temperature on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (!t) return HD_INVALID_ARGUMENT;
    const char *env = getenv("HAILORT_DOUBLE_TEMPERATURE");
    float c = env ? strtof(env, NULL) : 47.5f;
    t->ts0_temperature = c; t->ts1_temperature = c + 0.5f; t->sample_count = 8;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_throttling_state(hailo_device d, bool *active) {
    ENTER("hailo_get_throttling_state");
    if (!valid(d, K_DEVICE)) { misuse("hailo_get_throttling_state on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (!active) return HD_INVALID_ARGUMENT;
    const char *env = getenv("HAILORT_DOUBLE_THROTTLING");
    *active = env && !strcmp(env, "1");
    return HD_SUCCESS;
}

/* ---------------------------------------------------------------- HEF (model description) */

static int parse_type(const char *s) { return !strcmp(s, "uint8") ? HD_FORMAT_TYPE_UINT8 : !strcmp(s, "uint16") ? HD_FORMAT_TYPE_UINT16 : 0; }
static int parse_order(const char *s) {
    return !strcmp(s, "NHWC") ? HD_ORDER_NHWC : !strcmp(s, "NC") ? HD_ORDER_NC : !strcmp(s, "NHW") ? HD_ORDER_NHW
         : !strcmp(s, "NCHW") ? HD_ORDER_NCHW : !strcmp(s, "NMS") ? HD_ORDER_HAILO_NMS : !strcmp(s, "NMS_BY_CLASS") ? HD_ORDER_NMS_BY_CLASS : -1;
}

/* Parses the text description; returns 0 or a HailoRT status. */
static int parse_model(const char *text, size_t len, model_desc *m) {
    static const char magic[] = "HAILORT-DOUBLE-HEF 1";
    if (len < sizeof magic - 1 || memcmp(text, magic, sizeof magic - 1)) return HD_INVALID_HEF;
    memset(m, 0, sizeof *m);
    m->arch = HD_ARCH_HAILO8;
    char *copy = strndup(text, len);
    if (!copy) return HD_OUT_OF_HOST_MEMORY;
    int status = 0;
    char *save = NULL;
    group_desc *g = NULL;
    vstream_desc *last = NULL;
    bool per_channel = false;
    strtok_r(copy, "\n", &save); /* magic line */
    for (char *line = strtok_r(NULL, "\n", &save); line && !status; line = strtok_r(NULL, "\n", &save)) {
        char kw[32] = {0}, a[HAILO_MAX_NAME_SIZE] = {0}, b[HAILO_MAX_NAME_SIZE] = {0}, t[16] = {0}, o[16] = {0};
        if (line[0] == '#' || line[0] == 0) continue;
        if (sscanf(line, "%31s", kw) != 1) continue;
        if (!strcmp(kw, "arch")) {
            if (sscanf(line, "%*s %127s", a) != 1) status = HD_INVALID_HEF;
            else m->arch = !strcmp(a, "hailo8l") ? HD_ARCH_HAILO8L : HD_ARCH_HAILO8;
        } else if (!strcmp(kw, "network_group")) {
            int multi = 0;
            if (m->ngroups >= MAX_GROUPS || sscanf(line, "%*s %127s %d", a, &multi) < 1) { status = HD_INVALID_HEF; break; }
            g = &m->groups[m->ngroups++];
            snprintf(g->name, sizeof g->name, "%s", a);
            g->multi_context = multi != 0;
            last = NULL;
            per_channel = false;
        } else if (!strcmp(kw, "vstream")) {
            vstream_desc *v;
            unsigned h, w, f;
            float zp, scale, lo, hi;
            if (!g || g->nvs >= MAX_VSTREAMS) { status = HD_INVALID_HEF; break; }
            v = &g->vs[g->nvs];
            if (sscanf(line, "%*s %127s %127s %15s %15s %u %u %u %f %f %f %f", b, a, t, o, &h, &w, &f, &zp, &scale, &lo, &hi) != 11
                || (strcmp(b, "in") && strcmp(b, "out")) || !parse_type(t) || parse_order(o) < 0 || !h || !w || !f || !(scale > 0)) {
                status = HD_INVALID_HEF; break;
            }
            g->nvs++;
            snprintf(v->name, sizeof v->name, "%s", a);
            v->direction = !strcmp(b, "in") ? HD_H2D : HD_D2H;
            v->raw_type = parse_type(t);
            v->order = parse_order(o);
            v->height = h; v->width = w; v->features = f;
            v->nquant = 1;
            v->quant[0] = (hailo_quant_info_t){ zp, scale, lo, hi };
            last = v;
            per_channel = false;
        } else if (!strcmp(kw, "perchannel")) {
            float zp, scale, lo, hi;
            if (!last || sscanf(line, "%*s %f %f %f %f", &zp, &scale, &lo, &hi) != 4 || !(scale > 0)) { status = HD_INVALID_HEF; break; }
            /* Per-channel entries replace the tensor-wide one; the vstream info keeps showing the first. */
            if (!per_channel) { last->nquant = 0; per_channel = true; }
            if (last->nquant >= MAX_QUANTS) { status = HD_INVALID_HEF; break; }
            last->quant[last->nquant++] = (hailo_quant_info_t){ zp, scale, lo, hi };
        } else {
            status = HD_INVALID_HEF;
        }
    }
    free(copy);
    if (!status && m->ngroups == 0) status = HD_INVALID_HEF;
    return status;
}

static hailo_status new_hef(const char *text, size_t len, hailo_hef *out) {
    hef_t *h = calloc(1, sizeof *h);
    if (!h) return HD_OUT_OF_HOST_MEMORY;
    int status = parse_model(text, len, &h->model);
    if (status) { free(h); return status; }
    h->magic = HD_MAGIC; h->kind = K_HEF; h->alive = true;
    live(K_HEF, +1);
    *out = (hailo_hef)h;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_create_hef_file(hailo_hef *out, const char *path) {
    ENTER("hailo_create_hef_file");
    if (!out || !path) return HD_INVALID_ARGUMENT;
    FILE *f = fopen(path, "rb");
    if (!f) return HD_OPEN_FILE_FAILURE;
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    return new_hef(buf, n, out);
}

EXPORT hailo_status hailo_create_hef_buffer(hailo_hef *out, const void *buffer, size_t size) {
    ENTER("hailo_create_hef_buffer");
    if (!out || !buffer || !size) return HD_INVALID_ARGUMENT;
    return new_hef(buffer, size, out);
}

EXPORT hailo_status hailo_release_hef(hailo_hef hef) {
    ENTER("hailo_release_hef");
    hef_t *h = (hef_t *)hef;
    if (!valid(h, K_HEF)) { misuse("hailo_release_hef on an invalid or released hef"); return HD_INVALID_ARGUMENT; }
    h->alive = false;
    live(K_HEF, -1);
    return HD_SUCCESS;
}

static const group_desc *find_group(const model_desc *m, const char *name) {
    if (!name || !*name) return &m->groups[0];
    for (int i = 0; i < m->ngroups; i++) if (!strcmp(m->groups[i].name, name)) return &m->groups[i];
    return NULL;
}

EXPORT hailo_status hailo_get_network_groups_infos(hailo_hef hef, hailo_network_group_info_t *infos, size_t *count) {
    ENTER("hailo_get_network_groups_infos");
    hef_t *h = (hef_t *)hef;
    if (!valid(h, K_HEF)) { misuse("hailo_get_network_groups_infos on an invalid hef"); return HD_INVALID_ARGUMENT; }
    if (!infos || !count) return HD_INVALID_ARGUMENT;
    if (*count < (size_t)h->model.ngroups) { *count = (size_t)h->model.ngroups; return HD_INSUFFICIENT_BUFFER; }
    for (int i = 0; i < h->model.ngroups; i++) {
        memset(&infos[i], 0, sizeof infos[i]);
        snprintf(infos[i].name, sizeof infos[i].name, "%s", h->model.groups[i].name);
        infos[i].is_multi_context = h->model.groups[i].multi_context;
    }
    *count = (size_t)h->model.ngroups;
    return HD_SUCCESS;
}

static void fill_info(const group_desc *g, const vstream_desc *v, hailo_vstream_info_t *out) {
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", v->name);
    snprintf(out->network_name, sizeof out->network_name, "%s/%s", g->name, g->name);
    out->direction = v->direction;
    out->format.type = v->raw_type;
    out->format.order = v->order;
    out->format.flags = 0;
    if (v->order == HD_ORDER_HAILO_NMS || v->order == HD_ORDER_NMS_BY_CLASS) {
        out->nms_shape.number_of_classes = v->features;
        out->nms_shape.max_bboxes_per_class = v->height;
    } else {
        out->shape.height = v->height; out->shape.width = v->width; out->shape.features = v->features;
    }
    out->quant_info = v->quant[0];
}

EXPORT hailo_status hailo_hef_get_all_vstream_infos(hailo_hef hef, const char *name, hailo_vstream_info_t *infos, size_t *count) {
    ENTER("hailo_hef_get_all_vstream_infos");
    hef_t *h = (hef_t *)hef;
    if (!valid(h, K_HEF)) { misuse("hailo_hef_get_all_vstream_infos on an invalid hef"); return HD_INVALID_ARGUMENT; }
    if (!infos || !count) return HD_INVALID_ARGUMENT;
    const group_desc *g = find_group(&h->model, name);
    if (!g) return HD_NOT_FOUND;
    if (*count < (size_t)g->nvs) { *count = (size_t)g->nvs; return HD_INSUFFICIENT_BUFFER; }
    /* Inputs first, then outputs, as HailoRT lists them. */
    size_t k = 0;
    for (int dir = HD_H2D; dir <= HD_D2H; dir++)
        for (int i = 0; i < g->nvs; i++) if (g->vs[i].direction == dir) fill_info(g, &g->vs[i], &infos[k++]);
    *count = k;
    return HD_SUCCESS;
}

/* ---------------------------------------------------------------- configure */

EXPORT hailo_status hailo_init_configure_params_by_vdevice(hailo_hef hef, hailo_vdevice v, hailo_configure_params_t *params) {
    ENTER("hailo_init_configure_params_by_vdevice");
    hef_t *h = (hef_t *)hef;
    if (!valid(h, K_HEF) || !valid(v, K_VDEVICE)) { misuse("hailo_init_configure_params_by_vdevice on an invalid handle"); return HD_INVALID_ARGUMENT; }
    if (!params) return HD_INVALID_ARGUMENT;
    memset(params, 0, sizeof *params);
    params->network_group_params_count = (size_t)h->model.ngroups;
    for (int i = 0; i < h->model.ngroups; i++) {
        const group_desc *g = &h->model.groups[i];
        hailo_configure_network_group_params_t *p = &params->network_group_params[i];
        snprintf(p->name, sizeof p->name, "%s", g->name);
        p->stream_params_by_name_count = (size_t)g->nvs;
        for (int j = 0; j < g->nvs; j++) {
            snprintf(p->stream_params_by_name[j].name, sizeof p->stream_params_by_name[j].name, "%s", g->vs[j].name);
            p->stream_params_by_name[j].stream_params.direction = g->vs[j].direction;
        }
        p->network_params_by_name_count = 1;
        snprintf(p->network_params_by_name[0].name, sizeof p->network_params_by_name[0].name, "%s/%s", g->name, g->name);
    }
    return HD_SUCCESS;
}

static group_t *new_group(struct _hailo_vdevice *v, const group_desc *d, uint16_t batch) {
    group_t *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->magic = HD_MAGIC; g->kind = K_GROUP; g->alive = true; g->vdevice = v; g->desc = d; g->batch_size = batch;
    pthread_mutex_init(&g->mu, NULL);
    pthread_cond_init(&g->cv, NULL);
    live(K_GROUP, +1);
    return g;
}

static void free_group(group_t *g) {
    if (!g->alive) return;
    pthread_mutex_lock(&g->mu);
    g->alive = false;
    for (int i = 0; i < MAX_VSTREAMS; i++) {
        free(g->pending[i]); g->pending[i] = NULL;
        free(g->previous[i]); g->previous[i] = NULL;
        for (frame *f = g->queue[i]; f;) { frame *n = f->next; free(f->raw); free(f); f = n; }
        g->queue[i] = NULL;
    }
    pthread_cond_broadcast(&g->cv);
    pthread_mutex_unlock(&g->mu);
    live(K_GROUP, -1);
}

EXPORT hailo_status hailo_configure_vdevice(hailo_vdevice v, hailo_hef hef, hailo_configure_params_t *params,
                                            hailo_configured_network_group *groups, size_t *count) {
    ENTER("hailo_configure_vdevice");
    hef_t *h = (hef_t *)hef;
    if (!valid(v, K_VDEVICE) || !valid(h, K_HEF)) { misuse("hailo_configure_vdevice on an invalid handle"); return HD_INVALID_ARGUMENT; }
    if (!groups || !count) return HD_INVALID_ARGUMENT;
    if (h->model.arch == HD_ARCH_HAILO8 && chip_arch() == HD_ARCH_HAILO8L) return HD_INVALID_DEVICE_ARCHITECTURE;
    size_t n = params ? params->network_group_params_count : (size_t)h->model.ngroups;
    if (n == 0 || n > HAILO_MAX_NETWORK_GROUPS) return HD_INVALID_ARGUMENT;
    if (*count < n) { *count = n; return HD_INSUFFICIENT_BUFFER; }
    if (v->ngroups + (int)n > 64) return HD_OUT_OF_HOST_MEMORY;
    const group_desc *chosen[HAILO_MAX_NETWORK_GROUPS];
    uint16_t batch[HAILO_MAX_NETWORK_GROUPS];
    for (size_t i = 0; i < n; i++) {
        chosen[i] = params ? find_group(&h->model, params->network_group_params[i].name) : &h->model.groups[i];
        if (!chosen[i]) return HD_NOT_FOUND;
        batch[i] = params ? params->network_group_params[i].batch_size : 0;
    }
    g_last_batch_size = batch[0];
    for (size_t i = 0; i < n; i++) {
        group_t *g = new_group(v, chosen[i], batch[i]);
        if (!g) return HD_OUT_OF_HOST_MEMORY;
        v->groups[v->ngroups++] = g;
        groups[i] = (hailo_configured_network_group)g;
    }
    *count = n;
    return HD_SUCCESS;
}

/* ---------------------------------------------------------------- vstreams */

static size_t elements(const vstream_desc *v) { return (size_t)v->height * v->width * v->features; }
static size_t type_bytes(int type) { return type == HD_FORMAT_TYPE_FLOAT32 ? 4 : type == HD_FORMAT_TYPE_UINT16 ? 2 : 1; }
static bool is_nms(const vstream_desc *v) { return v->order == HD_ORDER_HAILO_NMS || v->order == HD_ORDER_NMS_BY_CLASS; }

static hailo_status make_params(hailo_configured_network_group ng, int dir, hailo_format_type_t type, void *out, size_t *count, const char *fn) {
    group_t *g = (group_t *)ng;
    if (!valid(g, K_GROUP)) { misuse(fn); return HD_INVALID_ARGUMENT; }
    if (!out || !count) return HD_INVALID_ARGUMENT;
    size_t n = 0;
    for (int i = 0; i < g->desc->nvs; i++) if (g->desc->vs[i].direction == dir) n++;
    if (*count < n) { *count = n; return HD_INSUFFICIENT_BUFFER; }
    hailo_input_vstream_params_by_name_t *p = out; /* same layout for inputs and outputs */
    size_t k = 0;
    for (int i = 0; i < g->desc->nvs; i++) {
        if (g->desc->vs[i].direction != dir) continue;
        memset(&p[k], 0, sizeof p[k]);
        snprintf(p[k].name, sizeof p[k].name, "%s", g->desc->vs[i].name);
        p[k].params.user_buffer_format.type = type;
        p[k].params.user_buffer_format.order = HD_ORDER_AUTO;
        p[k].params.timeout_ms = 10000;
        p[k].params.queue_size = 2;
        k++;
    }
    *count = k;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_make_input_vstream_params(hailo_configured_network_group ng, bool unused, hailo_format_type_t type,
                                                    hailo_input_vstream_params_by_name_t *params, size_t *count) {
    (void)unused;
    ENTER("hailo_make_input_vstream_params");
    return make_params(ng, HD_H2D, type, params, count, "hailo_make_input_vstream_params on an invalid network group");
}

EXPORT hailo_status hailo_make_output_vstream_params(hailo_configured_network_group ng, bool unused, hailo_format_type_t type,
                                                     hailo_output_vstream_params_by_name_t *params, size_t *count) {
    (void)unused;
    ENTER("hailo_make_output_vstream_params");
    return make_params(ng, HD_D2H, type, params, count, "hailo_make_output_vstream_params on an invalid network group");
}

static hailo_status create_vstreams(hailo_configured_network_group ng, int dir, const hailo_input_vstream_params_by_name_t *params,
                                    size_t n, void **out) {
    group_t *g = (group_t *)ng;
    if (!valid(g, K_GROUP)) { misuse("hailo_create_*_vstreams on an invalid network group"); return HD_INVALID_ARGUMENT; }
    if (!params || !out || n == 0) return HD_INVALID_ARGUMENT;
    vstream_t *made[MAX_VSTREAMS] = {0};
    if (n > MAX_VSTREAMS) return HD_INVALID_ARGUMENT;
    for (size_t k = 0; k < n; k++) {
        int index = -1;
        for (int i = 0; i < g->desc->nvs; i++)
            if (g->desc->vs[i].direction == dir && !strncmp(g->desc->vs[i].name, params[k].name, HAILO_MAX_NAME_SIZE)) index = i;
        int type = params[k].params.user_buffer_format.type;
        const vstream_desc *d = index >= 0 ? &g->desc->vs[index] : NULL;
        if (d && type == HD_FORMAT_TYPE_AUTO) type = d->raw_type;
        hailo_status status = !d ? HD_NOT_FOUND
            : (type != HD_FORMAT_TYPE_FLOAT32 && type != d->raw_type) ? HD_INVALID_ARGUMENT : HD_SUCCESS;
        vstream_t *s = status ? NULL : calloc(1, sizeof *s);
        if (!status && !s) status = HD_OUT_OF_HOST_MEMORY;
        if (status) {
            for (size_t j = 0; j < k; j++) { made[j]->alive = false; live(dir == HD_H2D ? K_INPUT : K_OUTPUT, -1); }
            return status;
        }
        s->magic = HD_MAGIC; s->kind = dir == HD_H2D ? K_INPUT : K_OUTPUT; s->alive = true;
        s->group = g; s->index = index; s->user_type = type;
        s->timeout_ms = params[k].params.timeout_ms ? params[k].params.timeout_ms : 10000;
        s->frame_size = is_nms(d) ? (size_t)d->features * (4 + (size_t)d->height * 20) : elements(d) * type_bytes(type);
        made[k] = s;
        live(s->kind, +1);
    }
    for (size_t k = 0; k < n; k++) out[k] = made[k];
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_create_input_vstreams(hailo_configured_network_group ng, const hailo_input_vstream_params_by_name_t *params,
                                                size_t n, hailo_input_vstream *out) {
    ENTER("hailo_create_input_vstreams");
    return create_vstreams(ng, HD_H2D, params, n, (void **)out);
}

EXPORT hailo_status hailo_create_output_vstreams(hailo_configured_network_group ng, const hailo_output_vstream_params_by_name_t *params,
                                                 size_t n, hailo_output_vstream *out) {
    ENTER("hailo_create_output_vstreams");
    return create_vstreams(ng, HD_D2H, (const hailo_input_vstream_params_by_name_t *)params, n, (void **)out);
}

static hailo_status release_vstreams(void *const *handles, size_t n, int kind, const char *fn) {
    if (!handles) return HD_INVALID_ARGUMENT;
    hailo_status status = HD_SUCCESS;
    for (size_t i = 0; i < n; i++) {
        vstream_t *s = handles[i];
        if (!valid(s, kind)) { misuse(fn); status = HD_INVALID_ARGUMENT; continue; }
        if (!s->group->alive) misuse("vstream released after its vdevice");
        s->alive = false;
        live(kind, -1);
    }
    return status;
}

EXPORT hailo_status hailo_release_input_vstreams(const hailo_input_vstream *v, size_t n) {
    ENTER("hailo_release_input_vstreams");
    return release_vstreams((void *const *)v, n, K_INPUT, "hailo_release_input_vstreams on an invalid or released vstream");
}

EXPORT hailo_status hailo_release_output_vstreams(const hailo_output_vstream *v, size_t n) {
    ENTER("hailo_release_output_vstreams");
    return release_vstreams((void *const *)v, n, K_OUTPUT, "hailo_release_output_vstreams on an invalid or released vstream");
}

static vstream_t *checked(const void *h, int kind, const char *fn) {
    vstream_t *s = (vstream_t *)h;
    if (!valid(s, kind) || !s->group->alive) { misuse(fn); return NULL; }
    return s;
}

EXPORT hailo_status hailo_get_input_vstream_frame_size(hailo_input_vstream v, size_t *size) {
    ENTER("hailo_get_input_vstream_frame_size");
    vstream_t *s = checked(v, K_INPUT, "hailo_get_input_vstream_frame_size on an invalid vstream");
    if (!s || !size) return HD_INVALID_ARGUMENT;
    *size = s->frame_size;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_output_vstream_frame_size(hailo_output_vstream v, size_t *size) {
    ENTER("hailo_get_output_vstream_frame_size");
    vstream_t *s = checked(v, K_OUTPUT, "hailo_get_output_vstream_frame_size on an invalid vstream");
    if (!s || !size) return HD_INVALID_ARGUMENT;
    *size = s->frame_size;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_input_vstream_info(hailo_input_vstream v, hailo_vstream_info_t *info) {
    ENTER("hailo_get_input_vstream_info");
    vstream_t *s = checked(v, K_INPUT, "hailo_get_input_vstream_info on an invalid vstream");
    if (!s || !info) return HD_INVALID_ARGUMENT;
    fill_info(s->group->desc, &s->group->desc->vs[s->index], info);
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_output_vstream_info(hailo_output_vstream v, hailo_vstream_info_t *info) {
    ENTER("hailo_get_output_vstream_info");
    vstream_t *s = checked(v, K_OUTPUT, "hailo_get_output_vstream_info on an invalid vstream");
    if (!s || !info) return HD_INVALID_ARGUMENT;
    fill_info(s->group->desc, &s->group->desc->vs[s->index], info);
    return HD_SUCCESS;
}

static hailo_status quant_infos(vstream_t *s, hailo_quant_info_t *out, size_t *count) {
    if (!s || !out || !count) return HD_INVALID_ARGUMENT;
    const vstream_desc *d = &s->group->desc->vs[s->index];
    if (*count < (size_t)d->nquant) { *count = (size_t)d->nquant; return HD_INSUFFICIENT_BUFFER; }
    memcpy(out, d->quant, sizeof d->quant[0] * (size_t)d->nquant);
    *count = (size_t)d->nquant;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_input_vstream_quant_infos(hailo_input_vstream v, hailo_quant_info_t *out, size_t *count) {
    ENTER("hailo_get_input_vstream_quant_infos");
    return quant_infos(checked(v, K_INPUT, "hailo_get_input_vstream_quant_infos on an invalid vstream"), out, count);
}

EXPORT hailo_status hailo_get_output_vstream_quant_infos(hailo_output_vstream v, hailo_quant_info_t *out, size_t *count) {
    ENTER("hailo_get_output_vstream_quant_infos");
    return quant_infos(checked(v, K_OUTPUT, "hailo_get_output_vstream_quant_infos on an invalid vstream"), out, count);
}

/* ---------------------------------------------------------------- the software chip */

static size_t channel_of(const vstream_desc *d, size_t i) {
    if (d->order == HD_ORDER_NCHW) return (i / ((size_t)d->height * d->width)) % d->features;
    return i % d->features; /* NHWC, NHW, NC: features are the fastest axis */
}
static const hailo_quant_info_t *quant_of(const vstream_desc *d, size_t i) {
    return d->nquant > 1 ? &d->quant[channel_of(d, i) % (size_t)d->nquant] : &d->quant[0];
}
static bool identity(const hailo_quant_info_t *q) { return q->qp_scale == 1.0f && q->qp_zp == 0.0f; }

/* HailoRT's host-side quantization (quantization.hpp): clip, x / scale + zp, rintf, cast.
 * Identity quantization only rounds and casts (no clipping). The cast goes through int64 so an
 * out-of-range value wraps as it does in practice, without C's undefined float->unsigned cast. */
static void quantize(const vstream_desc *d, const float *src, uint8_t *dst) {
    size_t n = elements(d);
    for (size_t i = 0; i < n; i++) {
        const hailo_quant_info_t *q = quant_of(d, i);
        float r;
        if (identity(q)) r = rintf(src[i]);
        else {
            float x = src[i];
            if (x >= q->limvals_max) x = q->limvals_max;
            else if (x <= q->limvals_min) x = q->limvals_min;
            r = rintf(x / q->qp_scale + q->qp_zp);
        }
        if (d->raw_type == HD_FORMAT_TYPE_UINT16) ((uint16_t *)dst)[i] = (uint16_t)(int64_t)r;
        else dst[i] = (uint8_t)(int64_t)r;
    }
}

/* (q - zp) * scale in float32; identity just casts. */
static void dequantize(const vstream_desc *d, const uint8_t *src, float *dst) {
    size_t n = elements(d);
    for (size_t i = 0; i < n; i++) {
        const hailo_quant_info_t *q = quant_of(d, i);
        float v = d->raw_type == HD_FORMAT_TYPE_UINT16 ? (float)((const uint16_t *)src)[i] : (float)src[i];
        dst[i] = identity(q) ? v : (v - q->qp_zp) * q->qp_scale;
    }
}

/* The chip's function: every output byte depends on every input byte, deterministically. */
static void compute(group_t *g) {
    const group_desc *d = g->desc;
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < d->nvs; i++) {
        if (d->vs[i].direction != HD_H2D) continue;
        size_t n = elements(&d->vs[i]) * type_bytes(d->vs[i].raw_type);
        const uint8_t *p = g->pending[i];
        for (size_t k = 0; k < n; k++) { h ^= p[k]; h *= 0x100000001b3ull; }
    }
    for (int o = 0; o < d->nvs; o++) {
        const vstream_desc *v = &d->vs[o];
        if (v->direction != HD_D2H) continue;
        size_t n = elements(v);
        size_t bytes = is_nms(v) ? (size_t)v->features * (4 + (size_t)v->height * 20) : n * type_bytes(v->raw_type);
        uint8_t *raw = malloc(bytes);
        frame *f = malloc(sizeof *f);
        if (!raw || !f) { free(raw); free(f); continue; }
        uint64_t s = h ^ ((uint64_t)(o + 1) * 0x9e3779b97f4a7c15ull);
        if (is_nms(v)) memset(raw, 0, bytes);
        else if (v->raw_type == HD_FORMAT_TYPE_UINT16) for (size_t k = 0; k < n; k++) ((uint16_t *)raw)[k] = (uint16_t)splitmix64(&s);
        else for (size_t k = 0; k < n; k++) raw[k] = (uint8_t)splitmix64(&s);
        f->raw = raw; f->next = NULL;
        frame **tail = &g->queue[o];
        int depth = 0;
        while (*tail) { tail = &(*tail)->next; depth++; }
        if (depth >= MAX_QUEUE) { free(raw); free(f); continue; } /* nobody reads: drop, like a full queue */
        *tail = f;
    }
    for (int i = 0; i < d->nvs; i++) g->written[i] = false;
    pthread_cond_broadcast(&g->cv);
}

EXPORT hailo_status hailo_vstream_write_raw_buffer(hailo_input_vstream v, const void *buffer, size_t size) {
    ENTER("hailo_vstream_write_raw_buffer");
    vstream_t *s = checked(v, K_INPUT, "hailo_vstream_write_raw_buffer on an invalid vstream");
    if (!s || !buffer) return HD_INVALID_ARGUMENT;
    if (size != s->frame_size) return HD_INVALID_ARGUMENT;
    group_t *g = s->group;
    const vstream_desc *d = &g->desc->vs[s->index];
    size_t raw_bytes = elements(d) * type_bytes(d->raw_type);
    pthread_mutex_lock(&g->mu);
    if (!g->pending[s->index]) g->pending[s->index] = malloc(raw_bytes);
    uint8_t *dst = g->pending[s->index];
    if (!dst) { pthread_mutex_unlock(&g->mu); return HD_OUT_OF_HOST_MEMORY; }
    if (s->user_type == HD_FORMAT_TYPE_FLOAT32) quantize(d, buffer, dst);
    else memcpy(dst, buffer, raw_bytes);
    g->written[s->index] = true;
    bool all = true;
    for (int i = 0; i < g->desc->nvs; i++) if (g->desc->vs[i].direction == HD_H2D && !g->written[i]) all = false;
    if (all) compute(g);
    pthread_mutex_unlock(&g->mu);
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_flush_input_vstream(hailo_input_vstream v) {
    ENTER("hailo_flush_input_vstream");
    return checked(v, K_INPUT, "hailo_flush_input_vstream on an invalid vstream") ? HD_SUCCESS : HD_INVALID_ARGUMENT;
}

static void sleep_ms(long ms) {
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {}
}

static void corrupt(group_t *g, int index, uint8_t *raw, size_t bytes) {
    if (g_faults.corrupt == 1) for (size_t k = 0; k < bytes; k++) raw[k] = (uint8_t)splitmix64(&g_rng);
    else if (g_faults.corrupt == 3) raw[splitmix64(&g_rng) % bytes] ^= (uint8_t)(1u << (splitmix64(&g_rng) % 8));
    else if (g_faults.corrupt == 2 && g->previous[index]) memcpy(raw, g->previous[index], bytes);
}

EXPORT hailo_status hailo_vstream_read_raw_buffer(hailo_output_vstream v, void *buffer, size_t size) {
    ENTER("hailo_vstream_read_raw_buffer");
    vstream_t *s = checked(v, K_OUTPUT, "hailo_vstream_read_raw_buffer on an invalid vstream");
    if (!s || !buffer) return HD_INVALID_ARGUMENT;
    if (size != s->frame_size) return HD_INVALID_ARGUMENT;
    pthread_mutex_lock(&g_mu);
    long read_no = ++g_faults.reads;
    long delay = g_faults.delay_read_ms;
    bool time_out = g_faults.timeout_read && read_no == g_faults.timeout_read;
    bool do_corrupt = g_faults.corrupt && read_no % g_faults.corrupt_every == 0;
    pthread_mutex_unlock(&g_mu);
    if (delay > 0) sleep_ms(delay);
    group_t *g = s->group;
    const vstream_desc *d = &g->desc->vs[s->index];
    pthread_mutex_lock(&g->mu);
    if (time_out) {
        /* The chip never answers this frame: wait the vstream's timeout, drop the frame, report 4. */
        pthread_mutex_unlock(&g->mu);
        sleep_ms((long)s->timeout_ms);
        pthread_mutex_lock(&g->mu);
        frame *f = g->queue[s->index];
        if (f) { g->queue[s->index] = f->next; free(f->raw); free(f); }
        pthread_mutex_unlock(&g->mu);
        return HD_TIMEOUT;
    }
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += s->timeout_ms / 1000;
    deadline.tv_nsec += (long)(s->timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
    while (g->alive && s->alive && !g->queue[s->index]) {
        if (pthread_cond_timedwait(&g->cv, &g->mu, &deadline) == ETIMEDOUT) break;
    }
    frame *f = g->queue[s->index];
    if (!g->alive || !s->alive) { pthread_mutex_unlock(&g->mu); return HD_STREAM_ABORT; }
    if (!f) { pthread_mutex_unlock(&g->mu); return HD_TIMEOUT; }
    g->queue[s->index] = f->next;
    size_t raw_bytes = is_nms(d) ? s->frame_size : elements(d) * type_bytes(d->raw_type);
    uint8_t *current = malloc(raw_bytes);
    if (current) memcpy(current, f->raw, raw_bytes);
    if (do_corrupt) corrupt(g, s->index, f->raw, raw_bytes);
    if (is_nms(d) || s->user_type != HD_FORMAT_TYPE_FLOAT32) memcpy(buffer, f->raw, raw_bytes);
    else dequantize(d, f->raw, buffer);
    free(g->previous[s->index]);
    g->previous[s->index] = current;
    free(f->raw);
    free(f);
    pthread_mutex_unlock(&g->mu);
    return HD_SUCCESS;
}
