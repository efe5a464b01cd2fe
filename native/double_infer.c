/*
 * The double's software chip: (de)quantize like HailoRT (quantization.hpp), compute a deterministic
 * function of the input bytes, and write/read with timeouts and injected corruptions.
 */
#define _GNU_SOURCE
#include "double_internal.h"

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

/* The host bugs of the "convert" fault: float32 pixels 0-255 converted as if they were 0-1 (clipped
 * to [0,1], scaled to the raw type's full range; the quantization parameters ignored), or the float
 * buffer's bytes sent as the frame. */
static void convert_wrongly(const vstream_desc *d, const float *src, uint8_t *dst, int how) {
    size_t n = elements(d);
    if (how == 2) { memcpy(dst, src, n * type_bytes(d->raw_type)); return; }
    float top = d->raw_type == HD_FORMAT_TYPE_UINT16 ? 65535.0f : 255.0f;
    for (size_t i = 0; i < n; i++) {
        float x = src[i] != src[i] ? 0.0f : src[i] < 0.0f ? 0.0f : src[i] > 1.0f ? 1.0f : src[i];
        float r = rintf(x * top);
        if (d->raw_type == HD_FORMAT_TYPE_UINT16) ((uint16_t *)dst)[i] = (uint16_t)r;
        else dst[i] = (uint8_t)r;
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
    pthread_mutex_lock(&g_mu);
    int convert = g_faults.convert;
    pthread_mutex_unlock(&g_mu);
    pthread_mutex_lock(&g->mu);
    if (!g->pending[s->index]) g->pending[s->index] = malloc(raw_bytes);
    uint8_t *dst = g->pending[s->index];
    if (!dst) { pthread_mutex_unlock(&g->mu); return HD_OUT_OF_HOST_MEMORY; }
    if (s->user_type == HD_FORMAT_TYPE_FLOAT32 && convert) convert_wrongly(d, buffer, dst, convert);
    else if (s->user_type == HD_FORMAT_TYPE_FLOAT32) quantize(d, buffer, dst);
    else memcpy(dst, buffer, raw_bytes);
    g->written[s->index] = true;
    bool all = true;
    for (int i = 0; i < g->desc->nvs; i++) if (g->desc->vs[i].direction == HD_H2D && !g->written[i]) all = false;
    if (all) compute(g);
    pthread_mutex_unlock(&g->mu);
    if (all) notifier_frame_computed(g->vdevice);
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
    notifier_wait_delivered(g->vdevice);
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

