/*
 * The double's "HEF": a small text model description (native/README.md), and the HEF queries.
 */
#define _GNU_SOURCE
#include "double_internal.h"

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

/* The first 64 KiB of a file, on the heap: koffi runs asynchronous calls on a 128 KiB stack. */
static char *read_head(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 16);
    if (buf) *n = fread(buf, 1, (1 << 16) - 1, f);
    fclose(f);
    return buf;
}

/* A real HEF (its magic 0x01484546, big-endian) is answered with the description named by
 * HAILORT_DOUBLE_HEF_DESCRIPTION, so tests can make HailoRT's answer agree or disagree with the
 * project's own HEF reader; without it, a real HEF is invalid for the double (26). */
static hailo_status new_hef_or_described(const char *bytes, size_t len, hailo_hef *out) {
    static const unsigned char hef_magic[4] = { 0x01, 0x48, 0x45, 0x46 };
    const char *described = getenv("HAILORT_DOUBLE_HEF_DESCRIPTION");
    if (len < 4 || memcmp(bytes, hef_magic, 4) || !described || !*described) return new_hef(bytes, len, out);
    size_t n = 0;
    char *buf = read_head(described, &n);
    if (!buf) return HD_OPEN_FILE_FAILURE;
    hailo_status status = new_hef(buf, n, out);
    free(buf);
    return status;
}

EXPORT hailo_status hailo_create_hef_file(hailo_hef *out, const char *path) {
    ENTER("hailo_create_hef_file");
    if (!out || !path) return HD_INVALID_ARGUMENT;
    size_t n = 0;
    char *buf = read_head(path, &n);
    if (!buf) return HD_OPEN_FILE_FAILURE;
    hailo_status status = new_hef_or_described(buf, n, out);
    free(buf);
    return status;
}

EXPORT hailo_status hailo_create_hef_buffer(hailo_hef *out, const void *buffer, size_t size) {
    ENTER("hailo_create_hef_buffer");
    if (!out || !buffer || !size) return HD_INVALID_ARGUMENT;
    return new_hef_or_described(buffer, size, out);
}

EXPORT hailo_status hailo_release_hef(hailo_hef hef) {
    ENTER("hailo_release_hef");
    hef_t *h = (hef_t *)hef;
    if (!valid(h, K_HEF)) { misuse("hailo_release_hef on an invalid or released hef"); return HD_INVALID_ARGUMENT; }
    h->alive = false;
    live(K_HEF, -1);
    return HD_SUCCESS;
}

const group_desc *find_group(const model_desc *m, const char *name) {
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

void fill_info(const group_desc *g, const vstream_desc *v, hailo_vstream_info_t *out) {
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


bool is_nms(const vstream_desc *v) { return v->order == HD_ORDER_HAILO_NMS || v->order == HD_ORDER_NMS_BY_CLASS; }

/* HailoRTCommon::get_frame_size: the shape's elements in the user type (AUTO: the vstream's own),
 * or for NMS orders the classes' (count + boxes × 5 floats) as the double's chip writes them. */
EXPORT hailo_status hailo_get_vstream_frame_size(hailo_vstream_info_t *info, hailo_format_t *format, size_t *frame_size) {
    ENTER("hailo_get_vstream_frame_size");
    if (!info || !format || !frame_size) return HD_INVALID_ARGUMENT;
    if (info->format.order == HD_ORDER_HAILO_NMS || info->format.order == HD_ORDER_NMS_BY_CLASS) {
        *frame_size = (size_t)info->nms_shape.number_of_classes * (4 + (size_t)info->nms_shape.max_bboxes_per_class * 20);
        return HD_SUCCESS;
    }
    int type = format->type == HD_FORMAT_TYPE_AUTO ? info->format.type : format->type;
    size_t bytes = type == HD_FORMAT_TYPE_FLOAT32 ? 4 : type == HD_FORMAT_TYPE_UINT16 ? 2 : type == HD_FORMAT_TYPE_UINT8 ? 1 : 0;
    if (!bytes) return HD_INVALID_ARGUMENT;
    *frame_size = (size_t)info->shape.height * info->shape.width * info->shape.features * bytes;
    return HD_SUCCESS;
}
