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
 * - Faults, set with HAILORT_DOUBLE_FAULTS or hailort_double_set_faults(): see parse_faults() in double_control.c.
 * - hailort_double_live_handles() / _misuse_count() let tests prove nothing leaks and nothing is
 *   used after release.
 *
 * Files: hailort_abi.h (the declarations, checked against the measured table), this header,
 * double_control.c (faults, counters, control API), double_device.c (versions, devices, vdevices),
 * double_hef.c (model descriptions, HEF queries), double_stream.c (configure, vstreams),
 * double_infer.c (the software chip: conversions, compute, write/read).
 * Nothing here is exported: the library is built with -fvisibility=hidden; only EXPORT symbols are.
 */
#ifndef VITEST_HAILO_DOUBLE_INTERNAL_H
#define VITEST_HAILO_DOUBLE_INTERNAL_H

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
    struct hd_notifier *notifier;   /* the device's notification thread (double_notify.c) */
};

typedef struct {
    uint32_t magic; int kind; bool alive;
    model_desc model;
} hef_t;

/* ---------------------------------------------------------------- shared state (double_control.c) */

typedef struct { char fn[64]; int status; long nth; long seen; } fail_rule;
typedef struct {
    int nrules;
    fail_rule rules[MAX_FAIL_RULES];
    long timeout_read;     /* the k-th read (1-based) times out; 0: never */
    long delay_read_ms;    /* every read waits this long first */
    int busy;              /* create_vdevice answers 74 */
    int corrupt;           /* 0 none, 1 random, 2 stale, 3 bitflip */
    long corrupt_every;
    int convert;           /* float32 host input: 0 right (HailoRT's), 1 unit (taken as 0-1), 2 bytes (reinterpreted) */
    char version[32];
    uint64_t seed;
    long reads;
    /* Board health (double_notify.c). */
    bool has_temperature; float temperature;   /* temperature=<c>: else HAILORT_DOUBLE_TEMPERATURE, else 47.5 */
    float temperature_rise;                    /* temperature_rise=<c>: added per frame computed */
    int throttling;                            /* throttling=1 */
    long throttle_from;                        /* throttle_from=<k>: throttling from the k-th frame on */
    int nnotify;
    struct { int id; long frame; } notify[8];  /* notify=<name>@<k>: fired at the k-th frame */
    long frames;                               /* frames computed since the faults were set */
} faults_t;

extern pthread_mutex_t g_mu;
extern faults_t g_faults;
extern uint64_t g_rng;
extern long g_last_batch_size;
extern char g_last_vdevice_params[160];

uint64_t splitmix64(uint64_t *s);
void misuse(const char *what);
void live(int kind, int delta);
/* Counts the call and answers an injected status, or 0. */
int injected(const char *fn);
bool valid(const void *h, int kind);
#define ENTER(fn) do { int s_ = injected(fn); if (s_) return s_; } while (0)

/* double_notify.c */
void notifier_start(struct _hailo_vdevice *v);
/* Stops and joins the vdevice's notification thread; returns the callbacks still registered. */
int notifier_stop(struct _hailo_vdevice *v);
/* A frame was computed on v's chip: count it, fire the notifications set for it. */
void notifier_frame_computed(struct _hailo_vdevice *v);
/* Before a read returns: wait (bounded) until every fired notification has been delivered. */
void notifier_wait_delivered(struct _hailo_vdevice *v);
int notification_id_of(const char *name);
/* Zeroes the delivery statistics (not the callbacks registered): part of setting the faults. */
void notifier_reset_stats(void);

/* double_device.c */
int chip_arch(void);
/* double_hef.c */
const group_desc *find_group(const model_desc *m, const char *name);
void fill_info(const group_desc *g, const vstream_desc *v, hailo_vstream_info_t *out);
bool is_nms(const vstream_desc *v);
/* double_stream.c */
void free_group(group_t *g);
size_t elements(const vstream_desc *v);
size_t type_bytes(int type);
vstream_t *checked(const void *h, int kind, const char *fn);

#endif
