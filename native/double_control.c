/*
 * The double's faults, counters and control API (hailort_double_* functions for the tests).
 */
#define _GNU_SOURCE
#include "double_internal.h"

#include <alloca.h>

/* ---------------------------------------------------------------- global state */

pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
faults_t g_faults;
uint64_t g_rng = 0x9e3779b97f4a7c15ull;
long g_last_batch_size = -1;
char g_last_vdevice_params[160];
static long g_live[8];
static long g_misuse;
static char g_last_misuse[256];
/* Calls per exported function since the faults were last set. */
static struct { const char *fn; long count; } g_calls[64];
static int g_ncalls;

uint64_t splitmix64(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void misuse(const char *what) {
    pthread_mutex_lock(&g_mu);
    g_misuse++;
    snprintf(g_last_misuse, sizeof g_last_misuse, "%s", what);
    pthread_mutex_unlock(&g_mu);
    fprintf(stderr, "[hailort-double] misuse: %s\n", what);
}

void live(int kind, int delta) {
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
 *   convert=unit|bytes                 convert float32 input the wrong way, as a host bug would: pixels
 *                                      0-255 taken as 0-1 (clipped to [0,1], x255), or the float
 *                                      buffer's bytes sent as the frame
 *   version=<a.b.c>                    what hailo_get_library_version answers
 *   seed=<n>                           seed of the random corruptions
 *   temperature=, temperature_rise=, throttling=, throttle_from=, notify=<name>@<k>: see double_notify.c */
static int parse_faults(const char *spec) {
    memset(&g_faults, 0, sizeof g_faults);
    for (int i = 0; i < g_ncalls; i++) g_calls[i].count = 0;
    notifier_reset_stats();
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
        } else if (!strcmp(key, "convert")) {
            g_faults.convert = !strcmp(value, "unit") ? 1 : !strcmp(value, "bytes") ? 2 : -1;
            if (g_faults.convert < 0) return -1;
        } else if (!strcmp(key, "corrupt_every")) g_faults.corrupt_every = atol(value) > 0 ? atol(value) : 1;
        else if (!strcmp(key, "version")) snprintf(g_faults.version, sizeof g_faults.version, "%s", value);
        else if (!strcmp(key, "seed")) g_faults.seed = strtoull(value, NULL, 10);
        else if (!strcmp(key, "temperature")) { g_faults.has_temperature = true; g_faults.temperature = strtof(value, NULL); }
        else if (!strcmp(key, "temperature_rise")) g_faults.temperature_rise = strtof(value, NULL);
        else if (!strcmp(key, "throttling")) g_faults.throttling = atoi(value);
        else if (!strcmp(key, "throttle_from")) g_faults.throttle_from = atol(value);
        else if (!strcmp(key, "notify")) {
            char *at = strchr(value, '@');
            if (!at || g_faults.nnotify >= 8) return -1;
            *at = 0;
            int id = notification_id_of(value);
            if (id < 0 || atol(at + 1) < 1) return -1;
            g_faults.notify[g_faults.nnotify].id = id;
            g_faults.notify[g_faults.nnotify++].frame = atol(at + 1);
        }
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

int injected(const char *fn) {
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

bool valid(const void *h, int kind) {
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

/* Puts kib KiB on the caller's stack: shows how much stack a call (koffi .async included) gets. */
EXPORT int hailort_double_use_stack(int kib) {
    if (kib <= 0 || kib > 8192) return -1;
    volatile char *buf = alloca((size_t)kib * 1024);
    for (size_t i = 0; i < (size_t)kib * 1024; i += 512) buf[i] = (char)i;
    return buf[0] + 1;
}
