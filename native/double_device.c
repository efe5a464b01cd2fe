/*
 * The double's library version, devices and vdevices: the "chip" is a file held with flock.
 */
#define _GNU_SOURCE
#include "double_internal.h"

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
int chip_arch(void) {
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
    notifier_start(v);
    live(K_VDEVICE, +1);
    *out = v;
    return HD_SUCCESS;
}

EXPORT hailo_status hailo_release_vdevice(hailo_vdevice v) {
    ENTER("hailo_release_vdevice");
    if (!valid(v, K_VDEVICE)) { misuse("hailo_release_vdevice on an invalid or released vdevice"); return HD_INVALID_ARGUMENT; }
    /* As HailoRT's device destructor: the notification thread is joined, callbacks die with it. */
    notifier_stop(v);
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

/* hailo_get_chip_temperature, hailo_get_throttling_state: double_notify.c */

