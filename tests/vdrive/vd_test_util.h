/* Helpers for the emulated-recorder tests: fresh recorder directories and hand-built
 * CDBs (byte layouts from MMC-6, written out here on purpose: the tests must not share
 * code with the model they judge). */
#ifndef VD_TEST_UTIL_H
#define VD_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vdrive/vdrive.h"
#include "io/core_file.h"

static char vt_dir[1024];

static inline void vt_put16(uint8_t *p, unsigned v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void vt_put32(uint8_t *p, uint32_t v) { p[0] = (uint8_t)(v >> 24); p[1] = (uint8_t)(v >> 16); p[2] = (uint8_t)(v >> 8); p[3] = (uint8_t)v; }
static inline unsigned vt_get16(const uint8_t *p) { return (unsigned)(p[0] << 8 | p[1]); }
static inline uint32_t vt_get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* A fresh recorder directory under IMAPI_TEST_TMP named after the test. */
static inline const char *vt_fresh_dir(const char *name, const vdrive_config *cfg)
{
    const char *tmp = getenv("IMAPI_TEST_TMP");
    static const char *files[] = { "config.txt", "state.txt", "disc.img", "lock" };
    vdrive_config def;
    char path[1200];
    unsigned i;
    if (!tmp) tmp = "/tmp";
    snprintf(vt_dir, sizeof(vt_dir), "%s/%s", tmp, name);
    for (i = 0; i < 4; i++) { snprintf(path, sizeof(path), "%s/%s", vt_dir, files[i]); core_file_remove(path); }
    if (!cfg) { vdrive_config_default(&def); def.becoming_ready = 0; cfg = &def; }
    if (vdrive_create(vt_dir, cfg)) { fprintf(stderr, "cannot create %s\n", vt_dir); exit(2); }
    return vt_dir;
}

typedef struct vt_result
{
    int status;
    uint8_t sk, asc, ascq;
    size_t transferred;
} vt_result;

static inline vt_result vt_run(vdrive *vd, const uint8_t *cdb, unsigned cdb_len, int dir, void *buf, size_t len)
{
    mmc_command cmd;
    vt_result r;
    memset(&cmd, 0, sizeof(cmd));
    memcpy(cmd.cdb, cdb, cdb_len);
    cmd.cdb_len = (uint8_t)cdb_len;
    cmd.dir = (enum mmc_dir)dir;
    cmd.buf = buf;
    cmd.len = len;
    r.status = vdrive_execute(vd, &cmd);
    r.sk = cmd.sense[2] & 0x0F;
    r.asc = cmd.sense[12];
    r.ascq = cmd.sense[13];
    r.transferred = cmd.transferred;
    if (r.status == MMC_STATUS_CHECK_CONDITION && cmd.sense[0] != 0x70) r.sk = 0xFF; /* must be fixed format */
    return r;
}

/* A function, not a macro: the command must run exactly once. */
static inline int vt_sense_is(vt_result r, unsigned k, unsigned a, unsigned q)
{
    if (r.status == MMC_STATUS_CHECK_CONDITION && r.sk == k && r.asc == a && r.ascq == q) return 1;
    fprintf(stderr, "  got status %d sense %02x/%02x/%02x, expected %02x/%02x/%02x\n", r.status, r.sk, r.asc,
            r.ascq, k, a, q);
    return 0;
}
#define SENSE_IS(r, k, a, q) vt_sense_is((r), (k), (a), (q))

static inline vt_result vt_tur(vdrive *vd)
{
    uint8_t c[6] = { 0x00 };
    return vt_run(vd, c, 6, MMC_DIR_NONE, NULL, 0);
}

static inline vt_result vt_get_config(vdrive *vd, unsigned rt, unsigned start, uint8_t *buf, unsigned len)
{
    uint8_t c[10] = { 0x46 };
    c[1] = (uint8_t)rt;
    vt_put16(c + 2, start);
    vt_put16(c + 7, len);
    return vt_run(vd, c, 10, MMC_DIR_IN, buf, len);
}

/* Find a feature descriptor in a GET CONFIGURATION reply; NULL if absent. */
static inline const uint8_t *vt_find_feature(const uint8_t *buf, unsigned code)
{
    uint32_t total = vt_get32(buf) + 4, off = 8;
    while (off + 4 <= total)
    {
        if (vt_get16(buf + off) == code) return buf + off;
        off += 4u + buf[off + 3];
    }
    return NULL;
}

static inline vt_result vt_disc_info(vdrive *vd, uint8_t *buf)
{
    uint8_t c[10] = { 0x51 };
    vt_put16(c + 7, 34);
    return vt_run(vd, c, 10, MMC_DIR_IN, buf, 34);
}

/* READ TRACK INFORMATION by track number (FFh: the invisible track). */
static inline vt_result vt_track_info(vdrive *vd, unsigned track, uint8_t *buf)
{
    uint8_t c[10] = { 0x52, 0x01 };
    vt_put32(c + 2, track);
    vt_put16(c + 7, 48);
    return vt_run(vd, c, 10, MMC_DIR_IN, buf, 48);
}

static inline vt_result vt_write10(vdrive *vd, uint32_t lba, unsigned count, void *buf, size_t bytes_per)
{
    uint8_t c[10] = { 0x2A };
    vt_put32(c + 2, lba);
    vt_put16(c + 7, count);
    return vt_run(vd, c, 10, MMC_DIR_OUT, buf, count * bytes_per);
}

static inline vt_result vt_read10(vdrive *vd, uint32_t lba, unsigned count, void *buf)
{
    uint8_t c[10] = { 0x28 };
    vt_put32(c + 2, lba);
    vt_put16(c + 7, count);
    return vt_run(vd, c, 10, MMC_DIR_IN, buf, count * 2048u);
}

static inline vt_result vt_close(vdrive *vd, unsigned function, unsigned track)
{
    uint8_t c[10] = { 0x5B };
    c[2] = (uint8_t)function;
    vt_put16(c + 4, track);
    return vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0);
}

static inline vt_result vt_sync(vdrive *vd)
{
    uint8_t c[10] = { 0x35 };
    return vt_run(vd, c, 10, MMC_DIR_NONE, NULL, 0);
}

static inline vt_result vt_read_toc(vdrive *vd, unsigned format, int msf, unsigned track, uint8_t *buf, unsigned len)
{
    uint8_t c[10] = { 0x43 };
    c[1] = msf ? 0x02 : 0;
    c[2] = (uint8_t)format;
    c[6] = (uint8_t)track;
    vt_put16(c + 7, len);
    return vt_run(vd, c, 10, MMC_DIR_IN, buf, len);
}

static inline vt_result vt_mode_sense(vdrive *vd, unsigned pc, unsigned page, uint8_t *buf, unsigned len)
{
    uint8_t c[10] = { 0x5A };
    c[2] = (uint8_t)(pc << 6 | page);
    vt_put16(c + 7, len);
    return vt_run(vd, c, 10, MMC_DIR_IN, buf, len);
}

/* Read page 05h, let the caller edit it, send it back with MODE SELECT(10). */
static inline vt_result vt_set_write_params(vdrive *vd, int bufe, unsigned write_type, unsigned multisession,
                                     unsigned track_mode, unsigned block_type)
{
    uint8_t sense[8 + 52], sel[8 + 52], c[10] = { 0x55, 0x10 };
    vt_result r = vt_mode_sense(vd, 0, 0x05, sense, sizeof(sense));
    if (r.status) return r;
    memset(sel, 0, 8);
    memcpy(sel + 8, sense + 8, 52);
    sel[8] &= 0x3F;                                      /* PS is reserved in MODE SELECT */
    sel[8 + 2] = (uint8_t)((sel[8 + 2] & ~0x4F) | (bufe ? 0x40 : 0) | write_type);
    sel[8 + 3] = (uint8_t)(multisession << 6 | track_mode);
    sel[8 + 4] = (uint8_t)block_type;
    vt_put16(c + 7, sizeof(sel));
    return vt_run(vd, c, 10, MMC_DIR_OUT, sel, sizeof(sel));
}

#endif
