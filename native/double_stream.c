/*
 * The double's network groups, vstreams and software chip: configure, (de)quantize like HailoRT,
 * compute, write/read with timeouts and injected corruptions.
 */
#define _GNU_SOURCE
#include "double_internal.h"

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

void free_group(group_t *g) {
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
    /* HailoRT checks the HEF's architecture when the vdevice configures it (check_hef_is_compatible):
     * HAILO_INVALID_HEF up to 4.20, HAILO_HEF_NOT_COMPATIBLE_WITH_DEVICE from 4.21. */
    if (h->model.arch == HD_ARCH_HAILO8 && chip_arch() == HD_ARCH_HAILO8L)
        return HD_LAYOUT_FAMILY >= 421 ? HD_HEF_NOT_COMPATIBLE_WITH_DEVICE : HD_INVALID_HEF;
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

