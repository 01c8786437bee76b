/* GET CONFIGURATION: the profile list and the feature descriptors, "current" bits
 * following the loaded media. Each feature is one small builder in a table. */
#include <string.h>
#include "vdrive_internal.h"

typedef struct feature_ctx
{
    vdrive *vd;
    uint16_t cur;          /* current profile (0 without media) */
    const vd_media_info *m;
} feature_ctx;

/* A builder fills data (the bytes after the 4-byte descriptor header), sets version and
 * current, and returns the additional length; -1 when the drive lacks the feature. */
typedef int (*feature_fn)(const feature_ctx *f, uint8_t *data, int *version, int *current);

static int has_profile(const feature_ctx *f, uint16_t p)
{
    unsigned i;
    for (i = 0; i < f->vd->cfg.nprofiles; i++) if (f->vd->cfg.profiles[i] == p) return 1;
    return 0;
}

static int has_family(const feature_ctx *f, enum vd_family fam)
{
    unsigned i;
    for (i = 0; i < f->vd->cfg.nprofiles; i++)
    {
        const vd_media_info *m = vd_media_find(f->vd->cfg.profiles[i]);
        if (m && m->family == fam) return 1;
    }
    return 0;
}

static int is_cur(const feature_ctx *f, uint16_t p) { return f->cur && f->cur == p; }
static unsigned blocking(const feature_ctx *f)
{
    return !f->m ? 1 : f->m->family == VD_DVD ? 16 : f->m->family == VD_BD ? 32 : 1;
}

static int feat_profile_list(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    unsigned i;
    *ver = 0; *cur = 1;
    for (i = 0; i < f->vd->cfg.nprofiles; i++)
    {
        put_be16(d + 4 * i, f->vd->cfg.profiles[i]);
        d[4 * i + 2] = is_cur(f, f->vd->cfg.profiles[i]) ? 0x01 : 0x00;  /* CurrentP */
        d[4 * i + 3] = 0;
    }
    return (int)(4 * i);
}

static int feat_core(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 2; *cur = 1;
    put_be32(d, 0x00000001);      /* physical interface standard: SCSI family */
    d[4] = 0x03;                  /* INQ2, DBE */
    return 8;
}

static int feat_morphing(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 1; *cur = 1;
    d[0] = 0x02;                  /* OCEvent */
    return 4;
}

static int feat_removable(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 2; *cur = 1;
    d[0] = 0x20 | 0x10 | 0x08 | 0x01;   /* tray loading mechanism, Load, Eject, Lock */
    if (f->vd->cfg.manual_load) d[0] = 0x08 | 0x01;   /* caddy/slot mechanism: Eject and Lock only */
    return 4;
}

static int feat_random_readable(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 0;
    *cur = f->m && vd_media_ready(f->vd) && vd_disc_status(f->vd) != 0;
    put_be32(d, MMC_SECTOR_DATA);
    put_be16(d + 4, blocking(f));
    d[6] = 0x01;                  /* PP */
    return 8;
}

static int feat_cd_read(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_family(f, VD_CD)) return -1;
    *ver = 2; *cur = f->m && f->m->family == VD_CD;
    d[0] = 0x01;                  /* CD-Text */
    return 4;
}

static int feat_dvd_read(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_family(f, VD_DVD)) return -1;
    *ver = 1; *cur = f->m && f->m->family == VD_DVD;
    d[0] = 0x01;                  /* MULTI110 */
    d[2] = 0x01;                  /* DualR */
    return 4;
}

static int feat_random_writable(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_DVD_RAM) && !has_profile(f, MMC_PROFILE_BD_REWRITABLE) &&
        !has_profile(f, MMC_PROFILE_DVD_PLUS_RW) && !has_profile(f, MMC_PROFILE_DVD_DASH_RW_RESTRICTED))
        return -1;
    *ver = 0;
    *cur = f->m && f->m->kind == VD_OVERWRITE && f->vd->st.formatted && !f->vd->st.write_protected;
    put_be32(d, *cur ? f->vd->st.capacity - 1 : 0);   /* last LBA */
    put_be32(d + 4, MMC_SECTOR_DATA);
    put_be16(d + 8, blocking(f));
    d[10] = 0x01;
    return 12;
}

static int feat_incremental(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    int cd = has_profile(f, MMC_PROFILE_CD_RECORDABLE) || has_profile(f, MMC_PROFILE_CD_REWRITABLE);
    int dvd = has_profile(f, MMC_PROFILE_DVD_DASH_RECORDABLE) || has_profile(f, MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL);
    if (!cd && !dvd) return -1;
    *ver = 1;
    *cur = is_cur(f, MMC_PROFILE_CD_RECORDABLE) || is_cur(f, MMC_PROFILE_CD_REWRITABLE) ||
           is_cur(f, MMC_PROFILE_DVD_DASH_RECORDABLE) || is_cur(f, MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL);
    put_be16(d, 0x0101);          /* data block types: raw 2352 (0) and Mode 1 (8) */
    d[2] = 0x01;                  /* BUF: buffer underrun free recording */
    d[3] = 1;                     /* one link size */
    d[4] = f->m && f->m->family == VD_DVD ? 16 : 7;
    return 8;
}

static int feat_formattable(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    static const uint16_t p[] = { MMC_PROFILE_DVD_PLUS_RW, MMC_PROFILE_DVD_RAM, MMC_PROFILE_BD_REWRITABLE,
                                  MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL, MMC_PROFILE_DVD_DASH_RW_RESTRICTED,
                                  MMC_PROFILE_BD_R_SEQUENTIAL };
    unsigned i; int any = 0;
    *ver = 0; *cur = 0;
    for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) { any |= has_profile(f, p[i]); *cur |= is_cur(f, p[i]); }
    if (!any) return -1;
    return 8;
}

static int feat_write_once(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_BD_R_SEQUENTIAL)) return -1;
    *ver = 0; *cur = is_cur(f, MMC_PROFILE_BD_R_SEQUENTIAL);
    put_be32(d, MMC_SECTOR_DATA);
    put_be16(d + 4, 32);
    d[6] = 0x01;
    return 8;
}

static int feat_restricted_overwrite(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_DVD_DASH_RW_RESTRICTED)) return -1;
    *ver = 0; *cur = is_cur(f, MMC_PROFILE_DVD_DASH_RW_RESTRICTED);
    return 0;
}

static int feat_dvd_plus_rw(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_DVD_PLUS_RW)) return -1;
    *ver = 1; *cur = is_cur(f, MMC_PROFILE_DVD_PLUS_RW);
    d[0] = 0x01;                  /* Write */
    return 4;
}

static int feat_dvd_plus_r(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_DVD_PLUS_R)) return -1;
    *ver = 0; *cur = is_cur(f, MMC_PROFILE_DVD_PLUS_R) || is_cur(f, MMC_PROFILE_DVD_PLUS_R_DUAL);
    d[0] = 0x01;
    return 4;
}

static int feat_cd_tao(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_CD_RECORDABLE) && !has_profile(f, MMC_PROFILE_CD_REWRITABLE)) return -1;
    *ver = 2; *cur = is_cur(f, MMC_PROFILE_CD_RECORDABLE) || is_cur(f, MMC_PROFILE_CD_REWRITABLE);
    d[0] = 0x40 | 0x04 | 0x02;    /* BUF, Test Write, CD-RW */
    put_be16(d + 2, 0x0101);      /* data types: raw 2352, Mode 1 */
    return 4;
}

static int feat_cd_mastering(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_CD_RECORDABLE) && !has_profile(f, MMC_PROFILE_CD_REWRITABLE)) return -1;
    *ver = 0; *cur = is_cur(f, MMC_PROFILE_CD_RECORDABLE) || is_cur(f, MMC_PROFILE_CD_REWRITABLE);
    d[0] = 0x40 | 0x20 | 0x10 | 0x08 | 0x04 | 0x02 | 0x01;  /* BUF, SAO, raw MS, raw, test, CD-RW, R-W */
    put_be24(d + 1, 0x000F00);    /* maximum cue sheet length */
    return 4;
}

static int feat_dvd_dash_write(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_DVD_DASH_RECORDABLE) && !has_profile(f, MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL))
        return -1;
    *ver = 1;
    *cur = is_cur(f, MMC_PROFILE_DVD_DASH_RECORDABLE) || is_cur(f, MMC_PROFILE_DVD_DASH_RW_SEQUENTIAL) ||
           is_cur(f, MMC_PROFILE_DVD_DASH_RW_RESTRICTED);
    d[0] = 0x40 | 0x04 | 0x02;    /* BUF, Test Write, DVD-RW SL */
    return 4;
}

static int feat_dvd_plus_r_dl(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_DVD_PLUS_R_DUAL)) return -1;
    *ver = 0; *cur = is_cur(f, MMC_PROFILE_DVD_PLUS_R_DUAL);
    d[0] = 0x01;
    return 4;
}

static int feat_bd_read(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_family(f, VD_BD)) return -1;
    *ver = 1; *cur = f->m && f->m->family == VD_BD;
    put_be16(d + 4, 0x0004);      /* BD-RE class 0, version 2 */
    put_be16(d + 12, 0x0002);     /* BD-R class 0, version 1 */
    put_be16(d + 20, 0x0002);     /* BD-ROM class 0, version 1 */
    return 28;
}

static int feat_bd_write(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    if (!has_profile(f, MMC_PROFILE_BD_R_SEQUENTIAL) && !has_profile(f, MMC_PROFILE_BD_REWRITABLE)) return -1;
    *ver = 1; *cur = is_cur(f, MMC_PROFILE_BD_R_SEQUENTIAL) || is_cur(f, MMC_PROFILE_BD_REWRITABLE);
    d[0] = 0x01;                  /* SVNR */
    put_be16(d + 4, 0x0004);
    put_be16(d + 12, 0x0002);
    return 20;
}

static int feat_power(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 0; *cur = 1;
    return 0;
}

static int feat_timeout(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 1; *cur = 1;
    put_be16(d + 2, 512);         /* unit length */
    return 4;
}

static int feat_rt_streaming(const feature_ctx *f, uint8_t *d, int *ver, int *cur)
{
    *ver = 3; *cur = 1;
    d[0] = 0x10 | 0x08 | 0x04 | 0x02 | 0x01;  /* RBCB, SCS, MP2A, WSPD, SW */
    return 4;
}

static const struct { uint16_t code; feature_fn fn; } features[] =
{
    { MMC_FEATURE_PROFILE_LIST, feat_profile_list },
    { MMC_FEATURE_CORE, feat_core },
    { MMC_FEATURE_MORPHING, feat_morphing },
    { MMC_FEATURE_REMOVABLE_MEDIUM, feat_removable },
    { MMC_FEATURE_RANDOMLY_READABLE, feat_random_readable },
    { MMC_FEATURE_CD_READ, feat_cd_read },
    { MMC_FEATURE_DVD_READ, feat_dvd_read },
    { MMC_FEATURE_RANDOMLY_WRITABLE, feat_random_writable },
    { MMC_FEATURE_INCREMENTAL_STREAMING_WRITABLE, feat_incremental },
    { MMC_FEATURE_FORMATTABLE, feat_formattable },
    { MMC_FEATURE_WRITE_ONCE, feat_write_once },
    { MMC_FEATURE_RESTRICTED_OVERWRITE, feat_restricted_overwrite },
    { MMC_FEATURE_DVD_PLUS_RW, feat_dvd_plus_rw },
    { MMC_FEATURE_DVD_PLUS_R, feat_dvd_plus_r },
    { MMC_FEATURE_CD_TRACK_AT_ONCE, feat_cd_tao },
    { MMC_FEATURE_CD_MASTERING, feat_cd_mastering },
    { MMC_FEATURE_DVD_DASH_WRITE, feat_dvd_dash_write },
    { MMC_FEATURE_DVD_PLUS_R_DUAL_LAYER, feat_dvd_plus_r_dl },
    { MMC_FEATURE_BD_READ, feat_bd_read },
    { MMC_FEATURE_BD_WRITE, feat_bd_write },
    { MMC_FEATURE_POWER_MANAGEMENT, feat_power },
    { MMC_FEATURE_TIMEOUT, feat_timeout },
    { MMC_FEATURE_REAL_TIME_STREAMING, feat_rt_streaming },
};

int vd_cmd_get_configuration(vdrive *vd, mmc_command *cmd)
{
    const uint8_t *c = cmd->cdb;
    unsigned rt = c[1] & 0x03, start = get_be16(c + 2), i;
    uint8_t data[1024];
    size_t len = 8;
    feature_ctx f;

    if (rt == 3) return vd_invalid_cdb(cmd);
    f.vd = vd;
    f.cur = vd->st.media_present && !vd->st.tray_open ? vd->st.profile : 0;
    f.m = f.cur ? vd_media_find(f.cur) : NULL;
    memset(data, 0, sizeof(data));
    for (i = 0; i < sizeof(features) / sizeof(features[0]); i++)
    {
        uint8_t *d = data + len;
        int ver = 0, current = 0, n;
        if (features[i].code < start || (rt == 2 && features[i].code != start)) continue;
        n = features[i].fn(&f, d + 4, &ver, &current);
        if (n < 0 || (rt == 1 && !current)) continue;
        put_be16(d, features[i].code);
        /* the drive-level features never change: mark them persistent */
        d[2] = (uint8_t)(ver << 2 | (features[i].code <= MMC_FEATURE_REMOVABLE_MEDIUM ||
                                     features[i].code >= MMC_FEATURE_POWER_MANAGEMENT ? 0x02 : 0) | (current ? 1 : 0));
        d[3] = (uint8_t)n;
        len += 4 + (size_t)n;
    }
    put_be32(data, (uint32_t)(len - 4));
    put_be16(data + 6, f.cur);
    return vd_reply(cmd, data, len, get_be16(c + 7));
}
