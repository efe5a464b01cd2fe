/*
 * Board health in the double: chip temperature, throttling, and the device's notifications.
 *
 * Like HailoRT's D2H notification thread (device_internal.cpp), each vdevice's device has one
 * thread that delivers notifications: it takes the registered callback under a lock, lets the lock
 * go, and calls the callback on its own thread. hailo_release_vdevice stops and joins it, so no
 * callback runs after the release returns.
 *
 * Faults (hailort_double_set_faults / HAILORT_DOUBLE_FAULTS):
 *   temperature=<c>        ts0 (ts1 = ts0 + 0.5); else HAILORT_DOUBLE_TEMPERATURE, else 47.5
 *   temperature_rise=<c>   added per frame computed since the faults were set
 *   throttling=1           hailo_get_throttling_state answers true
 *   throttle_from=<k>      ... from the k-th frame on
 *   notify=<name>@<k>      the k-th frame fires notification <name> (up to 8 items); the frame's reads
 *                          return only after the callback has returned (bounded by 5 s), so the event
 *                          lands while that inference runs
 * Names: temperature_alarm, dataflow_shutdown, overcurrent, lcu_ecc_correctable, lcu_ecc_uncorrectable,
 * cpu_ecc_error, cpu_ecc_fatal, clock_changed, runtime_error.
 */
#define _GNU_SOURCE
#include "double_internal.h"

#define MAX_PENDING 16

struct hd_notifier {
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop;
    hailo_notification_callback callbacks[HD_NOTIFICATION_ID_COUNT];
    void *opaques[HD_NOTIFICATION_ID_COUNT];
    hailo_notification_t pending[MAX_PENDING];
    int npending;
    long fired, delivered;
    uint32_t sequence;
};

/* Open vdevices, for hailort_double_fire. */
#define MAX_OPEN 16
static pthread_mutex_t g_open_mu = PTHREAD_MUTEX_INITIALIZER;
static struct _hailo_vdevice *g_open[MAX_OPEN];

/* Process-wide statistics for the tests. */
static long g_registered;       /* callbacks registered now, every device */
static long g_left_at_release;  /* callbacks still registered when their vdevice was released */
static long g_delivered;        /* callbacks called */
static long g_last_callback_us; /* how long the last callback held the notification thread */
static long g_max_callback_us;

static const struct { const char *name; int id; } NAMES[] = {
    { "temperature_alarm", HD_NOTIFICATION_ID_HEALTH_MONITOR_TEMPERATURE_ALARM },
    { "dataflow_shutdown", HD_NOTIFICATION_ID_HEALTH_MONITOR_DATAFLOW_SHUTDOWN },
    { "overcurrent", HD_NOTIFICATION_ID_HEALTH_MONITOR_OVERCURRENT_ALARM },
    { "lcu_ecc_correctable", HD_NOTIFICATION_ID_LCU_ECC_CORRECTABLE_ERROR },
    { "lcu_ecc_uncorrectable", HD_NOTIFICATION_ID_LCU_ECC_UNCORRECTABLE_ERROR },
    { "cpu_ecc_error", HD_NOTIFICATION_ID_CPU_ECC_ERROR },
    { "cpu_ecc_fatal", HD_NOTIFICATION_ID_CPU_ECC_FATAL },
    { "clock_changed", HD_NOTIFICATION_ID_HEALTH_MONITOR_CLOCK_CHANGED_EVENT },
    { "runtime_error", HD_NOTIFICATION_ID_CONTEXT_SWITCH_RUN_TIME_ERROR_EVENT },
};

int notification_id_of(const char *name) {
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) if (!strcmp(NAMES[i].name, name)) return NAMES[i].id;
    return -1;
}

static long now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000L + t.tv_nsec / 1000;
}

static struct _hailo_vdevice *vdevice_of(hailo_device d) {
    return (struct _hailo_vdevice *)((char *)d - offsetof(struct _hailo_vdevice, device));
}

/* ---------------------------------------------------------------- temperature, throttling */

static float temperature_now(void) {
    pthread_mutex_lock(&g_mu);
    float base = 47.5f;
    const char *env = getenv("HAILORT_DOUBLE_TEMPERATURE");
    if (env) base = strtof(env, NULL);
    if (g_faults.has_temperature) base = g_faults.temperature;
    float t = base + g_faults.temperature_rise * (float)g_faults.frames;
    pthread_mutex_unlock(&g_mu);
    return t;
}

EXPORT hailo_status hailo_get_chip_temperature(hailo_device d, hailo_chip_temperature_info_t *t) {
    ENTER("hailo_get_chip_temperature");
    if (!valid(d, K_DEVICE)) { misuse("hailo_get_chip_temperature on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (!t) return HD_INVALID_ARGUMENT;
    float c = temperature_now();
    t->ts0_temperature = c; t->ts1_temperature = c + 0.5f; t->sample_count = 8;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_get_throttling_state(hailo_device d, bool *active) {
    ENTER("hailo_get_throttling_state");
    if (!valid(d, K_DEVICE)) { misuse("hailo_get_throttling_state on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (!active) return HD_INVALID_ARGUMENT;
    const char *env = getenv("HAILORT_DOUBLE_THROTTLING");
    pthread_mutex_lock(&g_mu);
    *active = (env && !strcmp(env, "1")) || g_faults.throttling ||
              (g_faults.throttle_from > 0 && g_faults.frames >= g_faults.throttle_from);
    pthread_mutex_unlock(&g_mu);
    return HD_SUCCESS;
}

/* ---------------------------------------------------------------- callbacks */

EXPORT hailo_status hailo_set_notification_callback(hailo_device d, hailo_notification_callback callback,
                                                    hailo_notification_id_t id, void *opaque) {
    ENTER("hailo_set_notification_callback");
    if (!valid(d, K_DEVICE)) { misuse("hailo_set_notification_callback on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (!callback || id < 0 || id >= HD_NOTIFICATION_ID_COUNT) return HD_INVALID_ARGUMENT;
    struct hd_notifier *n = vdevice_of(d)->notifier;
    if (!n) return HD_INVALID_OPERATION;
    pthread_mutex_lock(&n->mu);
    bool was = n->callbacks[id] != NULL;
    n->callbacks[id] = callback; n->opaques[id] = opaque;
    pthread_mutex_unlock(&n->mu);
    if (!was) { pthread_mutex_lock(&g_mu); g_registered++; pthread_mutex_unlock(&g_mu); }
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_remove_notification_callback(hailo_device d, hailo_notification_id_t id) {
    ENTER("hailo_remove_notification_callback");
    if (!valid(d, K_DEVICE)) { misuse("hailo_remove_notification_callback on an invalid device"); return HD_INVALID_ARGUMENT; }
    if (id < 0 || id >= HD_NOTIFICATION_ID_COUNT) return HD_INVALID_ARGUMENT;
    struct hd_notifier *n = vdevice_of(d)->notifier;
    if (!n) return HD_INVALID_OPERATION;
    pthread_mutex_lock(&n->mu);
    bool was = n->callbacks[id] != NULL;
    n->callbacks[id] = NULL; n->opaques[id] = NULL;
    pthread_mutex_unlock(&n->mu);
    if (was) { pthread_mutex_lock(&g_mu); g_registered--; pthread_mutex_unlock(&g_mu); }
    return HD_SUCCESS;
}

/* ---------------------------------------------------------------- the notification thread */

static void *notifier_main(void *arg) {
    struct _hailo_vdevice *v = arg;
    struct hd_notifier *n = v->notifier;
    pthread_mutex_lock(&n->mu);
    for (;;) {
        while (!n->stop && n->npending == 0) pthread_cond_wait(&n->cv, &n->mu);
        if (n->npending == 0) break; /* stopping, nothing left */
        hailo_notification_t note = n->pending[0];
        memmove(&n->pending[0], &n->pending[1], sizeof note * (size_t)(--n->npending));
        hailo_notification_callback cb = n->callbacks[note.id];
        void *opaque = n->opaques[note.id];
        /* As HailoRT does: the lock is let go before the callback, which may call back into the library. */
        pthread_mutex_unlock(&n->mu);
        if (cb) {
            long t0 = now_us();
            cb((hailo_device)&v->device, &note, opaque);
            long took = now_us() - t0;
            pthread_mutex_lock(&g_mu);
            g_delivered++; g_last_callback_us = took;
            if (took > g_max_callback_us) g_max_callback_us = took;
            pthread_mutex_unlock(&g_mu);
        }
        pthread_mutex_lock(&n->mu);
        n->delivered++;
        pthread_cond_broadcast(&n->cv);
    }
    pthread_mutex_unlock(&n->mu);
    return NULL;
}

void notifier_start(struct _hailo_vdevice *v) {
    struct hd_notifier *n = calloc(1, sizeof *n);
    if (!n) return;
    pthread_mutex_init(&n->mu, NULL);
    pthread_cond_init(&n->cv, NULL);
    v->notifier = n;
    if (pthread_create(&n->thread, NULL, notifier_main, v) != 0) { free(n); v->notifier = NULL; return; }
    pthread_mutex_lock(&g_open_mu);
    for (int i = 0; i < MAX_OPEN; i++) if (!g_open[i]) { g_open[i] = v; break; }
    pthread_mutex_unlock(&g_open_mu);
}

int notifier_stop(struct _hailo_vdevice *v) {
    struct hd_notifier *n = v->notifier;
    if (!n) return 0;
    pthread_mutex_lock(&g_open_mu);
    for (int i = 0; i < MAX_OPEN; i++) if (g_open[i] == v) g_open[i] = NULL;
    pthread_mutex_unlock(&g_open_mu);
    pthread_mutex_lock(&n->mu);
    n->stop = true;
    n->npending = 0; /* undelivered notifications die with the device */
    int left = 0;
    for (int i = 0; i < HD_NOTIFICATION_ID_COUNT; i++) if (n->callbacks[i]) { left++; n->callbacks[i] = NULL; }
    pthread_cond_broadcast(&n->cv);
    pthread_mutex_unlock(&n->mu);
    pthread_join(n->thread, NULL); /* a callback in flight finishes first */
    pthread_mutex_lock(&g_mu);
    g_registered -= left; g_left_at_release += left;
    pthread_mutex_unlock(&g_mu);
    v->notifier = NULL;
    free(n);
    return left;
}

static void payload(hailo_notification_t *note, float c) {
    hailo_notification_message_parameters_t *b = &note->body;
    switch (note->id) {
    case HD_NOTIFICATION_ID_HEALTH_MONITOR_TEMPERATURE_ALARM:
        b->health_monitor_temperature_alarm_notification.temperature_zone = 1; /* orange */
        b->health_monitor_temperature_alarm_notification.alarm_ts_id = 0;
        b->health_monitor_temperature_alarm_notification.ts0_temperature = c;
        b->health_monitor_temperature_alarm_notification.ts1_temperature = c + 0.5f;
        break;
    case HD_NOTIFICATION_ID_HEALTH_MONITOR_DATAFLOW_SHUTDOWN:
        b->health_monitor_dataflow_shutdown_notification.ts0_temperature = c;
        b->health_monitor_dataflow_shutdown_notification.ts1_temperature = c + 0.5f;
        break;
    case HD_NOTIFICATION_ID_HEALTH_MONITOR_OVERCURRENT_ALARM:
        b->health_monitor_overcurrent_alert_notification.overcurrent_zone = 1; /* red */
        b->health_monitor_overcurrent_alert_notification.exceeded_alert_threshold = 7.5f;
        b->health_monitor_overcurrent_alert_notification.is_last_overcurrent_violation_reached = false;
        break;
    case HD_NOTIFICATION_ID_LCU_ECC_CORRECTABLE_ERROR:
    case HD_NOTIFICATION_ID_LCU_ECC_UNCORRECTABLE_ERROR:
        b->health_monitor_lcu_ecc_error_notification.cluster_error = 0x0004; /* cluster 2 */
        break;
    case HD_NOTIFICATION_ID_CPU_ECC_ERROR:
    case HD_NOTIFICATION_ID_CPU_ECC_FATAL:
        b->health_monitor_cpu_ecc_notification.memory_bitmap = 0x1;
        break;
    case HD_NOTIFICATION_ID_HEALTH_MONITOR_CLOCK_CHANGED_EVENT:
        b->health_monitor_clock_changed_notification.previous_clock = 400000000u;
        b->health_monitor_clock_changed_notification.current_clock = 200000000u;
        break;
    case HD_NOTIFICATION_ID_CONTEXT_SWITCH_RUN_TIME_ERROR_EVENT:
        b->context_switch_run_time_error.exit_status = 3;
        b->context_switch_run_time_error.network_group_index = 0;
        b->context_switch_run_time_error.batch_index = 0;
        b->context_switch_run_time_error.context_index = 1;
        b->context_switch_run_time_error.action_index = 2;
        break;
    default: break;
    }
}

static void fire(struct _hailo_vdevice *v, int id) {
    struct hd_notifier *n = v->notifier;
    if (!n) return;
    float c = temperature_now();
    pthread_mutex_lock(&n->mu);
    if (n->npending < MAX_PENDING && !n->stop) {
        hailo_notification_t *note = &n->pending[n->npending++];
        memset(note, 0, sizeof *note);
        note->id = id;
        note->sequence = ++n->sequence;
        payload(note, c);
        n->fired++;
        pthread_cond_broadcast(&n->cv);
    }
    pthread_mutex_unlock(&n->mu);
}

void notifier_frame_computed(struct _hailo_vdevice *v) {
    int ids[8], k = 0;
    pthread_mutex_lock(&g_mu);
    long frame = ++g_faults.frames;
    for (int i = 0; i < g_faults.nnotify; i++) if (g_faults.notify[i].frame == frame) ids[k++] = g_faults.notify[i].id;
    pthread_mutex_unlock(&g_mu);
    for (int i = 0; i < k; i++) fire(v, ids[i]);
}

void notifier_wait_delivered(struct _hailo_vdevice *v) {
    struct hd_notifier *n = v->notifier;
    if (!n) return;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5;
    pthread_mutex_lock(&n->mu);
    while (!n->stop && n->delivered < n->fired)
        if (pthread_cond_timedwait(&n->cv, &n->mu, &deadline) == ETIMEDOUT) break;
    pthread_mutex_unlock(&n->mu);
}

/* ---------------------------------------------------------------- control API for tests */

void notifier_reset_stats(void) {
    /* Called with g_mu held (parse_faults runs under it, or before any thread exists). */
    g_left_at_release = 0; g_delivered = 0; g_last_callback_us = 0; g_max_callback_us = 0;
}

/* Fire notification <name> now on every open vdevice's device (from its notification thread); -1 for an unknown name. */
EXPORT int hailort_double_fire(const char *name) {
    int id = name ? notification_id_of(name) : -1;
    if (id < 0) return -1;
    pthread_mutex_lock(&g_open_mu);
    for (int i = 0; i < MAX_OPEN; i++) if (g_open[i]) fire(g_open[i], id);
    pthread_mutex_unlock(&g_open_mu);
    return 0;
}

/* registered | left_at_release | delivered | last_callback_us | max_callback_us */
EXPORT long hailort_double_notify_stat(const char *what) {
    long r = -1;
    pthread_mutex_lock(&g_mu);
    if (!strcmp(what, "registered")) r = g_registered;
    else if (!strcmp(what, "left_at_release")) r = g_left_at_release;
    else if (!strcmp(what, "delivered")) r = g_delivered;
    else if (!strcmp(what, "last_callback_us")) r = g_last_callback_us;
    else if (!strcmp(what, "max_callback_us")) r = g_max_callback_us;
    pthread_mutex_unlock(&g_mu);
    return r;
}
