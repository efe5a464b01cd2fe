/*
 * The double's network groups and vstreams: configure, vstream parameters, creation, release and
 * the queries on them. The software chip behind write/read is double_infer.c.
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

size_t elements(const vstream_desc *v) { return (size_t)v->height * v->width * v->features; }
size_t type_bytes(int type) { return type == HD_FORMAT_TYPE_FLOAT32 ? 4 : type == HD_FORMAT_TYPE_UINT16 ? 2 : 1; }

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

vstream_t *checked(const void *h, int kind, const char *fn) {
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
